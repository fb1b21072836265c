"""Filters and ranked search: pure functions over a catalog or its index.

Ranking: every query word must match some field of a resource. A word matches a word of the
resource exactly (full credit), as a prefix (``atten`` finds ``attention``), or, for words of
five letters or more, with one typo (``atention``, ``transfomer``). Credit is weighted by field:
title, then topics and tags, then authors, then descriptions (all languages). Ties go to the
newer resource, then to the title.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from catalog.errors import UnknownTopicError as UnknownTopicError  # re-exported
from catalog.index import Entry, Index
from catalog.textnorm import within_one_edit, words

if TYPE_CHECKING:
    from catalog.models import Catalog, Resource

LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}
EXACT, PREFIX, TYPO = 1.0, 0.7, 0.5


class Filterable(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def free(self) -> bool | None: ...
    @property
    def topics(self) -> Sequence[str]: ...


T = TypeVar("T", bound=Filterable)


@dataclass(frozen=True)
class Filters:
    """What ``catalog list`` and friends narrow the catalog down to. Empty means no filter;
    several values of one filter mean any of them."""

    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    since: int | None = None
    free: bool | None = None

    def resolved(self, topic_names: dict[str, str]) -> Filters:
        """The same filters with topic aliases replaced by topic ids."""
        from catalog.rules import did_you_mean

        ids = []
        for name in self.topics:
            if name not in topic_names:
                raise UnknownTopicError(name, did_you_mean(name, topic_names))
            ids.append(topic_names[name])
        return Filters(tuple(ids), self.kinds, self.levels, self.languages, self.since, self.free)

    def matches(self, item: Filterable) -> bool:
        return (
            (not self.topics or any(t in item.topics for t in self.topics))
            and (not self.kinds or item.kind in self.kinds)
            and (not self.levels or item.level in self.levels)
            and (not self.languages or item.language in self.languages)
            and (self.since is None or item.year >= self.since)
            and (self.free is None or item.free is self.free)
        )


def apply(items: Iterable[T], filters: Filters) -> list[T]:
    return [item for item in items if filters.matches(item)]


def filter_resources(catalog: Catalog, filters: Filters) -> list[Resource]:
    """The resources of ``catalog`` that pass ``filters``, in catalog order (aliases accepted)."""
    return apply(catalog.resources, filters.resolved(catalog.topic_ids()))


def sort_entries(entries: list[T], key: str) -> list[T]:
    """Order by ``title``, ``year`` (newest first) or ``level`` (beginner first)."""
    if key == "year":
        return sorted(entries, key=lambda e: (-e.year, _title(e)))
    if key == "level":
        return sorted(entries, key=lambda e: (LEVEL_ORDER[e.level], _title(e)))
    return sorted(entries, key=_title)


def _title(item: object) -> str:
    return str(getattr(item, "title", "")).casefold()


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


def _word_matches(word: str, vocabulary: Iterable[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    typo_ok = len(word) >= 5
    for token in vocabulary:
        if token == word:
            found[token] = EXACT
        elif len(word) >= 2 and token.startswith(word):
            found[token] = PREFIX
        elif typo_ok and (
            within_one_edit(word, token)
            or (len(token) > len(word) and within_one_edit(word, token[: len(word)]))
        ):
            found[token] = TYPO
    return found


def rank(index: Index, query: str | Sequence[str], filters: Filters | None = None) -> list[Hit]:
    """Ranked hits for ``query`` (every word must match), best first."""
    text = query if isinstance(query, str) else " ".join(query)
    query_words = list(dict.fromkeys(words(text)))
    if not query_words:
        return []
    allowed = None
    if filters is not None:
        resolved = filters.resolved(index.topic_names())
        allowed = {i for i, e in enumerate(index.entries) if resolved.matches(e)}
    totals: dict[int, float] | None = None
    for word in query_words:
        scores: dict[int, float] = {}
        for token, quality in _word_matches(word, index.postings).items():
            flat = index.hits(token)
            for j in range(0, len(flat), 2):
                entry, weight = flat[j], flat[j + 1]
                if allowed is not None and entry not in allowed:
                    continue
                credit = quality * weight
                if scores.get(entry, 0.0) < credit:
                    scores[entry] = credit
        if totals is None:
            totals = scores
        else:
            totals = {e: totals[e] + s for e, s in scores.items() if e in totals}
        if not totals:
            return []
    assert totals is not None
    hits = [Hit(index.entries[i], round(score, 3)) for i, score in totals.items()]
    hits.sort(key=lambda h: (-h.score, -h.entry.year, h.entry.title.casefold()))
    return hits


def search(
    catalog: Catalog | Index,
    query: str | Sequence[str],
    filters: Filters | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """Search a catalog (or a prepared :class:`~catalog.index.Index`)."""
    index = catalog if isinstance(catalog, Index) else Index.from_catalog(catalog)
    hits = rank(index, query, filters)
    return hits[:limit] if limit is not None else hits
