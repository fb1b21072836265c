"""The Typer application and the entry point.

Commands are built lazily: the root group knows every command's name and the module that
defines it (:data:`COMMANDS`), and imports and builds a module's commands only when one of them
runs or help lists them. ``catalog check`` then neither imports the export or curation code nor
converts their options, which is a good part of a short command's start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
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


def build_module(module: str) -> dict[str, Any]:
    """The click commands that ``catalog.cli.<module>`` registers, by name."""
    holder = typer.Typer(add_completion=False)
    importlib.import_module(f"catalog.cli.{module}").register(holder)
    group = typer.main.get_group(holder)
    return dict(group.commands)


class _LazyCommands(MutableMapping[str, Any]):
    """The root group's command table: names known up front, commands built on first use."""

    def __init__(self) -> None:
        self._names = dict.fromkeys(COMMANDS)  # an ordered set: help lists commands in order
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._built:  # only names from COMMANDS can be still unbuilt
            self._built.update(build_module(COMMANDS[name]))
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._names[name] = None
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._names[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _LazyGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()


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
    import gc

    # Start-up creates tens of thousands of objects that live until exit (modules, classes,
    # the loaded catalog), and the cyclic collector would walk them again and again: about
    # 60 ms of a `catalog check` run. It is off until the command has loaded what it needs;
    # then _common.settle() freezes those objects and turns it back on for the real work.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
