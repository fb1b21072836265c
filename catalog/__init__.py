"""catalog: a curated, validated catalog of learning resources, with tools to query it.

The public API::

    >>> import catalog
    >>> cat = catalog.load("resources.yaml")        # raises catalog.CatalogError
    >>> from catalog.search import Filters, search
    >>> [hit.entry.id for hit in search(cat, "attention", limit=3)]

Heavy modules (Pydantic, the YAML readers) load on first use, so ``import catalog`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog._version import __version__
from catalog.errors import CatalogError, CatalogReadError, CatalogValidationError, Problem

if TYPE_CHECKING:
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
    "LearningPath",
    "PathStep",
    "Problem",
    "Resource",
    "Topic",
    "__version__",
    "filter_resources",
    "load",
    "loads",
]

_LAZY = {
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
