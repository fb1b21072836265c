"""Running the installed script as people do: on a real terminal (a pty) at a given width, or in
a pipe; what test_terminal.py and test_messages.py share."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.cells import cell_len

from .helpers import installed_script

WIDTHS = (40, 60, 80, 120)
# Runs the script with the pty as its controlling terminal, so that Ctrl-C there is SIGINT.
LAUNCH = (
    "import fcntl, os, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def script_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "CATALOG_FILE")}
    env.update(CATALOG_CACHE_DIR=str(tmp_path / "index"), NO_COLOR="1", TERM="xterm")
    env.pop("TTY_COMPATIBLE", None)
    env.pop("FORCE_COLOR", None)
    return {**env, **extra}


def in_terminal(
    args: Sequence[str],
    tmp_path: Path,
    *,
    columns: int,
    answers: Sequence[tuple[str, bytes]] = (),
    env: dict[str, str] | None = None,
    stderr_apart: bool = False,
) -> tuple[int, str, str]:
    """Run the installed script on a pty ``columns`` wide; type each answer once its prompt
    shows. Returns the exit code, what the terminal showed (escapes removed) and, with
    ``stderr_apart``, stderr (otherwise it is on the terminal too)."""
    import fcntl
    import pty
    import struct
    import termios

    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, installed_script(), *args],
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE if stderr_apart else child,
        cwd=tmp_path,
        env=env or script_env(tmp_path),
        start_new_session=True,
    )
    os.close(child)
    seen, pending = b"", list(answers)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([parent], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(parent, 65536)
                except OSError:  # the script has exited and closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and pending[0][0].encode() in seen:
                time.sleep(0.2)  # let the prompt finish reading the terminal's settings
                os.write(parent, pending.pop(0)[1])
        else:
            proc.kill()
            pytest.fail(f"{args} did not finish; it showed:\n{seen.decode(errors='replace')}")
        err = proc.stderr.read().decode() if proc.stderr else ""
        code = proc.wait(timeout=30)
    finally:
        os.close(parent)
        if proc.stderr:
            proc.stderr.close()
    shown = ESCAPES.sub("", seen.decode("utf-8", "replace")).replace("\r\n", "\n")
    return code, shown, err


def piped(args: Sequence[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_script(), *args],
        cwd=tmp_path,
        env=script_env(tmp_path, **extra),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_fits(shown: str, width: int, keys: Sequence[str]) -> None:
    """Every line fits ``width``, except a line holding one key alone (a key wider than the
    terminal cannot fit); every key is on some line whole, and nothing is cut with '…'."""
    lines = shown.splitlines()
    for line in lines:
        if cell_len(line) > width:
            assert len(line.split()) == 1, (width, line)
            assert line.split()[0] in keys, (width, line)
    words = {word for line in lines for word in line.split()}
    assert [k for k in keys if k not in words] == []
    assert "…" not in shown


def tsv_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


# The layout itself
