"""What `catalog check` writes to stderr while it works: a Rich progress bar on a terminal,
a plain line every few seconds otherwise, and warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from catalog.linkcheck import LinkResult


class Stderr:
    """Where progress and warnings go. Rich is imported only when stderr may be a terminal
    (for the progress bar) or when there is a warning to colour; a plain CI run, with stderr
    redirected, writes its progress lines directly and never pays for Rich's import."""

    def __init__(self) -> None:
        import os
        import sys

        self._console: Console | None = None
        # Rich also honours TTY_COMPATIBLE and FORCE_COLOR; when either is set, Rich decides.
        maybe = sys.stderr.isatty() or any(
            name in os.environ for name in ("TTY_COMPATIBLE", "FORCE_COLOR")
        )
        self.terminal = maybe and self.console.is_terminal

    @property
    def console(self) -> Console:
        if self._console is None:
            from catalog.cli._common import console

            self._console = console(stderr=True)
        return self._console

    def line(self, text: str) -> None:
        """Plain text (no markup), one line."""
        if self._console is None:
            import sys

            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        else:
            self._console.print(text, markup=False, highlight=False, soft_wrap=True)

    def warn(self, text: str) -> None:
        from rich.markup import escape

        self.console.print(f"[yellow]warning:[/] {escape(text)}", soft_wrap=True)


class Progress:
    """A Rich progress bar on a terminal; otherwise a plain line every few seconds."""

    def __init__(self, total: int, err: Stderr) -> None:
        import time

        self.total, self.err, self.done, self.failing = total, err, 0, 0
        self._last = time.monotonic()
        self._bar: Any = None
        if err.terminal and total:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} links/s"),
                TimeRemainingColumn(),
                TextColumn("[red]{task.fields[failing]} failing"),
                console=err.console,
                transient=True,
            )
            self._task = self._bar.add_task("check", total=total, rate="-", failing=0)
            self._bar.start()
            self._started = time.monotonic()

    def advance(self, result: LinkResult) -> None:
        import time

        self.done += 1
        self.failing += result.failing
        now = time.monotonic()
        if self._bar is not None:
            rate = self.done / max(now - self._started, 1e-6)
            self._bar.update(self._task, advance=1, rate=f"{rate:.0f}", failing=self.failing)
        elif now - self._last >= 2.0 or self.done == self.total:
            self._last = now
            self.err.line(f"checked {self.done}/{self.total} links, {self.failing} failing so far")

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
