"""The ``catalog`` command line: a thin veneer over the library.

Each command group lives in its own module and registers itself on the one Typer app. Command
modules import only Typer at the top; whatever a command needs (Pydantic, httpx, Rich tables) is
imported inside the command, so that ``catalog search`` starts fast.
"""

from __future__ import annotations

from catalog.cli.app import app, main

__all__ = ["app", "main"]
