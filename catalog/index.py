"""A query-ready view of a validated catalog, and its content-keyed cache.

Querying from a terminal must feel instant, but importing Pydantic and validating a catalog costs
more than the whole time budget of ``catalog search``. So the first query of a given file
validates it and saves an :class:`Index` (plain JSON: the resources as the schema dumps them, plus
an inverted word index) under a name derived from the file's bytes. Later queries of the same
bytes load that JSON and never import Pydantic or a YAML reader. Any edit changes the key, so a
stale index cannot be served.

The index keeps, per resource, the few fields that filters and ranking read as plain columns and
the rest as a marshalled blob, decoded only for the resources a command prints.
"""

from __future__ import annotations

import array
import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.textnorm import words

if TYPE_CHECKING:
    from catalog.models import Catalog

FORMAT = 5
# Field weights for ranking: the title matters most, then topics and tags, authors, descriptions.
WEIGHTS = {"title": 8, "topics": 5, "authors": 3, "description": 1}
_KEEP_CACHE_FILES = 8


class Entry:
    """One resource as plain data. The fields that filters and ranking read are attributes;
    the rest (``data``, the JSON the schema dumps) is decoded only when asked for."""

    __slots__ = (
        "_blob",
        "_data",
        "free",
        "id",
        "kind",
        "language",
        "level",
        "line",
        "title",
        "topics",
        "year",
    )

    def __init__(self, data: dict[str, Any] | None, line: int | None, blob: bytes = b"") -> None:
        self._data, self._blob, self.line = data, blob, line
        if data is not None:
            self._fill(data)

    def _fill(self, data: dict[str, Any]) -> None:
        self.id: str = data["id"]
        self.title: str = data["title"]
        self.kind: str = data["kind"]
        self.level: str = data["level"]
        self.language: str = data["language"]
        self.year: int = data["year"]
        self.free: bool | None = data.get("free")
        self.topics: list[str] = data["topics"]

    @classmethod
    def from_columns(cls, row: tuple[Any, ...], blob: bytes) -> Entry:
        entry = cls(None, row[0], blob)
        (_, entry.id, entry.title, entry.kind, entry.level, entry.language) = row[:6]
        entry.year, entry.free, entry.topics = row[6:]
        return entry

    def columns(self) -> tuple[Any, ...]:
        return (
            self.line,
            self.id,
            self.title,
            self.kind,
            self.level,
            self.language,
            self.year,
            self.free,
            self.topics,
        )

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = marshal.loads(self._blob)
        return self._data

    @property
    def authors(self) -> list[str]:
        return list(self.data["authors"])

    @property
    def url(self) -> str:
        return str(self.data["url"])

    @property
    def descriptions(self) -> dict[str, str]:
        return dict(self.data["description"])

    def as_json(self) -> dict[str, Any]:
        """Stable JSON shape of a resource (documented in the README)."""
        return {**self.data, "line": self.line}


