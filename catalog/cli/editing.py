"""What the editing commands (``fmt``, ``import``, ``fix``, ``add``) share: the file they edit,
how they read it, show a diff, report a library error, and the ``--allow-network`` option."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from catalog.cli._common import ExitCode, console

if TYPE_CHECKING:
    from catalog.curate.yamledit import Document


# Edits go to ./resources.yaml or --catalog, never to the copy shipped inside the package.
EDITED = Path("resources.yaml")


def edit_stderr() -> Any:
    """stderr, for messages and reports; long lines (paths, URLs) are never broken."""
    err = console(stderr=True)
    err.soft_wrap = True
    return err


def network_option() -> Any:
    return typer.Option(
        [],
        "--allow-network",
        metavar="CIDR",
        help="Allow connecting to this range (repeatable), e.g. 127.0.0.0/8.",
        callback=check_networks,
    )


# Typed Any, not list[str]: on Python 3.10 Typer's callback inspection calls issubclass() on the
# annotation, and a generic alias such as list[str] passes isinstance(x, type) there but then
# makes issubclass() raise.
def check_networks(values: Any) -> Any:
    from catalog.linkcheck.guard import parse_networks

    try:
        parse_networks(values)  # a clear message for a bad CIDR, before any work
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return values


def fail_edit(exc: Exception) -> NoReturn:
    """Turn a library error into lines on stderr and the documented exit code: 2 for an input
    that cannot be read or an output that cannot be written, 1 otherwise."""
    from rich.markup import escape

    from catalog.errors import DuplicateResource, EditRejected, OutputError, UnreadableInput

    err = edit_stderr()
    if isinstance(exc, EditRejected):
        from dataclasses import replace

        # The lines are those of the edited text, which was not written: say so, rather than
        # point an editor at a line of the file on disk that holds something else.
        for problem in exc.problems:
            shown = replace(problem, file=f"{problem.file} (after the edit)")
            err.print(f"[red]{escape(str(shown))}[/]")
        err.print("[red]error:[/] the edit would make the catalog invalid; nothing was written")
        raise typer.Exit(ExitCode.PROBLEMS)
    err.print(f"[red]error:[/] {escape(str(exc))}")
    if isinstance(exc, (UnreadableInput, OutputError)):
        raise typer.Exit(ExitCode.USAGE)
    if isinstance(exc, DuplicateResource):
        err.print(f"Edit the existing entry instead: catalog show {exc.existing_id}")
    raise typer.Exit(ExitCode.PROBLEMS)


def read_document(path: Path, *, create: bool = False) -> Document:
    from catalog.curate.yamledit import Document
    from catalog.errors import CatalogError

    try:
        return Document.read(path, create=create)
    except CatalogError as exc:
        fail_edit(exc)


def show_diff(text: str) -> None:
    """A unified diff on stdout, coloured on a terminal."""
    from rich.syntax import Syntax

    out = console()
    if text and out.is_terminal:
        out.print(Syntax(text, "diff", theme="ansi_dark", background_color="default"))
    elif text:
        typer.echo(text, nl=False)
