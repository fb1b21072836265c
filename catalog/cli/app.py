"""The Typer application and the entry point."""

from __future__ import annotations

import typer

from catalog.cli import check, curate, export, paths, query, report, validate

app = typer.Typer(
    name="catalog",
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

for _module in (query, paths, validate, check, export, curate, report):
    _module.register(app)


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