@dataclass
class Index:
    """Everything the query commands need, without Pydantic."""

    entries: list[Entry]
    topics: dict[str, dict[str, Any]]
    paths: dict[str, dict[str, Any]]
    postings: dict[str, bytes] = field(default_factory=dict)
    source: str | None = None
    check: dict[str, Any] | None = None  # the catalog's own ``check:`` section, as JSON

    def topic_names(self) -> dict[str, str]:
        """Every accepted topic name (ids and aliases) mapped to its topic id."""
        names: dict[str, str] = {}
        for topic_id, topic in self.topics.items():
            for alias in topic.get("aliases", []):
                names[alias] = topic_id
            names[topic_id] = topic_id
        return names

    def get(self, resource_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.id == resource_id:
                return entry
        return None

    def hits(self, word: str) -> array.array[int]:
        """Flat [entry, weight, entry, weight, ...] for one indexed word."""
        return array.array("I", self.postings[word])

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Index:
        entries = []
        for resource in catalog.resources:
            data = resource.model_dump(mode="json")
            data["description"] = resource.descriptions
            entries.append(Entry(data, catalog.line_of(resource.id)))
        topics = {key: topic.model_dump(mode="json") for key, topic in catalog.topics.items()}
        paths = {key: path.model_dump(mode="json") for key, path in catalog.paths.items()}
        check = catalog.check.model_dump(mode="json") if catalog.check else None
        index = cls(entries, topics, paths, source=catalog.source, check=check)
        index.postings = _postings(entries, topics)
        return index

    def dumps(self) -> bytes:
        """Serialise for the cache. marshal is the fastest reader Python has for plain data; the
        cache key includes the Python version, since marshal's format may change with it."""
        return marshal.dumps(
            {
                "format": FORMAT,
                "topics": self.topics,
                "paths": self.paths,
                "columns": [e.columns() for e in self.entries],
                "blobs": [marshal.dumps(e.data) for e in self.entries],
                "postings": self.postings,
                "check": self.check,
            }
        )

    @classmethod
    def loads(cls, raw: bytes) -> Index:
        data = marshal.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("index format changed")
        pairs = zip(data["columns"], data["blobs"], strict=True)
        entries = [Entry.from_columns(row, blob) for row, blob in pairs]
        return cls(entries, data["topics"], data["paths"], data["postings"], check=data["check"])


def _postings(entries: list[Entry], topics: dict[str, dict[str, Any]]) -> dict[str, bytes]:
    """word -> flat uint32 [entry, weight, entry, weight, ...], keeping each entry's best
    weight. Stored as bytes so that loading the cache does not build millions of ints."""
    postings: dict[str, array.array[int]] = {}
    # Entries are visited in order, so each word's list comes out sorted by entry.
    for i, entry in enumerate(entries):
        fields = (
            (WEIGHTS["title"], entry.title),
            (
                WEIGHTS["topics"],
                " ".join(
                    [*entry.topics, *entry.data.get("tags", [])]
                    + [_all_languages(topics[t]["title"]) for t in entry.topics if t in topics]
                ),
            ),
            (WEIGHTS["authors"], " ".join(entry.authors)),
            (WEIGHTS["description"], " ".join(entry.descriptions.values())),
        )
        best: dict[str, int] = {}
        for weight, text in fields:
            for word in words(text):
                if best.get(word, 0) < weight:
                    best[word] = weight
        for word, weight in best.items():
            hits = postings.get(word)
            if hits is None:
                hits = postings[word] = array.array("I")
            hits.append(i)
            hits.append(weight)
    return {word: hits.tobytes() for word, hits in postings.items()}


def _code_stamp() -> bytes:
    """Changes whenever the code that validates or indexes a catalog changes."""
    here = Path(__file__).resolve().parent
    stamps = [str(FORMAT), sys.version]
    for name in ("models.py", "settings.py", "rules.py", "loader.py", "index.py", "textnorm.py"):
        try:
            stat = (here / name).stat()
            stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stamps.append(name)
    return "\0".join(stamps).encode()


def _all_languages(text: str | dict[str, str]) -> str:
    return " ".join(text.values()) if isinstance(text, dict) else text


def cache_dir() -> Path:
    """Where indexes are kept: $CATALOG_CACHE_DIR, else the user cache folder."""
    explicit = os.environ.get("CATALOG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "catalog" / "index"


def load_index(path: Path) -> Index:
    """The index of the catalog at ``path``, from the cache when the file's bytes are known.

    Raises :class:`~catalog.errors.CatalogError` like :func:`catalog.load` when the file is not
    a valid catalog. A missing, corrupt or unwritable cache only costs time.
    """
    from catalog.loader import read_catalog_bytes

    raw = read_catalog_bytes(path)
    key = hashlib.sha256(raw + _code_stamp()).hexdigest()[:32]
    folder = cache_dir()
    cached = folder / f"{key}.index"
    try:
        index = Index.loads(cached.read_bytes())
        index.source = str(path)
        return index
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError):
        pass
    from catalog.loader import loads

    index = Index.from_catalog(loads(raw, source=str(path)))
    _save(folder, cached, index)
    return index


def _save(folder: Path, target: Path, index: Index) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".index-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(index.dumps())
        Path(tmp).replace(target)
        old = sorted(folder.glob("*.index"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[_KEEP_CACHE_FILES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return  # a read-only or full disk must not break a query
