"""Curation: edits of a catalog file that change only what they mean to change.

One module per concern::

    editdoc    a catalog file read once for editing: its text, parsed log, line endings
    yamledit   check the edited text with the one reader, then the atomic write
    splices    the edits (a block of entries, a key, a list item) as splices of the text
    order      the canonical order of keys, read from the models
    fmt        canonical formatting (``catalog fmt``), rebuilt from the node spans
    mdlist     reading an awesome-style Markdown list (markdown-it-py)
    importer   adding a parsed list to a catalog (``catalog import``)
    guess      kind, arXiv id and slug from a URL or a title
    metadata   title, description, authors and date from a page's <head>
    add        proposing and inserting one entry (``catalog add``)
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
