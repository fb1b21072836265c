"""Tables on stdout: fitted to the terminal's width, or tab-separated for pipes and files.

The layout is :mod:`catalog.plaintext`'s; this module decides which form stdout gets and adds
styles (a bold header, cyan ids). ``TTY_COMPATIBLE=1`` or ``=0`` overrides the terminal test,
as it does for Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from catalog.plaintext import Column, Line


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal a person reads; only TTY_COMPATIBLE overrides the test
    (FORCE_COLOR asks for colour, not for a layout that a pipe cannot parse)."""
    import os
    import sys

    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stdout.isatty()
    except ValueError:  # closed
        return False


def terminal_width() -> int | None:
    """The width of the terminal on stdout, or None when stdout is not one."""
    from catalog.cli._common import console

    return console().width if stdout_is_terminal() else None


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    styles: dict[int, str] | None = None,
) -> None:
    """The table on stdout: fitted on a terminal (header in bold, ``styles`` by column index),
    tab-separated otherwise."""
    from catalog.plaintext import fit, tsv

    width = terminal_width()
    if width is None:
        _write(tsv(columns, rows))
        return
    _print(fit(columns, rows, width), styles or {})


def print_fields(title: str, pairs: Sequence[tuple[str, str]]) -> None:
    """A record (``show``): its title, then a name and a value per line; on a pipe, the pairs
    tab-separated under a ``field``/``value`` header."""
    from catalog.plaintext import Column, fit_fields, tsv, wrap

    width = terminal_width()
    if width is None:
        _write(tsv([Column("field"), Column("value")], pairs))
        return
    from rich.text import Text

    out = _console()
    for line in wrap(title, width):
        out.print(Text(line, style="bold"), soft_wrap=True)
    _print(fit_fields(pairs, width), {0: "bold"}, out=out)


def _write(text: str) -> None:
    import sys

    sys.stdout.write(text)


def _console() -> Console:
    from catalog.cli._common import console

    return console()


def _print(lines: Sequence[Line], styles: dict[int, str], *, out: Console | None = None) -> None:
    from rich.text import Text

    from catalog.plaintext import HEADER

    out = out or _console()
    styles = {HEADER: "bold", **styles}
    for line in lines:
        text = Text()
        for piece, column in line:
            text.append(piece, style=styles.get(column, "") if column is not None else "")
        # soft_wrap: Rich neither re-wraps nor crops; a key wider than the terminal is written
        # whole, and the terminal folds it without a newline in what gets copied.
        out.print(text, soft_wrap=True)
