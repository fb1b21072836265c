"""Editing a catalog file as splices of its text, shared by every curation command.

The contract of an edit: read the file once with the one reader (:mod:`catalog.yamldoc`),
compute the change as splices of the original text (:mod:`catalog.yamldoc.splice`), so that
no line outside the change moves, then :func:`commit`:

1. the result is parsed again with the same reader and validated with the same loader
   (:func:`catalog.loader.from_document`); an edit may not add an error (errors the file
   already had, and placeholders the caller declares, are allowed);
2. the result must keep every comment and every resource of the original (a bug guard);
3. it is written with the one writer, :func:`catalog.files.write_text` (atomic, keeps the
   file's permissions, writes through a symbolic link, refuses a read-only file), and only if
   the file on disk is still the one that was read. Any failure leaves the file byte-identical
   and raises :class:`~catalog.errors.OutputError` when it comes from writing.

Line endings: a file whose every line ends with CR LF is edited as LF and written back with
CR LF; in any other file the lines an edit does not touch keep their bytes. A byte-order mark
and a missing final newline are kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.curate.errors import EditRejected, EditUnsafe, UnreadableInput
from catalog.errors import CatalogFileError, CatalogReadError, Problem
from catalog.files import write_text
from catalog.yamldoc import Document as YamlDocument
from catalog.yamldoc.log import ALIAS
from catalog.yamldoc.splice import Splice, apply

SCHEMA_LINE = "# yaml-language-server: $schema=catalog.schema.json"
NEW_CATALOG = f"{SCHEMA_LINE}\n\ntopics: {{}}\n\nresources: []\n"
_RESOURCE_INDEX = re.compile(r"^resources\[(\d+)\]")


@dataclass
class Document:
    """A catalog file read for editing: its text, the parsed document, its data."""

    path: Path
    text: str
    yaml: YamlDocument
    crlf: bool = False
    bom: bool = False
    # The bytes read from disk (None for a new file), to notice a change made meanwhile.
    raw: bytes | None = None
    _data: Any = field(default=None, repr=False)

    @classmethod
    def read(cls, path: str | Path, *, create: bool = False) -> Document:
        """Read ``path`` for editing; with ``create``, a missing file starts as an empty catalog."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if not create:
                raise UnreadableInput(f"{path}: file not found; pass --catalog PATH") from None
            return cls.parse(NEW_CATALOG, path)  # raw None: the file must still not exist
        except OSError as exc:
            raise UnreadableInput(f"{path}: cannot read the file: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{path}: the file is not UTF-8 text") from None
        doc = cls.parse(text, path)
        doc.raw = raw
        return doc

    @classmethod
    def parse(cls, text: str, path: str | Path) -> Document:
        """Read catalog text for editing; ``path`` is where :func:`commit` will write it."""
        from catalog.yamldoc import parse

        bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
        if crlf:
            text = text.replace("\r\n", "\n")
        try:
            yaml = parse(text, source=str(path))
        except CatalogReadError as exc:
            raise UnreadableInput(str(exc)) from None
        from catalog.yamldoc.log import MAPPING

        doc = cls(Path(path), text, yaml, crlf=crlf, bom=bom)
        if yaml.log.kinds and yaml.log.kinds[0] != MAPPING:
            raise UnreadableInput(
                f"{path}: the top level must be a mapping with 'topics' and 'resources'"
            )
        return doc

    @property
    def data(self) -> Any:
        """The plain data of the file (read once)."""
        if self._data is None:
            from catalog.yamldoc import to_python

            try:
                self._data = to_python(self.yaml)
            except CatalogReadError as exc:
                raise UnreadableInput(str(exc)) from None
            if self._data is None:
                self._data = {}
        return self._data

    @property
    def resources(self) -> list[Any]:
        """The resources as plain data ([] when the file has none)."""
        resources = self.data.get("resources")
        return resources if isinstance(resources, list) else []

    def resource_fields(self, *names: str) -> list[dict[str, Any]]:
        """Some fields of every resource ({} for an entry that is not a mapping), read from the
        parsed document without building the data of the whole file: what an edit needs to
        find its place (ids, URLs) costs a fraction of reading every value."""
        from catalog.yamldoc import to_python
        from catalog.yamldoc.log import END, MAPPING, SCALAR, SEQUENCE
        from catalog.yamldoc.schema import plain_value

        if self._data is not None:
            return [
                {n: r[n] for n in names if n in r} if isinstance(r, dict) else {}
                for r in self.resources
            ]
        yaml = self.yaml
        log = yaml.log
        kinds, values, closes = log.kinds, log.values, log.closes
        styles, tags = log.styles, log.tags
        wanted = set(names)
        resources = self.entry("resources")
        if resources < 0 or kinds[resources] != SEQUENCE:
            return []
        out: list[dict[str, Any]] = []
        for item in yaml.items(resources):
            item = yaml.resolve(item)
            found: dict[str, Any] = {}
            index = item + 1 if kinds[item] == MAPPING else len(kinds)
            while index < len(kinds) and kinds[index] != END:  # key, value, key, value...
                value = closes.get(index, index) + 1
                key = values[index]
                if kinds[index] == SCALAR and key in wanted and key not in found:
                    if kinds[value] != SCALAR or value in tags:
                        found[key] = to_python(yaml, value)
                    elif value in styles:
                        found[key] = values[value]
                    else:
                        found[key] = plain_value(values[value] or "")
                index = closes.get(value, value) + 1
            out.append(found)
        return out

    @property
    def topics(self) -> dict[str, Any]:
        """The topics as plain data ({} when the file has none)."""
        if self._data is None:
            from catalog.yamldoc import to_python

            entry = self.entry("topics")
            topics = to_python(self.yaml, entry) if entry >= 0 else None
        else:
            topics = self.data.get("topics")
        return topics if isinstance(topics, dict) else {}

    def entry(self, *path: str | int) -> int:
        """The log entry of the node at ``path`` (aliases followed), or -1 when there is none."""
        entry = 0 if self.yaml.log.kinds else -1
        for step in path:
            if entry < 0:
                return -1
            entry = self.yaml.child(entry, step)
        return self.yaml.resolve(entry) if entry >= 0 else -1

    def editable(self, *path: str | int) -> bool:
        """Whether the node at ``path`` can be edited in place: neither it nor a node above it
        is written as an alias or is an anchor that an alias repeats (an edit there would
        change the other places too)."""
        log = self.yaml.log
        if not log.kinds:
            return True
        shared = set(log.targets.values())
        entry = 0
        for step in (None, *path):
            if step is not None:
                entry = self.yaml.child(entry, step)
            if entry < 0:
                return True  # not there yet: what adds it edits the parent, checked above
            if log.kinds[entry] == ALIAS or entry in shared:
                return False
        return True

    def line_of(self, index: int) -> int | None:
        """The 1-based line where resource ``index`` starts."""
        entry = self.entry("resources", index)
        return self.yaml.line_col(self.yaml.start(entry))[0] if entry >= 0 else None

    def newline(self) -> str:
        """The line break new lines get: the file's own."""
        from catalog.yamldoc.splice import newline_of

        return newline_of(self.text)

    def apply(self, splices: Iterable[Splice]) -> str:
        """The text with ``splices`` applied."""
        return apply(self.text, splices)


