"""The catalog as a spreadsheet: RFC 4180 CSV, UTF-8, one header row, one resource per row.

Rows end with CRLF and fields are quoted when they hold a comma, a quote or a line break (the
RFC's rules, as Python's ``csv`` writes them). Spreadsheets run a cell that starts with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return) as a formula, so such cells get a leading
``'``: the OWASP advice against CSV injection. Lists are joined with ``; ``.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalog.export.options import ExportOptions
    from catalog.models import Catalog, Resource

COLUMNS = (
    "id",
    "title",
    "url",
    "kind",
    "level",
    "year",
    "authors",
    "topics",
    "tags",
    "language",
    "free",
    "duration",
    "isbn",
    "doi",
    "arxiv",
    "added",
    "description",
    "description_lang",
    "companion_of",
    "companion_role",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _row(catalog: Catalog, resource: Resource, lang: str) -> list[str]:
    description, translated = resource.text(lang)
    main = catalog.main_of(resource.id)
    values = {
        "id": resource.id,
        "title": resource.title,
        "url": resource.url,
        "kind": resource.kind,
        "level": resource.level,
        "year": str(resource.year),
        "authors": "; ".join(resource.authors),
        "topics": "; ".join(resource.topics),
        "tags": "; ".join(resource.tags),
        "language": resource.language,
        "free": "" if resource.free is None else str(resource.free).lower(),
        "duration": resource.duration or "",
        "isbn": resource.isbn or "",
        "doi": resource.doi or "",
        "arxiv": resource.arxiv or "",
        "added": resource.added.isoformat() if resource.added else "",
        "description": " ".join(description.split()),
        "description_lang": lang if translated else "en",
        "companion_of": main[0].id if main else "",
        "companion_role": main[1].role if main else "",
    }
    return [neutralise(values[column]) for column in COLUMNS]


def render(catalog: Catalog, options: ExportOptions) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for resource in catalog.resources:
        writer.writerow(_row(catalog, resource, options.lang))
    return buffer.getvalue()
