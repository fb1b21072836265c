"""The one error this package raises: the text is not YAML the catalog accepts."""

from __future__ import annotations

from catalog.errors import CatalogReadError, Problem


class YamlError(CatalogReadError):
    """Not YAML we accept, at ``line``:``column`` (1-based) of ``source``; ``hint`` says the fix."""

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
