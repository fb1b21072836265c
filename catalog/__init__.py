"""catalog: a curated, validated catalog of learning resources, with tools to query it.

The public API::

    >>> import catalog
    >>> cat = catalog.load("resources.yaml")        # validates; raises catalog.CatalogError
    >>> [r.id for r in catalog.filter_resources(cat, catalog.Filters(kinds=("paper",)))]
    >>> from catalog.search import search
    >>> [(hit.resource.id, hit.score) for hit in search(cat, "attention", limit=3)]

``catalog.load_index(path)`` gives the same catalog (``.catalog``) with its search index, from a
cache keyed by the file's content, so repeated queries skip validation:

    >>> index = catalog.load_index("resources.yaml")
    >>> [hit.resource.title for hit in search(index, "long sequences", limit=3)]

Heavy modules (Pydantic, the YAML readers) load on first use, so ``import catalog`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog._version import __version__
from catalog.errors import CatalogError, CatalogReadError, CatalogValidationError, Problem

if TYPE_CHECKING:
    from catalog.index import Index, load_index
    from catalog.loader import load, loads
    from catalog.models import Catalog, LearningPath, PathStep, Resource, Topic
    from catalog.search import Filters, Hit, filter_resources

__all__ = [
    "Catalog",
    "CatalogError",
    "CatalogReadError",
    "CatalogValidationError",
    "Filters",
    "Hit",
    "Index",
    "LearningPath",
    "PathStep",
    "Problem",
    "Resource",
    "Topic",
    "__version__",
    "filter_resources",
    "load",
    "load_index",
    "loads",
]

_LAZY = {
    "Index": "catalog.index",
    "load_index": "catalog.index",
    "load": "catalog.loader",
    "loads": "catalog.loader",
    "Catalog": "catalog.models",
    "LearningPath": "catalog.models",
    "PathStep": "catalog.models",
    "Resource": "catalog.models",
    "Topic": "catalog.models",
    "Filters": "catalog.search",
    "Hit": "catalog.search",
    "filter_resources": "catalog.search",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'catalog' has no attribute {name!r}")
