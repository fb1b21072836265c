"""Errors raised by the curation commands.

Only the CLI prints or exits; the library raises one of these, and the file being edited is
left as it was::

    CurateError                 any curation command failed; nothing was written
    ├── UnreadableInput         a file the command needs cannot be read or parsed (exit 2)
    ├── EditRejected            the edited catalog would break a rule; carries ``problems``
    ├── EditUnsafe              the edit would drop a comment or an entry (a bug guard)
    ├── DuplicateResource       the URL is already in the catalog; names the entry
    └── FetchError              a page or the archive service could not be fetched

The CLI exits 2 for :class:`UnreadableInput` and 1 for the others.
"""

from __future__ import annotations

from catalog.errors import Problem


class CurateError(Exception):
    """Base class: a curation command could not do its edit; the file was left as it was."""


class UnreadableInput(CurateError):
    """A catalog, Markdown list, report or cache cannot be read (or an address is refused)."""


class EditRejected(CurateError):
    """The result would be invalid. ``problems`` are the errors the edit would introduce."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"the edited catalog would be invalid; nothing was written\n{lines}")


class EditUnsafe(CurateError):
    """The edit would lose a comment or an entry. This is a bug guard; please report it."""


class DuplicateResource(CurateError):
    """The URL is already catalogued under ``existing_id``."""

    def __init__(self, url: str, existing_id: str, line: int | None = None) -> None:
        self.url = url
        self.existing_id = existing_id
        self.line = line
        where = f" (line {line})" if line else ""
        super().__init__(f"{url} is already in the catalog as '{existing_id}'{where}")


class FetchError(CurateError):
    """A page or the archive availability service could not be fetched."""
