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
from typing import TYPE_CHECKING

from catalog.errors import UnknownTopicError as UnknownTopicError  # re-exported
from catalog.index import Index
from catalog.textnorm import within_one_edit, words

if TYPE_CHECKING:
    from catalog.models import Catalog, Resource

LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}
EXACT, PREFIX, TYPO = 1.0, 0.7, 0.5


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
        ids = []
        for name in self.topics:
            if name not in topic_names:
                from catalog.rules import did_you_mean

                raise UnknownTopicError(name, did_you_mean(name, topic_names))
            ids.append(topic_names[name])
        return Filters(tuple(ids), self.kinds, self.levels, self.languages, self.since, self.free)

    def matches(self, resource: Resource) -> bool:
        """Whether ``resource`` passes (topics must be resolved: see :meth:`resolved`)."""
        return (
            (not self.topics or any(t in resource.topics for t in self.topics))
            and (not self.kinds or resource.kind in self.kinds)
            and (not self.levels or resource.level in self.levels)
            and (not self.languages or resource.language in self.languages)
            and (self.since is None or resource.year >= self.since)
            and (self.free is None or resource.free is self.free)
        )


def apply(resources: Iterable[Resource], filters: Filters) -> list[Resource]:
    """The resources that pass resolved ``filters``, in their order."""
    return [resource for resource in resources if filters.matches(resource)]


def filter_resources(catalog: Catalog, filters: Filters) -> list[Resource]:
    """The resources of ``catalog`` that pass ``filters``, in catalog order (aliases accepted)."""
    return apply(catalog.resources, filters.resolved(catalog.topic_ids()))


def sort_resources(resources: list[Resource], key: str) -> list[Resource]:
    """Order by ``title``, ``year`` (newest first) or ``level`` (beginner first)."""
    if key == "year":
        return sorted(resources, key=lambda r: (-r.year, r.title.casefold()))
    if key == "level":
        return sorted(resources, key=lambda r: (LEVEL_ORDER[r.level], r.title.casefold()))
    return sorted(resources, key=lambda r: r.title.casefold())


@dataclass(frozen=True)
class Hit:
    """A resource that matches a query, and how well."""

    resource: Resource
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
    """Ranked hits for ``query`` (every word must match), best first. Topic aliases in
    ``filters`` are resolved here (raises :class:`UnknownTopicError`)."""
    text = query if isinstance(query, str) else " ".join(query)
    query_words = list(dict.fromkeys(words(text)))
    if not query_words:
        return []
    resources = index.catalog.resources
    allowed = None
    if filters is not None:
        resolved = filters.resolved(index.catalog.topic_ids())
        allowed = {i for i, resource in enumerate(resources) if resolved.matches(resource)}
    totals: dict[int, float] | None = None
    for word in query_words:
        scores: dict[int, float] = {}
        for token, quality in _word_matches(word, index.postings).items():
            flat = index.hits(token)
            for j in range(0, len(flat), 2):
                position, weight = flat[j], flat[j + 1]
                if allowed is not None and position not in allowed:
                    continue
                credit = quality * weight
                if scores.get(position, 0.0) < credit:
                    scores[position] = credit
        if totals is None:
            totals = scores
        else:
            totals = {p: totals[p] + s for p, s in scores.items() if p in totals}
        if not totals:
            return []
    assert totals is not None
    hits = [Hit(resources[i], round(score, 3)) for i, score in totals.items()]
    hits.sort(key=lambda h: (-h.score, -h.resource.year, h.resource.title.casefold()))
    return hits


def search(
    source: Catalog | Index,
    query: str | Sequence[str],
    filters: Filters | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """The resources that match ``query``, best first, with their scores.

    ``source`` is an :class:`~catalog.index.Index` (:func:`catalog.load_index` serves one from
    its cache) or a :class:`~catalog.models.Catalog`, which is indexed for this one query.
    """
    index = source if isinstance(source, Index) else Index.build(source)
    hits = rank(index, query, filters)
    return hits[:limit] if limit is not None else hits
