"""Pieces every command shares: the --catalog option, consoles, loading with clear errors,
JSON output and exit codes. Only the CLI prints or exits."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from catalog.errors import CatalogError
    from catalog.models import Catalog


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1  # the command ran and found problems
    USAGE = 2  # bad usage, or an input that cannot be read
    INTERRUPTED = 130


CATALOG_HELP = (
    "Catalog file. Default: ./resources.yaml if present, otherwise the catalog shipped with "
    "the package."
)


def catalog_option() -> Any:
    """The --catalog option, also read from CATALOG_FILE."""
    return typer.Option(
        None,
        "--catalog",
        "-c",
        envvar="CATALOG_FILE",
        help=CATALOG_HELP,
        show_default=False,
        dir_okay=False,
    )


def resolve_path(path: Path | None) -> Path:
    from catalog.shipped import default_catalog_path

    return path if path is not None else default_catalog_path()


def console(*, stderr: bool = False) -> Console:
    """A Rich console; colour only on a terminal and never when NO_COLOR is set."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def print_problems(error: CatalogError, err: Console) -> None:
    from rich.markup import escape

    for problem in error.problems:
        style = "yellow" if problem.severity == "warning" else "red"
        err.print(f"[{style}]{escape(str(problem))}[/]", soft_wrap=True)


def _unreadable(error: CatalogError) -> typer.Exit:
    """Print every problem of a catalog a command cannot use; return the exit (code 2)."""
    err = console(stderr=True)
    print_problems(error, err)
    err.print("The catalog cannot be read; run 'catalog validate' for details.")
    return typer.Exit(ExitCode.USAGE)


def load_catalog(path: Path | None) -> Catalog:
    """Load the catalog for a command, or print every problem and exit 2."""
    from catalog.errors import CatalogError
    from catalog.loader import load

    try:
        return load(resolve_path(path))
    except CatalogError as exc:
        raise _unreadable(exc) from None


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8 JSON, indented, keys as documented in the README."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, *, code: ExitCode = ExitCode.USAGE, hint: str | None = None) -> typer.Exit:
    """Print one red line (and a hint) to stderr; return the Exit to raise."""
    from rich.markup import escape

    err = console(stderr=True)
    err.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
    if hint:
        err.print(escape(hint), soft_wrap=True)
    return typer.Exit(code)


# Filters shared by list, search, export and check. Typer needs one declaration per command, so
# these factories keep the names, help and types identical everywhere.
def topic_option() -> Any:
    return typer.Option(
        None, "--topic", "-t", help="Only this topic (id or alias); repeat for any of several."
    )


def kind_option() -> Any:
    return typer.Option(
        None, "--kind", "-k", help="Only this kind (video, paper, book, ...); repeatable."
    )


def level_option() -> Any:
    return typer.Option(
        None,
        "--level",
        "-l",
        help="Only this level: beginner, intermediate or advanced; repeatable.",
    )


def language_option() -> Any:
    return typer.Option(None, "--language", help="Only resources in this language (en, fa, ...).")


def since_option() -> Any:
    return typer.Option(None, "--since", metavar="YEAR", help="Only resources from YEAR or later.")


def free_option() -> Any:
    return typer.Option(
        None, "--free/--paid", help="Only free resources, or only paid ones.", show_default=False
    )


def make_filters(
    topic: list[str] | None,
    kind: list[str] | None,
    level: list[str] | None,
    language: list[str] | None,
    since: int | None,
    free: bool | None,
) -> Any:
    """Build :class:`catalog.search.Filters` from the shared options, checking kinds and levels."""
    from catalog.rules import did_you_mean
    from catalog.search import Filters
    from catalog.vocab import KINDS, LEVELS

    for values, allowed, name in ((kind, KINDS, "kind"), (level, LEVELS, "level")):
        for value in values or []:
            if value not in allowed:
                hint = did_you_mean(value, allowed) or f"choose from: {', '.join(allowed)}"
                raise fail(f"unknown {name} '{value}'", hint=hint)
    return Filters(
        topics=tuple(topic or ()),
        kinds=tuple(kind or ()),
        levels=tuple(level or ()),
        languages=tuple(language or ()),
        since=since,
        free=free,
    )


def load_index_or_exit(path: Path | None) -> Any:
    """The query index of the catalog (cached by content), or print every problem and exit 2."""
    from catalog.errors import CatalogError
    from catalog.index import load_index

    try:
        return load_index(resolve_path(path))
    except CatalogError as exc:
        raise _unreadable(exc) from None


def resolve_filters(filters: Any, topic_names: dict[str, str]) -> Any:
    """``filters`` with topic aliases resolved, or a usage error naming the closest topic."""
    from catalog.search import UnknownTopicError

    try:
        return filters.resolved(topic_names)
    except UnknownTopicError as exc:
        raise fail(f"unknown topic '{exc.name}'", hint=exc.hint or "see 'catalog topics'") from None


def write_report(target: Path, text: str) -> None:
    """Write a command's report to a file atomically (a reader never sees half a file), or exit
    2 with the reason."""
    import os
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except OSError as exc:
        raise fail(f"cannot write {target}: {exc.strerror}") from None


def localized_text(value: Any, lang: str) -> str:
    """A title or note in ``lang``, falling back to English."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en", ""))
    return "" if value is None else str(value)
