"""The Typer application and the entry point.

Commands are built lazily: the root group knows every command's name and the module that
defines it (:data:`COMMANDS`), imports that module only when one of its commands runs or help
lists them, and builds only the command asked for. ``catalog check`` then neither imports the
export or curation code nor builds their options; ``catalog search`` does not build ``list``.
Typer 0.29 and later convert each parameter of the command that runs through a Pydantic
TypeAdapter, so that command's first non-flag parameter imports Pydantic whatever we do here
(bench/README.md, "Typer pin").
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
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
    "add": "add",
    "report": "report",
}


# Typer (0.28 on) vendors Click as typer._click, so Click's types are spelled Any here.
def build_module(module: str, only: str | None = None) -> dict[str, Any]:
    """The click commands that ``catalog.cli.<module>`` registers, by name; with ``only``,
    just that one, so that a run builds no other command's parameters."""
    holder = typer.Typer(add_completion=False)
    importlib.import_module(f"catalog.cli.{module}").register(holder)
    if only is not None:
        holder.registered_commands = [c for c in holder.registered_commands if c.name == only]
    group = typer.main.get_group(holder)
    return dict(group.commands)


class _LazyGroup(TyperGroup):
    """Click's documented lazy group: ``list_commands`` and ``get_command`` read
    :data:`COMMANDS`; a command is built the first time it is asked for."""

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
            self._built.update(build_module(module, only=cmd_name))
        return self._built[cmd_name]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader stopped reading (| head): nothing went wrong with the command, and
            # Click would call it exit 1. Later writes, and Python's last flush, go nowhere.
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Typer suggests names from ``self.commands``, which a lazy group leaves empty.
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            from catalog.cli._common import suggest

            hint = suggest(name, COMMANDS)
            ctx.fail(f"no such command '{name}'" + (f" ({hint})" if hint else ""))
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, with this project's messages and exit codes: a usage error is one
        ``error:`` line and a --help hint (exit 2), Ctrl-C is 130, prompts included."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as exc:
            raise SystemExit(_click_error(exc)) from None
        except Abort as exc:
            raise SystemExit(_abort(exc)) from None
        raise SystemExit(code if isinstance(code, int) else 0)


def _click_error(exc: Any) -> int:
    """Print a Click error as one line (and a --help hint); return the exit code, 2."""
    from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption, UsageError

    from catalog.cli._common import ExitCode, fail

    if isinstance(exc, NoArgsIsHelpError):  # the help is already printed
        return int(exc.exit_code)
    message = exc.message if isinstance(exc, NoSuchOption) else exc.format_message()
    message = message.strip().rstrip(".")
    message = message[:1].lower() + message[1:] if message[1:2].islower() else message
    if isinstance(exc, NoSuchOption) and exc.possibilities:
        listed = " or ".join(sorted(exc.possibilities))
        message += f" (did you mean {listed}?)"
    hint = None
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, UsageError) and ctx is not None:
        hint = f"Run '{ctx.command_path} --help' for usage."
    fail(message, hint=hint)
    return int(ExitCode.USAGE)  # Click's other errors (a file it cannot open) are input errors


def _abort(exc: BaseException) -> int:
    """Click turns Ctrl-C and a closed stdin at a prompt into Abort; tell which it was."""
    import sys

    from catalog.cli._common import ExitCode, fail

    if isinstance(exc.__context__ or exc.__cause__, KeyboardInterrupt):
        sys.stderr.write("\n")  # the prompt's line is left open
        return int(ExitCode.INTERRUPTED)
    fail(
        "no answer: the input ended before every question was answered; nothing was written",
        hint="Give the values as options, or --yes to take the proposed ones.",
    )
    return int(ExitCode.USAGE)


app = typer.Typer(
    name="catalog",
    cls=_LazyGroup,
    help=(
        "Query, validate, link-check and export a catalog of learning resources.\n\n"
        "Examples:\n\n"
        "  catalog search attention\n\n"
        "  catalog list --topic genomics --level intermediate\n\n"
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
