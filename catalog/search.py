"""Filters and ranked search: pure functions over a catalog or its index.

Ranking (:mod:`catalog.ranking`) is BM25F with prefix, typo and glossary matches and boosts for
the title and short names. Resources that match every query word come back, best first; when
none does, those that match some of the words, marked partial. Ties go to the older resource
(the original before its successors), then to the one listed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from catalog.errors import UnknownTopicError as UnknownTopicError  # re-exported
from catalog.index import Index

if TYPE_CHECKING:
    from catalog.models import Catalog, Resource

LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}


class Filters(NamedTuple):
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


class Hit(NamedTuple):
    """A resource that matches a query, how well, and whether it matches only some of the
    query's words (no resource matched them all)."""

    resource: Resource
    score: float
    partial: bool = False


def rank(index: Index, query: str | Sequence[str], filters: Filters | None = None) -> list[Hit]:
    """Ranked hits for ``query``, best first: those that match every word, or, when none does,
    those that match some (``Hit.partial``). Topic aliases in ``filters`` are resolved here
    (raises :class:`UnknownTopicError`)."""
    from catalog.ranking import rank_positions

    text = query if isinstance(query, str) else " ".join(query)
    resources = index.catalog.resources
    allowed = None
    if filters is not None:
        resolved = filters.resolved(index.catalog.topic_ids())
        allowed = {i for i, resource in enumerate(resources) if resolved.matches(resource)}
    ranking = rank_positions(index, text, allowed)
    return [Hit(resources[p], score, ranking.partial) for p, score in ranking.order]


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
