"""A catalog file read for editing: its text, the parsed document, and what edits ask of it.

:class:`Document` reads the file once with the one reader (:mod:`catalog.yamldoc`), keeps the
bytes it read (so that :func:`catalog.curate.yamledit.commit` can notice a change made
meanwhile), the line endings and byte-order mark to write back, and answers what an edit needs
to find its place (entries, fields, whether a node may be edited in place) from the parsed
log, without building the data of the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.curate.errors import UnreadableInput
from catalog.errors import CatalogReadError
from catalog.yamldoc import Document as YamlDocument
from catalog.yamldoc.log import ALIAS
from catalog.yamldoc.splice import Splice, apply

SCHEMA_LINE = "# yaml-language-server: $schema=catalog.schema.json"
NEW_CATALOG = f"{SCHEMA_LINE}\n\ntopics: {{}}\n\nresources: []\n"


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
