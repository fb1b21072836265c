"""What the Markdown exporter reads from a catalog, as structural types.

Both :class:`catalog.models.Catalog` and :class:`catalog.export.indexed.IndexedCatalog` (the
cached query index, read without Pydantic) fit these protocols, so the same renderer serves
``catalog.load`` results and the fast path of ``catalog export --format markdown``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from catalog.search import Filterable

Localized = str | dict[str, str]


class ResourceLike(Filterable, Protocol):
    """A resource as the exporters read it: what the filters read, and the rest."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def authors(self) -> Sequence[str]: ...
    def text(self, lang: str = "en") -> tuple[str, bool]: ...


class TopicLike(Protocol):
    # Plain strings in today's schema; translations are welcome without changing the exporters.
    @property
    def title(self) -> Localized: ...
    @property
    def description(self) -> Localized: ...


class StepLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def note(self) -> Localized: ...


class PathLike(Protocol):
    @property
    def title(self) -> Localized: ...
    @property
    def description(self) -> Localized | None: ...
    @property
    def steps(self) -> Sequence[StepLike]: ...


class CatalogLike(Protocol):
    @property
    def topics(self) -> Mapping[str, TopicLike]: ...
    @property
    def paths(self) -> Mapping[str, PathLike]: ...
    @property
    def resources(self) -> Sequence[ResourceLike]: ...


def localized(value: Localized, lang: str) -> tuple[str, bool]:
    """The text in ``lang`` and whether it really is (False: the English stands in).

    Same rule as :func:`catalog.models.localized`, repeated here so that the fast path never
    imports Pydantic.
    """
    if isinstance(value, str):
        return value, lang == "en"
    if lang in value:
        return value[lang], True
    return value["en"], lang == "en"
