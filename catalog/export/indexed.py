"""The catalog from the query index cache (:mod:`catalog.index`), for fast Markdown exports.

``catalog.load`` validates with Pydantic every time, which costs most of a second on a
10,000-entry file. The query commands keep a validated index keyed by the file's bytes; reading
it takes a tenth of that. These plain classes give the Markdown exporter what it reads
(:mod:`catalog.export.view`) from that index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catalog.export.view import Localized, localized

if TYPE_CHECKING:
    from catalog.index import Entry, Index


@dataclass(slots=True)  # not frozen: frozen dataclasses build three times slower
class IndexedResource:
    id: str
    title: str
    url: str
    kind: str
    level: str
    language: str
    year: int
    free: bool | None
    topics: list[str]
    authors: list[str]
    description: Localized

    def text(self, lang: str = "en") -> tuple[str, bool]:
        return localized(self.description, lang)

    @classmethod
    def from_entry(cls, entry: Entry) -> IndexedResource:
        data = entry.data
        return cls(
            entry.id,
            entry.title,
            data["url"],
            entry.kind,
            entry.level,
            entry.language,
            entry.year,
            entry.free,
            list(entry.topics),
            list(data["authors"]),
            data["description"],
        )


@dataclass(frozen=True, slots=True)
class IndexedTopic:
    title: Localized
    description: Localized


@dataclass(frozen=True, slots=True)
class IndexedStep:
    id: str
    note: Localized


@dataclass(frozen=True, slots=True)
class IndexedPath:
    title: Localized
    description: Localized | None
    steps: list[IndexedStep]


@dataclass(frozen=True)
class IndexedCatalog:
    topics: dict[str, IndexedTopic]
    paths: dict[str, IndexedPath]
    resources: list[IndexedResource]


def _path(data: dict[str, Any]) -> IndexedPath:
    steps = [IndexedStep(s["id"], s["note"]) for s in data["steps"]]
    return IndexedPath(data["title"], data.get("description"), steps)


def from_index(index: Index, entries: Iterable[Entry] | None = None) -> IndexedCatalog:
    """The catalog behind ``index``, limited to ``entries`` (default: all) in catalog order."""
    chosen = index.entries if entries is None else entries
    return IndexedCatalog(
        topics={k: IndexedTopic(t["title"], t["description"]) for k, t in index.topics.items()},
        paths={k: _path(p) for k, p in index.paths.items()},
        resources=[IndexedResource.from_entry(e) for e in chosen],
    )
