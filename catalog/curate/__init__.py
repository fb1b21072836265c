"""Curation: edits of a catalog file that keep every comment, key order and quoting.

One module per concern::

    yamledit   round-trip load/render (ruamel.yaml), validate-before-write, atomic write
    comments   moving comments with the keys and entries they belong to; counting them
    fmt        canonical formatting (``catalog fmt``)
    mdlist     reading an awesome-style Markdown list (markdown-it-py)
    importer   adding a parsed list to a catalog (``catalog import``)
    guess      kind, arXiv id and slug from a URL or a title
    metadata   title, description, authors and date from a page's <head>
    add        proposing and appending one entry (``catalog add``)
    fix        applying link-check results (``catalog fix``)
    wayback    the Wayback Machine availability API client
    errors     the CurateError tree

The library never prints or prompts; :mod:`catalog.cli.curate` does.
"""

from __future__ import annotations

from catalog.curate.errors import (
    CurateError,
    DuplicateResource,
    EditRejected,
    EditUnsafe,
    FetchError,
    UnreadableInput,
)

__all__ = [
    "CurateError",
    "DuplicateResource",
    "EditRejected",
    "EditUnsafe",
    "FetchError",
    "UnreadableInput",
]
