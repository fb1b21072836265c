"""Exports: a catalog as Markdown, JSON, CSV, BibTeX or a self-contained HTML page.

Each format is one module with ``render(catalog, options) -> str``; formats return text and
never print or write files. :mod:`catalog.export.inject` puts a Markdown block between README
markers; files are written by the one writer, :mod:`catalog.files`. Errors: see
:mod:`catalog.export.errors`.

    >>> from catalog.export import ExportOptions, Format, render
    >>> text = render(catalog.load("resources.yaml"), Format.markdown, ExportOptions(lang="fa"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from catalog.export.errors import ExportError, MarkersError, OutputError
from catalog.export.options import ExportOptions, Format, GroupBy

if TYPE_CHECKING:
    from catalog.models import Catalog

__all__ = [
    "MODULES",
    "ExportError",
    "ExportOptions",
    "Format",
    "GroupBy",
    "MarkersError",
    "OutputError",
    "render",
    "select",
]

# One module per format; a test checks that every Format has one.
MODULES: dict[Format, str] = {
    Format.markdown: "catalog.export.markdown",
    Format.json: "catalog.export.json_doc",
    Format.csv: "catalog.export.csv_table",
    Format.bibtex: "catalog.export.bibtex",
    Format.html: "catalog.export.html_page",
}


def render(catalog: Catalog, format: Format, options: ExportOptions | None = None) -> str:
    """``catalog`` in ``format``. Filter first with :func:`select` to export a subset."""
    module = importlib.import_module(MODULES[format])
    result: str = module.render(catalog, options or ExportOptions())
    return result


def select(catalog: Catalog, resource_ids: set[str] | None) -> Catalog:
    """A copy of ``catalog`` holding only the resources with these ids (None: all of them)."""
    if resource_ids is None:
        return catalog
    kept = [r for r in catalog.resources if r.id in resource_ids]
    return catalog.replace(resources=kept)
