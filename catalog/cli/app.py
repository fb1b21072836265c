"""The Typer application and the entry point.

Commands are built lazily: the root group knows every command's name and the module that
defines it (:data:`COMMANDS`), and imports and builds a module's commands only when one of them
runs or help lists them. ``catalog check`` then neither imports the export or curation code nor
converts their options, which is a good part of a short command's start-up.
"""

from __future__ import annotations

import difflib
import importlib
from typing import Any

import typer
from typer.core import TyperGroup

# Every command, in the order help lists them, and the module (under catalog.cli) whose
# register(app) defines it. tests/core/test_cli.py checks this table against the modules.
COMMANDS: dict[str, str] = {
    "list": "query",
    "search": "query",
    "show": "query",
    "topics": "query",
    "stats": "query",
    "glossary": "glossary",
    "paths": "paths",
    "path": "paths",
    "validate": "validate",
    "schema": "validate",
    "check": "check",
    "export": "export",
    "fmt": "curate",
    "import": "curate",
    "fix": "curate",
    "add": "curate",
    "report": "report",
}


# Typer 0.28 vendors Click (typer._click), so Click's types are spelled Any here.
def build_module(module: str) -> dict[str, Any]:
    """The click commands that ``catalog.cli.<module>`` registers, by name."""
    holder = typer.Typer(add_completion=False)
    importlib.import_module(f"catalog.cli.{module}").register(holder)
    group = typer.main.get_group(holder)
    return dict(group.commands)


class _LazyGroup(TyperGroup):
    """Click's documented lazy group: ``list_commands`` and ``get_command`` read
    :data:`COMMANDS`; a module's commands are built the first time one of them is asked for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        if cmd_name not in self._built:
            self._built.update(build_module(module))
        return self._built[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Typer suggests names from ``self.commands``, which a lazy group leaves empty.
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            ctx.fail(f"No such command '{name}'.{hint}")
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="catalog",
    cls=_LazyGroup,
    help=(
        "Query, validate, link-check and export a catalog of learning resources.\n\n"
        "Examples:\n\n"
        "  catalog search attention\n\n"
        "  catalog list --topic genomics --level beginner\n\n"
        "  catalog show vaswani-2017-attention\n\n"
        "  catalog validate --format github"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from catalog import __version__

        typer.echo(f"catalog {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        callback=_print_version,
        help="Print the version and exit.",
    ),
) -> None:
    """Query, validate, link-check and export a catalog of learning resources."""


def main() -> None:
    """Console-script entry point: exit codes 0, 1 (problems found), 2 (usage), 130 (Ctrl-C)."""
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
