"""Text -> :class:`~catalog.models.Catalog`, with every problem located by file, line and column.

The happy path is fast: ``yaml-rs`` parses, Pydantic validates, the cross-entry rules run. Only
when something is wrong (or a warning needs a position) is the file read again by the strict,
position-tracking reader, so that each problem can name its line and column. See
``bench/README.md`` for why.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog import yamlsource
from catalog.errors import CatalogReadError, CatalogValidationError, Problem
from catalog.yamlsource import Positions, YamlProblem

if TYPE_CHECKING:
    from pydantic import ValidationError

    from catalog.models import Catalog
    from catalog.rules import Finding

_RESOURCES_BLOCK = re.compile(r"^resources:[ \t]*(?:#.*)?$", re.MULTILINE)
_TOP_LEVEL_KEY = re.compile(r"^[^\s#-]", re.MULTILINE)
_ID_LINE = re.compile(
    r"^[ \t]*(?:-[ \t]+)?\{?[ \t]*id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE
)


def load(path: str | Path) -> Catalog:
    """Read and validate a catalog file.

    Raises :class:`~catalog.errors.CatalogReadError` when the file cannot be read or parsed and
    :class:`~catalog.errors.CatalogValidationError` when it breaks a rule; both carry every
    problem found. Warnings are kept on ``Catalog.warnings``.
    """
    return loads(read_catalog_bytes(Path(path)), source=str(path))


def read_catalog_bytes(path: Path) -> bytes:
    """The raw bytes of a catalog file, or a one-line CatalogReadError."""
    name = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _read_error(name, "file not found; pass --catalog PATH or set CATALOG_FILE") from None
    except IsADirectoryError:
        raise _read_error(name, "is a folder, not a catalog file") from None
    except OSError as exc:
        raise _read_error(name, f"cannot read the file: {exc.strerror or exc}") from None


def loads(raw: bytes | str, *, source: str = "resources.yaml") -> Catalog:
    """Validate catalog text; ``source`` names the file in messages."""
    text = _decode(raw, source) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    if not _has_content(text):
        raise _read_error(source, "the file is empty; it needs 'topics:' and 'resources:'")
    positions: Positions | None = None
    data: Any
    if yamlsource.needs_strict(text):
        data, positions = _strict(text, source)
    else:
        try:
            data = yamlsource.fast_parse(text)
        except YamlProblem:
            data, positions = _strict(text, source)
    _check_top_level(data, source)
    return _validate(data, text, source, positions)


def _validate(data: Any, text: str, source: str, positions: Positions | None) -> Catalog:
    from pydantic import ValidationError

    from catalog import rules
    from catalog.modelkit import validate
    from catalog.models import Catalog

    findings = rules.check(data)
    try:
        catalog: Catalog | None = validate(Catalog, data)
        schema_error: ValidationError | None = None
    except ValidationError as exc:
        catalog, schema_error = None, exc
    failed = schema_error is not None or any(f.severity == "error" for f in findings)
    if (failed or findings) and positions is None:
        # Locate problems with the strict reader; it must see the same data to be trusted.
        strict_data, positions = _strict(text, source)
        if strict_data != data:
            _check_top_level(strict_data, source)
            return _validate(strict_data, text, source, positions)
    problems = [_locate(f, positions, source) for f in findings] if positions else []
    if schema_error is not None:
        assert positions is not None
        problems += _schema_problems(schema_error, positions, source, data)
    if catalog is None or any(p.severity == "error" for p in problems):
        raise CatalogValidationError(problems)
    catalog = _canonical_topics(catalog)
    return catalog.located(source, _resource_lines(catalog, text, positions), problems)


def _canonical_topics(catalog: Catalog) -> Catalog:
    names = catalog.topic_ids()
    if all(names[t] == t for r in catalog.resources for t in r.topics):
        return catalog
    resources = [
        dataclasses.replace(r, topics=list(dict.fromkeys(names[t] for t in r.topics)))
        for r in catalog.resources
    ]
    return catalog.replace(resources=resources)


def _resource_lines(catalog: Catalog, text: str, positions: Positions | None) -> dict[str, int]:
    if positions is not None:
        return {
            r.id: positions.of_value(("resources", i))[0] for i, r in enumerate(catalog.resources)
        }
    # Fast path: find each "id:" line and keep the map only if it accounts for every resource.
    lines: dict[str, int] = {}
    wanted = {r.id for r in catalog.resources}
    block = _RESOURCES_BLOCK.search(text)
    start = block.end() if block else len(text)
    after = _TOP_LEVEL_KEY.search(text, start)
    line, counted = 1, 0
    for match in _ID_LINE.finditer(text, start, after.start() if after else len(text)):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match.group(1) in wanted and match.group(1) not in lines:
            lines[match.group(1)] = line
    if len(lines) == len(wanted):
        return lines
    return _resource_lines(catalog, text, _strict(text, "")[1])


def _strict(text: str, source: str) -> tuple[Any, Positions]:
    try:
        return yamlsource.strict_parse(text)
    except YamlProblem as exc:
        problem = Problem(exc.line, exc.column, "", exc.message, source, exc.hint)
        raise CatalogReadError([problem]) from None


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save the file as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "the file looks like UTF-16; save it as UTF-8"
        problem = Problem(line, column, "", "the file is not UTF-8 text", source, hint)
        raise CatalogReadError([problem]) from None


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _check_top_level(data: Any, source: str) -> None:
    if isinstance(data, dict):
        return
    kind = "nothing" if data is None else f"a {_type_name(data)}"
    raise _read_error(
        source,
        f"the top level must be a mapping with 'topics' and 'resources', not {kind}",
        line=1,
    )


def _read_error(source: str, message: str, line: int = 0) -> CatalogReadError:
    return CatalogReadError([Problem(line, line, "", message, source)])


def _locate(finding: Finding, positions: Positions, source: str) -> Problem:
    if finding.at_key:
        line, column = positions.of_key(finding.loc)
    else:
        line, column = positions.of_value(finding.loc)
    return Problem(
        line,
        column,
        _dotted(finding.loc),
        finding.message,
        source,
        finding.hint,
        finding.severity,
    )


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _type_name(value: Any) -> str:
    names = {dict: "mapping", list: "list", str: "text", bool: "boolean", int: "number"}
    return names.get(type(value), type(value).__name__)


def _schema_problems(
    exc: ValidationError, positions: Positions, source: str, data: Any
) -> list[Problem]:
    from catalog.schema_errors import explain, is_union_noise

    problems: dict[tuple[str | int, ...], Problem] = {}
    errors = exc.errors(include_url=False)
    # Pydantic reports every branch of a union; the branch that fits the value's type says what
    # is really wrong. Other branches speak only for a place nothing else explained.
    ordered = sorted(errors, key=lambda e: is_union_noise(e, data))
    for error in ordered:
        loc, message, hint, at_key = explain(error, data)
        line, column = positions.of_key(loc) if at_key else positions.of_value(loc)
        problems.setdefault(loc, Problem(line, column, _dotted(loc), message, source, hint))
    return sorted(problems.values())
