"""A query-ready view of a validated catalog, and its content-keyed cache.

Querying from a terminal must feel instant, but importing Pydantic and validating a catalog costs
more than the whole time budget of ``catalog search``. So the first query of a given file
validates it and saves an :class:`Index` (plain JSON: the resources as the schema dumps them, plus
an inverted word index) under a name derived from the file's bytes. Later queries of the same
bytes load that JSON and never import Pydantic or a YAML reader. Any edit changes the key, so a
stale index cannot be served.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.textnorm import words

if TYPE_CHECKING:
    from catalog.models import Catalog

FORMAT = 3
# Field weights for ranking: the title matters most, then topics and tags, authors, descriptions.
WEIGHTS = {"title": 8, "topics": 5, "authors": 3, "description": 1}
_KEEP_CACHE_FILES = 8


@dataclass(frozen=True)
class Entry:
    """One resource, as plain data (the JSON the schema dumps, plus its line in the file)."""

    data: dict[str, Any]
    line: int | None = None

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def level(self) -> str:
        return str(self.data["level"])

    @property
    def language(self) -> str:
        return str(self.data["language"])

    @property
    def year(self) -> int:
        return int(self.data["year"])

    @property
    def free(self) -> bool | None:
        value = self.data.get("free")
        return None if value is None else bool(value)

    @property
    def topics(self) -> list[str]:
        return list(self.data["topics"])

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
    postings: dict[str, list[int]] = field(default_factory=dict)
    source: str | None = None

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

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Index:
        entries = []
        for resource in catalog.resources:
            data = resource.model_dump(mode="json")
            data["description"] = resource.descriptions
            entries.append(Entry(data, catalog.line_of(resource.id)))
        topics = {key: topic.model_dump(mode="json") for key, topic in catalog.topics.items()}
        paths = {key: path.model_dump(mode="json") for key, path in catalog.paths.items()}
        index = cls(entries, topics, paths, source=catalog.source)
        index.postings = _postings(entries, topics)
        return index

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": self.source,
            "topics": self.topics,
            "paths": self.paths,
            "entries": [[e.data, e.line] for e in self.entries],
            "postings": self.postings,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Index:
        if data.get("format") != FORMAT:
            raise ValueError("index format changed")
        entries = [Entry(item[0], item[1]) for item in data["entries"]]
        return cls(entries, data["topics"], data["paths"], data["postings"], data.get("source"))


def _postings(entries: list[Entry], topics: dict[str, dict[str, Any]]) -> dict[str, list[int]]:
    """word -> flat [entry, weight, entry, weight, ...], keeping each entry's best weight."""
    best: dict[str, dict[int, int]] = {}
    for i, entry in enumerate(entries):
        fields = {
            "title": entry.title,
            "topics": " ".join(
                [*entry.topics, *entry.data.get("tags", [])]
                + [topics[t]["title"] for t in entry.topics if t in topics]
            ),
            "authors": " ".join(entry.authors),
            "description": " ".join(entry.descriptions.values()),
        }
        for name, text in fields.items():
            weight = WEIGHTS[name]
            for word in set(words(text)):
                per_entry = best.setdefault(word, {})
                if per_entry.get(i, 0) < weight:
                    per_entry[i] = weight
    return {word: [x for pair in sorted(m.items()) for x in pair] for word, m in best.items()}


def _code_stamp() -> bytes:
    """Changes whenever the code that validates or indexes a catalog changes."""
    here = Path(__file__).resolve().parent
    stamps = [str(FORMAT)]
    for name in ("models.py", "settings.py", "rules.py", "loader.py", "index.py", "textnorm.py"):
        try:
            stat = (here / name).stat()
            stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stamps.append(name)
    return "\0".join(stamps).encode()


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
    cached = folder / f"{key}.json"
    try:
        index = Index.from_json(json.loads(cached.read_bytes()))
        index.source = str(path)
        return index
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass
    from catalog.loader import loads

    index = Index.from_catalog(loads(raw, source=str(path)))
    _save(folder, cached, index)
    return index


def _save(folder: Path, target: Path, index: Index) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".index-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(index.to_json(), handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, target)
        old = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[_KEEP_CACHE_FILES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return  # a read-only or full disk must not break a query
