"""The curation commands' part of the error family (drawn in full in :mod:`catalog.errors`).

The file being edited is left as it was whenever one of these is raised::

    CurateError                 any curation command failed; nothing was written
    ├── UnreadableInput         a file the command needs cannot be read or parsed (exit 2)
    ├── EditRejected            the edited catalog would break a rule; carries ``problems``
    ├── EditUnsafe              the edit would drop a comment or an entry (a bug guard)
    └── DuplicateResource       the URL is already in the catalog; names the entry

A page or the archive service that cannot be fetched raises the link checker's
:class:`FetchError`, re-exported here; writing the file can raise :class:`OutputError`. The CLI
exits 2 for :class:`UnreadableInput` and :class:`OutputError`, and 1 for the others.
"""

from __future__ import annotations

from catalog.errors import (
    CurateError,
    DuplicateResource,
    EditRejected,
    EditUnsafe,
    FetchError,
    OutputError,
    UnreadableInput,
)

__all__ = [
    "CurateError",
    "DuplicateResource",
    "EditRejected",
    "EditUnsafe",
    "FetchError",
    "OutputError",
    "UnreadableInput",
]
