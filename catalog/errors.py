"""Every error the catalog library raises on purpose, in one family.

Only the CLI prints or exits; the library raises one of these, and ``str()`` is a message that
says what went wrong, where, and how to fix it. Catch :class:`CatalogError` for all of them::

    CatalogError                    root of the family
    ├── CatalogFileError            a catalog file cannot become a Catalog; carries ``problems``
    │   ├── CatalogReadError        missing, unreadable, not UTF-8, empty, or not YAML
    │   │   └── YamlError           not YAML the catalog accepts, at a line and column
    │   └── CatalogValidationError  parses, but breaks the schema or a catalog rule
    ├── UnknownTopicError           a filter names a topic the catalog lacks (also a ValueError)
    ├── OutputError                 an output file cannot be written; it was left as it was
    ├── ExportError                 an export cannot be produced
    │   └── MarkersError            the file to inject into lacks sound catalog markers
    ├── CurateError                 a curation command could not edit; nothing was written
    │   ├── UnreadableInput         a file it needs cannot be read (or an address is refused)
    │   ├── EditRejected            the edit would make the catalog invalid; carries ``problems``
    │   ├── EditUnsafe              the edit would drop a comment or an entry (a bug guard)
    │   └── DuplicateResource       the URL is already catalogued
    ├── LinkCheckError              the link checker cannot go on
    │   ├── BlockedAddressError     the network guard refused an address (SSRF protection)
    │   ├── FetchError              one page could not be fetched (check, add, fix's archive)
    │   │   ├── FetchTimeoutError   no complete answer within the timeout
    │   │   └── HttpStatusError     the server answered with a non-success status
    │   ├── CheckOptionsError       a ``CheckOptions`` value out of range (also a ValueError)
    │   └── ShardError              a ``--shard K/N`` that cannot be used (also a ValueError)
    ├── ReportError                 a check report file cannot be used
    ├── DecisionError               an ``--open-issue`` that is not a number (also a ValueError)
    └── ChangesError                no comparison with a git revision (git, work tree, REF)

Third-party errors (OSError, httpx, PyYAML) are translated where they happen. The concern
modules (``catalog.linkcheck.errors``, ``catalog.curate.errors``, ``catalog.export.errors``...)
re-export their part of the tree; the YAML reader raises :class:`CatalogReadError`. One internal
signal never leaves the package: the fetcher's ``Failure`` becomes a link-check result or a
:class:`FetchError`.

A :class:`Problem` is one finding, with the file, line and column it points at, a dotted path
into the document (``resources[7].url``), a message and an optional fix hint. Warnings are
problems with ``severity == "warning"``; they never make :func:`catalog.load` fail and are kept
on ``Catalog.warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in a catalog file, ordered by position."""

    line: int
    column: int
    path: str = field(compare=False)
    message: str = field(compare=False)
    file: str = field(default="resources.yaml", compare=False)
    hint: str | None = field(default=None, compare=False)
    severity: Severity = field(default="error", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        if self.severity == "warning":
            where += ": warning"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        """Stable JSON shape, documented in the README."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


class CatalogError(Exception):
    """Root of every error the library raises on purpose."""


# --- reading a catalog --------------------------------------------------------------------------


class CatalogFileError(CatalogError):
    """A catalog file could not be turned into a valid :class:`Catalog`; ``problems`` says why,
    sorted by position (warnings included)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid catalog")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class CatalogReadError(CatalogFileError):
    """The file is missing, unreadable, not UTF-8, empty or not parseable as YAML."""


class YamlError(CatalogReadError):
    """Not YAML we accept, at ``line``:``column`` (1-based) of ``source``; ``hint`` says the fix
    (raised by :mod:`catalog.yamldoc`)."""

    def __init__(
        self,
        line: int,
        column: int,
        message: str,
        hint: str | None = None,
        *,
        source: str = "resources.yaml",
    ) -> None:
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.source = source
        super().__init__([Problem(line, column, "", message, file=source, hint=hint)])


class CatalogValidationError(CatalogFileError):
    """The YAML is well-formed but breaks the schema or a catalog rule."""


class UnknownTopicError(CatalogError, ValueError):
    """A filter names a topic the catalog does not have."""

    def __init__(self, name: str, hint: str | None) -> None:
        self.name, self.hint = name, hint
        super().__init__(f"unknown topic '{name}'" + (f" ({hint})" if hint else ""))


# --- writing files ------------------------------------------------------------------------------


class OutputError(CatalogError):
    """An output file could not be written, and was left as it was (no temporary file remains).

    ``str()`` is one line, ``cannot write PATH: REASON``, followed by the hint in parentheses
    when there is one.
    """

    def __init__(self, path: str | Path, reason: str, hint: str | None = None) -> None:
        self.path, self.reason, self.hint = Path(path), reason, hint
        super().__init__(f"cannot write {path}: {reason}" + (f" ({hint})" if hint else ""))


class ExportError(CatalogError):
    """An export cannot be produced; ``str()`` is one line that says what and how to fix."""


class MarkersError(ExportError):
    """The markers are missing, repeated or out of order; the file was not touched."""


# --- curation -----------------------------------------------------------------------------------


class CurateError(CatalogError):
    """A curation command could not do its edit; the file was left as it was."""


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


# --- the link checker and fetching pages --------------------------------------------------------


class LinkCheckError(CatalogError):
    """Base class for every link-checker error, fetching a single page included."""


class BlockedAddressError(LinkCheckError):
    """The network guard refused to connect to an address.

    Not an ``OSError`` on purpose: connection libraries retry other addresses on ``OSError``,
    while a refusal must stop the request at once.
    """

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host, self.address, self.reason = host, address, reason
        shown = host if host == address else f"{host} ({address})"
        super().__init__(
            f"refused to connect to {shown}: {reason} address; allow its range with "
            "--allow-network CIDR (allow_networks=[CIDR] from Python)"
        )


class FetchError(LinkCheckError):
    """A page could not be fetched; ``status`` is the link-check status it would get."""

    def __init__(self, url: str, message: str, *, status: str = "error") -> None:
        self.url, self.status = url, status
        super().__init__(f"{url}: {message}")


class FetchTimeoutError(FetchError):
    """No complete answer within the timeout."""


class HttpStatusError(FetchError):
    """The final answer had a non-success HTTP status."""

    def __init__(self, url: str, code: int, *, status: str) -> None:
        self.code = code
        super().__init__(url, f"HTTP {code}", status=status)


class CheckOptionsError(LinkCheckError, ValueError):
    """A :class:`~catalog.linkcheck.CheckOptions` value is out of its range."""


class ShardError(LinkCheckError, ValueError):
    """A shard specification is not ``K/N`` with ``1 <= K <= N``."""


# --- reports and the git comparison -------------------------------------------------------------


class ReportError(CatalogError):
    """A report file cannot be used; the message names the file and what is wrong with it."""


class DecisionError(CatalogError, ValueError):
    """An --open-issue value that is not an issue number."""


class ChangesError(CatalogError):
    """The comparison with a git revision could not be made; the message says how to fix it."""
