"""Regenerate what the docs show from the installed ``catalog`` script (in the spirit of cog).

The README and the pages under ``docs/`` never hold hand-copied command output. A block

    <!-- run: catalog search attention --limit 5 -->
    ...
    <!-- end run -->

holds what that command prints in an 80-column terminal: the installed console script runs in a
pseudo-terminal (so it draws what a user sees, not the plain output for pipes), from the
repository root, with colour off and a fresh index cache. Help pages come the same way
(``<!-- run: catalog check --help -->``), and ``<!-- file: docs/examples/broken.yaml -->``
shows a file whole (the input of an example run). The resource lists come from ``catalog export
--inject``.

    python tests/docs/refresh.py           # rewrite the blocks and the two resource lists
    python tests/docs/refresh.py --check   # change nothing; exit 1 with a diff when stale

``tests/docs/test_in_step.py`` runs the same code and fails on any drift.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = 80
BLOCK = re.compile(
    r"^<!-- (?P<kind>run|file): (?P<argument>[^\n]+?) -->\n(?P<body>.*?)^<!-- end (?P=kind) -->$",
    re.S | re.M,
)
ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
# The generated lists: (file, the export options that write it).
LISTS = (
    ("docs/resources.en.md", ()),
    ("docs/resources.fa.md", ("--lang", "fa")),
)
REFRESH = "python tests/docs/refresh.py"
LANGUAGES = {".md": "markdown", ".yml": "yaml"}


def documents() -> list[Path]:
    """The files that may hold run blocks: the README and every page of the docs."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def script() -> str:
    """The installed console script (next to this interpreter when it runs from a venv)."""
    found = shutil.which("catalog", path=str(Path(sys.executable).parent)) or shutil.which(
        "catalog"
    )
    if found is None:
        raise SystemExit("the 'catalog' console script is not installed; run: pip install -e .")
    return found


def _argv(command: str) -> list[str]:
    argv = shlex.split(command)
    if not argv or argv[0] != "catalog":
        raise ValueError(f"a run block runs 'catalog ...' only, not {command!r}")
    return [script(), *argv[1:]]


def terminal_output(command: str, cache: Path) -> str:
    """What ``command`` shows in an 80-column terminal, stdout and stderr as they interleave."""
    import fcntl
    import pty
    import struct
    import termios

    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(cache),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
        "COLUMNS": str(COLUMNS),
        "LINES": "50",
        "CATALOG_CACHE_DIR": str(cache / "index"),
        "XDG_CACHE_HOME": str(cache),
    }
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, COLUMNS, 0, 0))
    chunks = []
    try:
        with subprocess.Popen(
            _argv(command),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
        ) as process:
            os.close(follower)
            follower = -1
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the command has exited and closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            process.wait(timeout=120)
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    text = ESCAPE.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    return "\n".join(lines).strip("\n")


def fenced(text: str, language: str) -> str:
    """``text`` in a code fence longer than any run of backticks inside it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip(chr(10))}\n{fence}\n"


def block(command: str, output: str) -> str:
    """The Markdown that a run block holds: the prompt, then the output, in a console fence."""
    return fenced(f"$ {command}\n{output}", "console")


def outputs(commands: Iterable[str]) -> dict[str, str]:
    """Run each distinct command once (two at a time) and keep what it printed."""
    unique = sorted(set(commands))
    with tempfile.TemporaryDirectory(prefix="catalog-docs-") as folder:
        cache = Path(folder)
        # Build the index once, so no run prints anything about building it.
        terminal_output("catalog validate", cache)
        with ThreadPoolExecutor(max_workers=2) as pool:
            texts = list(pool.map(lambda c: terminal_output(c, cache), unique))
    return dict(zip(unique, texts, strict=True))


def refreshed(text: str, printed: dict[str, str]) -> str:
    """``text`` with every run block holding the current output of its command."""

    def replace(match: re.Match[str]) -> str:
        kind, argument = match["kind"], match["argument"].strip()
        if kind == "run":
            body = block(argument, printed[argument])
        else:  # a file of the repository, shown whole (an example input of a run block)
            path = ROOT / argument
            language = LANGUAGES.get(path.suffix, path.suffix.lstrip("."))
            body = fenced(path.read_text(encoding="utf-8"), language)
        return f"<!-- {kind}: {argument} -->\n{body}<!-- end {kind} -->"

    return BLOCK.sub(replace, text)


def stale_documents(paths: Sequence[Path]) -> dict[Path, tuple[str, str]]:
    """Every document whose run blocks are out of date: path -> (current, refreshed)."""
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    commands = [
        m["argument"].strip()
        for text in texts.values()
        for m in BLOCK.finditer(text)
        if m["kind"] == "run"
    ]
    printed = outputs(commands)
    changed = {}
    for path, text in texts.items():
        new = refreshed(text, printed)
        if new != text:
            changed[path] = (text, new)
    return changed


def export_lists(check: bool) -> list[str]:
    """Run ``catalog export --inject`` on each list; with ``check``, the stale ones' diffs."""
    problems = []
    for name, options in LISTS:
        argv = [script(), "export", *options, "--inject", name, *(["--check"] if check else [])]
        done = subprocess.run(
            argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False
        )
        if done.returncode != 0:
            problems.append(
                f"{' '.join(['catalog', *argv[1:]])}: exit {done.returncode}\n"
                f"{done.stdout}{done.stderr}"
            )
    return problems


def diff(path: Path, before: str, after: str) -> str:
    name = path.relative_to(ROOT).as_posix()
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"{name} (committed)",
        f"{name} (from the installed catalog)",
    )
    return "".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    stale = stale_documents(documents())
    for path, (before, after) in stale.items():
        if args.check:
            sys.stdout.write(diff(path, before, after))
        else:
            path.write_text(after, encoding="utf-8")
            print(f"{path.relative_to(ROOT).as_posix()}: command output refreshed")
    problems = export_lists(check=args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check and (stale or problems):
        print(f"the docs are stale; run: {REFRESH}", file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
