"""Errors raised by the catalog library.

Only the CLI prints or exits; the library raises one of these::

    CatalogError                  any problem with a catalog file; carries ``problems``
    ├── CatalogReadError          the file cannot be read (missing, not UTF-8, empty, not YAML)
    └── CatalogValidationError    the file parses but breaks the schema or a catalog rule

A :class:`Problem` is one finding, with the file, line and column it points at, a dotted path
into the document (``resources[7].url``), a message and an optional fix hint. Warnings are
problems with ``severity == "warning"``; they never make :func:`catalog.load` fail and are kept
on ``Catalog.warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    """Base class: a catalog file could not be turned into a valid :class:`Catalog`."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid catalog")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class CatalogReadError(CatalogError):
    """The file is missing, unreadable, not UTF-8, empty or not parseable as YAML."""


class CatalogValidationError(CatalogError):
    """The YAML is well-formed but breaks the schema or a catalog rule."""
