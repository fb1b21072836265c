"""Pieces every command shares: the --catalog option, consoles, loading with clear errors,
JSON output and exit codes. Only the CLI prints or exits."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from catalog.errors import CatalogFileError
    from catalog.index import Index
    from catalog.models import Catalog


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1  # the command ran and found problems
    USAGE = 2  # bad usage, or an input that cannot be read
    INTERRUPTED = 130


def resolve_path(path: Path | None) -> Path:
    from catalog.shipped import default_catalog_path

    return path if path is not None else default_catalog_path()


def console(*, stderr: bool = False) -> Console:
    """A Rich console; colour only on a terminal and never when NO_COLOR is set. Messages on
    stderr are never wrapped by Rich (soft_wrap): a path or URL in them stays whole."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1; the command group ends the run as for any closed pipe.
            raise BrokenPipeError

    return _Console(stderr=stderr, highlight=False, soft_wrap=stderr)


def print_problems(error: CatalogFileError, err: Console) -> None:
    from rich.markup import escape

    for problem in error.problems:
        style = "yellow" if problem.severity == "warning" else "red"
        err.print(f"[{style}]{escape(str(problem))}[/]", soft_wrap=True)


def _unreadable(error: CatalogFileError) -> typer.Exit:
    """Print every problem of a catalog a command cannot use; return the exit (code 2)."""
    err = console(stderr=True)
    print_problems(error, err)
    err.print("The catalog cannot be read; run 'catalog validate' for details.")
    return typer.Exit(ExitCode.USAGE)


def load_catalog(path: Path | None) -> Catalog:
    """Load the catalog for a command, or print every problem and exit 2."""
    from catalog.errors import CatalogFileError
    from catalog.loader import load

    try:
        return load(resolve_path(path))
    except CatalogFileError as exc:
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


def load_index_or_exit(path: Path | None) -> Index:
    """The catalog and its search index (cached by content), or print every problem and exit 2.

    Entries that still hold import placeholders are left out, with one warning."""
    from catalog.errors import CatalogFileError
    from catalog.index import load_index
    from catalog.loader import left_out

    try:
        index = load_index(resolve_path(path))
    except CatalogFileError as exc:
        raise _unreadable(exc) from None
    note = left_out(index.catalog)
    if note is not None:
        from rich.markup import escape

        message = f"{note.file}: {note.message} ({note.hint})"
        console(stderr=True).print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True)
    return index


def resolve_filters(filters: Any, topic_names: dict[str, str]) -> Any:
    """``filters`` with topic aliases resolved, or a usage error naming the closest topic."""
    from catalog.search import UnknownTopicError

    try:
        return filters.resolved(topic_names)
    except UnknownTopicError as exc:
        raise fail(f"unknown topic '{exc.name}'", hint=exc.hint or "see 'catalog topics'") from None


def suggest(name: str, names: Iterable[str], *, most: int = 3) -> str | None:
    """``did you mean 'x'?`` naming the closest of ``names`` (spelling, or containing
    ``name``), or None when none is close."""
    import difflib

    choices = list(dict.fromkeys(names))
    close = difflib.get_close_matches(name, choices, n=most, cutoff=0.5)
    if len(name) >= 2:
        close += [c for c in choices if name.casefold() in c.casefold() and c not in close]
    if not close:
        return None
    quoted = [f"'{c}'" for c in close[:most]]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"


def write_report(target: Path, text: str, *, source: Path | None = None) -> None:
    """Write a command's output file with the one writer (:mod:`catalog.files`), or print its
    one-line reason and exit 2. ``source`` is the file the command reads, never overwritten."""
    from catalog.errors import OutputError
    from catalog.files import write_text

    try:
        write_text(target, text, source=source)
    except OutputError as exc:
        raise fail(str(exc)) from None


def localized_text(value: Any, lang: str) -> str:
    """A title or note in ``lang``, falling back to English."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en", ""))
    return "" if value is None else str(value)