def resource_ids(data: Any) -> list[Any]:
    """The ``id`` of each resource (None where it has none), in order."""
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        return []
    return [r.get("id") if isinstance(r, dict) else None for r in resources]


def comment_census(text_or_doc: str | YamlDocument) -> Counter[str]:
    """Every comment (stripped), with how often it occurs, as the one reader finds them."""
    from catalog.yamldoc import parse

    doc = parse(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    return Counter(c.text.strip() for c in doc.comments)


def commit(
    doc: Document,
    new_text: str,
    *,
    placeholders: frozenset[str] = frozenset(),
    write: bool = True,
    same_values: bool = False,
    reordered: bool = False,
) -> str:
    """Check an edit and write it atomically; return the new text.

    ``placeholders`` are problem paths (``resources[<id>].year``) that may be invalid on
    purpose. ``same_values`` (formatting) asks that the data stay the same (``reordered``: up
    to the order of the resources). Raises :class:`EditRejected` or :class:`EditUnsafe` and
    writes nothing when the edit is not acceptable, and :class:`~catalog.errors.OutputError`
    when the file cannot be written. With ``write=False`` everything is checked and nothing
    written.
    """
    check_edit(doc, new_text, placeholders, same_values=same_values, reordered=reordered)
    if write:
        write_checked(doc, new_text)
    return new_text


def write_checked(doc: Document, new_text: str) -> None:
    """Write text that :func:`check_edit` accepted (nothing when it is the text read), with the
    file's line endings and byte-order mark, unless the file changed on disk meanwhile."""
    if new_text == doc.text:
        return
    _unchanged_on_disk(doc)
    output = new_text.replace("\n", "\r\n") if doc.crlf else new_text
    write_text(doc.path, ("\ufeff" if doc.bom else "") + output)


def _unchanged_on_disk(doc: Document) -> None:
    """Refuse to overwrite a change someone else made since the file was read."""
    try:
        current: bytes | None = doc.path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise UnreadableInput(f"{doc.path}: cannot read the file: {exc.strerror or exc}") from None
    if current != doc.raw:
        raise EditUnsafe(
            f"{doc.path} changed on disk while this command ran; nothing was written "
            "(run the command again)"
        )


def check_edit(
    doc: Document,
    text: str,
    placeholders: frozenset[str] = frozenset(),
    *,
    same_values: bool = False,
    reordered: bool = False,
) -> None:
    """Raise unless ``text`` is a safe and valid replacement for ``doc``'s original text.

    The new text is read once, and that one reading serves every check: comments, entries,
    values and the catalog's rules.
    """
    from catalog.yamldoc import parse, to_python

    source = str(doc.path)
    try:
        new = parse(text, source=source)
        new_data = to_python(new)
    except CatalogReadError as exc:
        _ = doc.data  # the file itself may be what cannot be read (UnreadableInput)
        raise EditUnsafe(f"{source}: the edit produced unreadable YAML: {exc}") from None
    lost = comment_census(doc.yaml) - comment_census(new)
    if lost:
        shown = ", ".join(repr(c) for c in list(lost)[:3])
        raise EditUnsafe(
            f"{source}: the edit would drop {sum(lost.values())} comment(s): {shown}; nothing "
            "was written"
        )
    old_ids = [r.get("id") for r in doc.resource_fields("id")]
    new_ids = resource_ids(new_data)
    missing = Counter(i for i in old_ids if isinstance(i, str)) - Counter(
        i for i in new_ids if isinstance(i, str)
    )
    if missing or len(new_ids) < len(old_ids):
        shown = ", ".join(map(str, missing)) or "?"
        raise EditUnsafe(f"{source}: the edit would drop resources: {shown}; nothing was written")
    if same_values:
        before, after = _comparable(doc.data, reordered), _comparable(new_data, reordered)
        if before != after and not _same(before, after):
            raise EditUnsafe(f"{source}: formatting would change a value; nothing was written")
        return  # the same data breaks the same rules
    added = _errors(new, new_data, new_ids)
    if not added:
        return
    before = {key for key, _ in _errors(doc.yaml, doc.data, old_ids)}
    problems = [
        problem
        for key, problem in added
        if key not in before and not _is_placeholder(key[0], placeholders)
    ]
    if problems:
        raise EditRejected(problems)


def _comparable(data: Any, reordered: bool) -> Any:
    if reordered and isinstance(data, dict) and isinstance(data.get("resources"), list):
        items = sorted(json.dumps(r, sort_keys=True, default=str) for r in data["resources"])
        return {**data, "resources": items}
    return data


def _same(a: Any, b: Any) -> bool:
    """Equal data, a NaN being equal to a NaN (``.nan`` is a value YAML can write)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return type(a) is type(b) and bool(a == b)


def _is_placeholder(path: str, placeholders: frozenset[str]) -> bool:
    return any(path == p or path.startswith((p + "[", p + ".")) for p in placeholders)


def _errors(yaml: YamlDocument, data: Any, ids: list[Any]) -> list[tuple[tuple[str, str], Problem]]:
    """The errors of a parsed catalog, each keyed by a path that survives moving entries."""
    from catalog.loader import from_document

    try:
        from_document(yaml, data)
    except CatalogReadError as exc:
        return [(("", p.message), p) for p in exc.errors]
    except CatalogFileError as exc:
        return [((_stable_path(p.path, ids), p.message), p) for p in exc.errors]
    return []


def _stable_path(path: str, ids: list[Any]) -> str:
    """``resources[3].year`` -> ``resources[<id>].year``, so entries can move without effect."""
    match = _RESOURCE_INDEX.match(path)
    if match is None:
        return path
    index = int(match.group(1))
    name = ids[index] if index < len(ids) and isinstance(ids[index], str) else f"#{index}"
    return f"resources[{name}]{path[match.end() :]}"


def placeholder_path(resource_id: str, field_name: str) -> str:
    """The stable problem path of a resource field, as :func:`commit` compares them."""
    return f"resources[{resource_id}].{field_name}"
