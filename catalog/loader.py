"""Text -> :class:`~catalog.models.Catalog`, with every problem located by file, line and column.

One reading path: :mod:`catalog.yamldoc` parses (YAML 1.2 core, a position for every node),
the cross-entry rules and the schema check the data, and each problem is located on the parsed
document's log, the same document whichever command reads the file. See ``bench/yaml/README.md``
for the figures behind the reader.

Placeholders: ``catalog import`` writes ``TODO`` (and ``""``) where Markdown gives no value, and
those fail validation on purpose. With ``placeholders="skip"`` (what the query commands ask for)
a catalog whose *only* errors are such placeholders loads without the entries that hold them,
and says so in one warning (:func:`left_out`); ``catalog validate`` lists each one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from catalog.errors import CatalogReadError, CatalogValidationError, Problem

if TYPE_CHECKING:
    from pydantic import ValidationError

    from catalog.models import Catalog
    from catalog.rules import Finding
    from catalog.yamldoc import Document

Loc = tuple[str | int, ...]
Placeholders = Literal["error", "skip"]
PLACEHOLDER = "TODO"
_LEFT_OUT = "left out until their import placeholders are filled in"


def load(path: str | Path, *, placeholders: Placeholders = "error") -> Catalog:
    """Read and validate a catalog file.

    Raises :class:`~catalog.errors.CatalogReadError` when the file cannot be read or parsed and
    :class:`~catalog.errors.CatalogValidationError` when it breaks a rule; both carry every
    problem found. Warnings are kept on ``Catalog.warnings``.
    """
    return loads(read_catalog_bytes(Path(path)), source=str(path), placeholders=placeholders)


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


def loads(
    raw: bytes | str, *, source: str = "resources.yaml", placeholders: Placeholders = "error"
) -> Catalog:
    """Validate catalog text; ``source`` names the file in messages."""
    from catalog.yamldoc import parse, to_python

    text = _decode(raw, source) if isinstance(raw, bytes) else raw
    if not _has_content(text):
        raise _read_error(source, "the file is empty; it needs 'topics:' and 'resources:'")
    doc = parse(text, source=source)
    return from_document(doc, to_python(doc), placeholders=placeholders)


def from_document(doc: Document, data: Any, *, placeholders: Placeholders = "error") -> Catalog:
    """Validate the data of a parsed document (``to_python(doc)``); problems are located on
    ``doc``. The curation commands call this with the document they parsed to check an edit."""
    _check_top_level(data, doc.source)
    return _validate(_Located(doc), data, placeholders)


def left_out(catalog: Catalog) -> Problem | None:
    """The warning of a catalog loaded without the entries that hold import placeholders."""
    return next((w for w in catalog.warnings if w.message.endswith(_LEFT_OUT)), None)


class _Located:
    """Where each path of the data is written: the document's log, read on demand."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.source = doc.source

    def of_value(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the value at ``loc``, or of its nearest ancestor that exists."""
        entry = self.doc.locate(loc)
        return self.doc.line_col(self.doc.start(entry)) if entry >= 0 else (1, 1)

    def of_key(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the key naming ``loc``, falling back to the value's."""
        entry = self.doc.locate_key(loc)
        return self.doc.line_col(self.doc.start(entry)) if entry >= 0 else (1, 1)

    def written(self, loc: Loc) -> str | None:
        """The text of the scalar at exactly ``loc`` as the user wrote it (for an alias, of the
        scalar it names; without an anchor or tag), or None."""
        from catalog.yamldoc.log import SCALAR
        from catalog.yamldoc.splice import value_start

        doc = self.doc
        entry = doc.locate(loc) if loc else -1
        if entry < 0 or not _is_at(doc, loc, entry):
            return None
        entry = doc.resolve(entry)
        if doc.kind(entry) != SCALAR:
            return None
        written = doc.text[value_start(doc, entry) : doc.tail(entry)]
        return written if "\n" not in written else None

    def resource_lines(self, count: int) -> list[int]:
        """The line where each of the first ``count`` resources starts."""
        doc = self.doc
        resources = doc.child(0, "resources") if doc.log.kinds else -1
        if resources < 0:
            return []
        entries = doc.items(doc.resolve(resources))[:count]
        return [doc.line_col(doc.start(e))[0] for e in entries]


def _is_at(doc: Document, loc: Loc, entry: int) -> bool:
    """Whether ``entry`` is the node at ``loc`` itself, not an ancestor standing in for it."""
    parent = doc.locate(loc[:-1])
    return doc.child(parent, loc[-1]) == entry


def _validate(where: _Located, data: Any, placeholders: Placeholders) -> Catalog:
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
    located = [(f.loc, _locate(f, where)) for f in findings]
    if schema_error is not None:
        located += _schema_problems(schema_error, where, data)
    problems = [p for _, p in located]
    if catalog is None or any(p.severity == "error" for p in problems):
        errors = [(loc, p) for loc, p in located if p.severity == "error"]
        if placeholders == "skip" and all(_is_placeholder(where, loc) for loc, _ in errors):
            return _without_placeholders(where, data, [loc for loc, _ in errors])
        raise CatalogValidationError(problems)
    catalog = _canonical_topics(catalog)
    resources = catalog.resources
    lines = dict(zip((r.id for r in resources), where.resource_lines(len(resources)), strict=False))
    return catalog.located(where.source, lines, problems)


def _is_placeholder(where: _Located, loc: Loc) -> bool:
    """An error at a value ``import`` wrote as a placeholder: ``TODO``, or ``""`` text."""
    written = where.written(loc)
    in_place = len(loc) >= 2 and (loc[0] == "resources" or loc[::2] == ("topics", "description"))
    return in_place and written in (PLACEHOLDER, '""', "''")


def _without_placeholders(where: _Located, data: dict[str, Any], locs: list[Loc]) -> Catalog:
    """The catalog without the resources that hold placeholders; a topic whose description is
    a placeholder reads its title there. One warning says how many entries were left out."""
    dropped = {loc[1] for loc in locs if loc[0] == "resources"}
    topics = dict(data.get("topics") or {})
    for loc in locs:
        if loc[0] == "topics" and isinstance(topics.get(loc[1]), dict):
            topic = topics[str(loc[1])]
            topics[str(loc[1])] = {**topic, "description": topic.get("title") or loc[1]}
    kept = [r for i, r in enumerate(data["resources"]) if i not in dropped]
    catalog = _validate(where, {**data, "topics": topics, "resources": kept}, "error")
    shown = f"{len(dropped)} resource{'s' if len(dropped) != 1 else ''}" if dropped else "topics"
    note = Problem(
        0,
        0,
        "",
        f"{shown} {_LEFT_OUT}",
        where.source,
        "'catalog validate' lists each placeholder with its line",
        "warning",
    )
    # Entries after a dropped one keep their own lines; look them up in the original list.
    ids = [r.get("id") if isinstance(r, dict) else None for r in data["resources"]]
    lines = dict(zip(ids, where.resource_lines(len(ids)), strict=False))
    kept_lines = {r.id: lines[r.id] for r in catalog.resources if isinstance(lines.get(r.id), int)}
    return catalog.located(where.source, kept_lines, [*catalog.warnings, note])


def _canonical_topics(catalog: Catalog) -> Catalog:
    names = catalog.topic_ids()
    if all(names[t] == t for r in catalog.resources for t in r.topics):
        return catalog
    resources = [
        dataclasses.replace(r, topics=list(dict.fromkeys(names[t] for t in r.topics)))
        for r in catalog.resources
    ]
    return catalog.replace(resources=resources)


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save the file as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "the file looks like UTF-16; save it as UTF-8"
        problem = Problem(line, column, "", "the file is not UTF-8 text", source, hint)
        raise CatalogReadError([problem]) from None


def _has_content(text: str) -> bool:
    for line in text.removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return True
    return False


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


def _locate(finding: Finding, where: _Located) -> Problem:
    locate: Callable[[Loc], tuple[int, int]] = where.of_key if finding.at_key else where.of_value
    line, column = locate(finding.loc)
    return Problem(
        line,
        column,
        _dotted(finding.loc),
        finding.message,
        where.source,
        finding.hint,
        finding.severity,
    )


def _dotted(loc: Loc) -> str:
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


def _schema_problems(exc: ValidationError, where: _Located, data: Any) -> list[tuple[Loc, Problem]]:
    from catalog.schema_errors import explain, is_union_noise

    problems: dict[Loc, Problem] = {}
    errors = exc.errors(include_url=False)
    # Pydantic reports every branch of a union; the branch that fits the value's type says what
    # is really wrong. Other branches speak only for a place nothing else explained.
    ordered = sorted(errors, key=lambda e: is_union_noise(e, data))
    for error in ordered:
        loc, message, hint, at_key = explain(error, data, where.written)
        line, column = where.of_key(loc) if at_key else where.of_value(loc)
        problems.setdefault(loc, Problem(line, column, _dotted(loc), message, where.source, hint))
    return sorted(problems.items(), key=lambda item: item[1])
