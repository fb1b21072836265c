"""What people see: the installed script on a real terminal (a pty) at several widths, in a pipe,
on bad usage and on Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.cells import cell_len

from .helpers import MINIMAL, installed_script

WIDTHS = (40, 60, 80, 120)
# Runs the script with the pty as its controlling terminal, so that Ctrl-C there is SIGINT.
LAUNCH = (
    "import fcntl, os, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
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
        env=env or _env(tmp_path),
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
        env=_env(tmp_path, **extra),
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


def _tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


# The layout itself


def test_the_runner_gets_a_fitted_table_when_told_it_is_a_terminal(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from catalog.cli import app

    env = {"COLUMNS": "30", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    env["CATALOG_CACHE_DIR"] = str(tmp_path)
    result = CliRunner().invoke(app, ["list", "-c", str(MINIMAL)], env=env)
    assert result.exit_code == 0
    assert ESCAPES.sub("", result.stdout).splitlines() == [
        "id            kind        year",
        "    title",
        "vaswani-2017  paper       2017",
        "    Attention Is All You Need",
        "dnabert       repository  2021",
        "    DNABERT",
    ]


# Tables at a terminal's width


@pytest.mark.parametrize("width", WIDTHS)
def test_list_and_search_fit_the_terminal(tmp_path: Path, width: int) -> None:
    rows = _tsv(piped(["list", "--topic", "attention"], tmp_path).stdout)
    ids = [row[0] for row in rows[1:]]
    code, shown, _ = in_terminal(["list", "--topic", "attention"], tmp_path, columns=width)
    assert code == 0
    assert_fits(shown, width, ids)
    code, shown, _ = in_terminal(["search", "protein", "language"], tmp_path, columns=width)
    assert code == 0
    found = json.loads(piped(["search", "protein", "language", "--json"], tmp_path).stdout)
    assert_fits(shown, width, [r["id"] for r in found["results"]])
    if width >= 80:  # room for every column: level is not dropped
        assert "level" in shown.splitlines()[0]


@pytest.mark.parametrize("width", WIDTHS)
def test_show_fits_the_terminal(tmp_path: Path, width: int) -> None:
    rid = "hf-notebook-protein-language-modeling"
    data = json.loads(piped(["show", rid, "--json"], tmp_path).stdout)
    code, shown, _ = in_terminal(["show", rid], tmp_path, columns=width)
    assert code == 0
    where = next(w for w in shown.split() if w.endswith(f"resources.yaml:{data['line']}"))
    assert_fits(shown, width, [rid, data["url"], where])


def _skipped_catalog(path: Path) -> dict[str, str]:
    """Links the checker skips (no network needed), with long ids, URLs and reasons."""
    urls = {
        "hf-notebook-protein-language-modeling": "https://colab.research.google.com/github/"
        "huggingface/notebooks/blob/main/examples/protein_language_modeling.ipynb",
        "vaswani-2017": "https://arxiv.org/abs/1706.03762",
        "vig-2019-multiscale-attention-visualization": "https://example.org/a/rather/long/"
        "path/to/a/visualisation.html",
    }
    entries = "".join(
        f"  - id: {rid}\n    title: Resource {rid}\n    url: {url}\n    kind: article\n"
        "    topics: [attention]\n    authors: [A. Author]\n    year: 2020\n"
        "    level: beginner\n    language: en\n    description: A resource.\n"
        "    check:\n      skip: true\n      reason: behind a login wall that a robot cannot"
        " pass, so it is checked by hand\n"
        for rid, url in urls.items()
    )
    path.write_text(
        "topics:\n  attention:\n    title: Attention\n    description: Attention.\n"
        f"resources:\n{entries}",
        encoding="utf-8",
    )
    return urls


@pytest.mark.parametrize("width", WIDTHS)
def test_the_check_report_fits_the_terminal(tmp_path: Path, width: int) -> None:
    urls = _skipped_catalog(tmp_path / "r.yaml")
    args = ["check", "-c", "r.yaml", "--no-cache"]
    # COLUMNS as well as the terminal's size: the report once kept 100 columns whatever it was.
    env = _env(tmp_path, COLUMNS=str(width))
    code, shown, err = in_terminal(args, tmp_path, columns=width, env=env, stderr_apart=True)
    assert code == 0, err
    assert shown.startswith("skipped (3)\n")
    assert_fits(shown, width, [*urls, *urls.values()])
    assert err.splitlines()[-1] == "3 links: 3 skipped; 0 failing"


# Pipes get tab-separated values


def test_a_pipe_gets_tab_separated_rows(tmp_path: Path) -> None:
    listed = piped(["list", "-c", str(MINIMAL), "--sort", "year"], tmp_path, COLUMNS="20")
    assert listed.returncode == 0
    assert _tsv(listed.stdout) == [
        ["id", "title", "kind", "level", "year"],
        ["dnabert", "DNABERT", "repository", "advanced", "2021"],
        ["vaswani-2017", "Attention Is All You Need", "paper", "advanced", "2017"],
    ]
    assert listed.stderr == "2 of 2 resources\n"
    shown = piped(["show", "dnabert", "-c", str(MINIMAL)], tmp_path)
    rows = _tsv(shown.stdout)
    assert rows[0] == ["field", "value"]
    assert ["url", "https://example.org/dnabert"] in rows
    assert ["description (en)", "Code for a DNA language model."] in rows
    topics = _tsv(piped(["topics", "-c", str(MINIMAL)], tmp_path).stdout)
    assert topics[0] == ["topic", "resources", "title", "aliases"]
    assert topics[1] == ["attention", "1", "Attention", "self-attention"]


def test_a_piped_check_report_is_tab_separated(tmp_path: Path) -> None:
    urls = _skipped_catalog(tmp_path / "r.yaml")
    done = piped(["check", "-c", "r.yaml", "--no-cache"], tmp_path)
    assert done.returncode == 0
    rows = _tsv(done.stdout)
    assert rows[0] == ["status", "line", "id", "url", "detail"]
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [("skipped", k, v) for k, v in urls.items()]
    assert done.stderr.splitlines()[-1] == "3 links: 3 skipped; 0 failing"


# Usage errors


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (
            ["search", "x", "--limit", "-1"],
            (  # Typer up to 0.28 words it as Click does, 0.29 on as Pydantic does
                "error: invalid value for '--limit' / '-n': -1 is not in the range x>=1",
                "error: invalid value for '--limit' / '-n': Input should be greater than or "
                "equal to 1",
            ),
            "catalog search",
        ),
        (
            ["list", "--lang", "fa"],
            "error: no such option: --lang (did you mean --language?)",
            "catalog list",
        ),
        (
            ["list", "--catalog", "."],
            tuple(
                "error: invalid value for '--catalog' / '-c' (env var: 'CATALOG_FILE'): "
                f"{file} '.' is a directory"
                for file in ("File", "file")  # Typer 0.29 on: lower case
            ),
            "catalog list",
        ),
        (["serch", "x"], "error: no such command 'serch' (did you mean 'search'", "catalog"),
        (
            ["list", "--since", "-5"],
            (
                "error: invalid value for '--since': -5 is not in",
                "error: invalid value for '--since': Input should be greater than or equal to 0",
            ),
            "catalog list",
        ),
    ],
)
def test_usage_errors_are_one_line_and_a_help_hint(
    tmp_path: Path, args: list[str], message: str | tuple[str, ...], command: str
) -> None:
    done = piped(args, tmp_path)
    assert done.returncode == 2
    first, second = done.stderr.splitlines()
    assert first.startswith(message)
    assert second == f"Run '{command} --help' for usage."
    assert done.stdout == ""


@pytest.mark.parametrize("command", ["list", "search", "check", "export"])
@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--language", "xx"], "error: unknown language 'xx'", ""),
        (["--language", "EN"], "error: unknown language 'EN'", "did you mean 'en'?"),
        (["--free", "--paid"], "error: --free and --paid exclude each other", ""),
        (["--kind", "vidoe"], "error: unknown kind 'vidoe'", "did you mean 'video'?"),
        (["--level", "expert"], "error: unknown level 'expert'", ""),
        (["--topic", "atention"], "error: unknown topic 'atention'", "did you mean 'attention'?"),
    ],
)
def test_filter_values_are_checked_alike(
    tmp_path: Path, command: str, args: list[str], message: str, hint: str
) -> None:
    query = ["attention"] if command == "search" else []
    done = piped([command, *query, "-c", str(MINIMAL), *args], tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert hint in done.stderr
    assert done.stdout == ""


def test_the_language_hint_names_the_catalogs_languages(tmp_path: Path) -> None:
    done = piped(["list", "-c", str(MINIMAL), "--language", "xx"], tmp_path)
    assert done.stderr.splitlines() == [
        "error: unknown language 'xx'",
        "languages in this catalog: en",
    ]


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["path", "long"], "did you mean 'long-sequences'?"),
        (["path", "zero"], "did you mean 'from-zero'?"),
        (["show", "vaswani-attention"], "did you mean 'vaswani-2017-attention'?"),
        (["check", "--only", "vaswani-2017"], "did you mean 'vaswani-2017-attention'?"),
    ],
)
def test_names_get_the_closest_suggested(tmp_path: Path, args: list[str], hint: str) -> None:
    done = piped(args, tmp_path)
    assert done.returncode in (1, 2)
    assert hint[:-1] in done.stderr.splitlines()[1]


# Ctrl-C and closed input


def test_ctrl_c_at_an_add_prompt_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    catalog = tmp_path / "r.yaml"
    shutil.copy(MINIMAL, catalog)
    before = catalog.read_bytes()
    args = ["add", "https://example.org/post", "--no-fetch", "-c", "r.yaml"]
    code, shown, _ = in_terminal(args, tmp_path, columns=80, answers=[("Title", b"\x03")])
    assert code == 130, shown
    assert "Aborted" not in shown
    assert catalog.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} <= {"index", "r.yaml"}


def test_ctrl_c_at_the_fix_confirmation_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    catalog = tmp_path / "r.yaml"
    shutil.copy(MINIMAL, catalog)
    before = catalog.read_bytes()
    moved = {
        "id": "dnabert",
        "url": "https://example.org/dnabert",
        "status": "redirected",
        "final_url": "https://example.org/dnabert-2",
    }
    (tmp_path / "check.json").write_text(json.dumps({"summary": {}, "results": [moved]}))
    args = ["fix", "-c", "r.yaml", "--report", "check.json", "--no-archive"]
    answers = [("Write 1 change to r.yaml?", b"\x03")]
    code, shown, _ = in_terminal(args, tmp_path, columns=80, answers=answers)
    assert code == 130, shown
    assert catalog.read_bytes() == before


def test_a_prompt_on_closed_input_is_a_usage_error(tmp_path: Path) -> None:
    catalog = tmp_path / "r.yaml"
    shutil.copy(MINIMAL, catalog)
    before = catalog.read_bytes()
    done = piped(["add", "https://example.org/post", "--no-fetch", "-c", "r.yaml"], tmp_path)
    assert done.returncode == 2
    assert "error: no answer: the input ended" in done.stderr
    assert "Aborted" not in done.stderr
    assert catalog.read_bytes() == before


def test_ctrl_c_during_a_command_exits_130(tmp_path: Path) -> None:
    """SIGINT while a command works (here: reading a FIFO that never ends) is 130, quietly."""
    fifo = tmp_path / "never.md"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [installed_script(), "import", str(fifo), "-c", "r.yaml", "--dry-run"],
        cwd=tmp_path,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Opening the writing end succeeds once the script has the FIFO open for reading: from
    # then on it waits for the rest of the list, inside the command.
    deadline = time.monotonic() + 30
    while True:
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline, "the script never opened the list"
            time.sleep(0.05)
    try:
        # Nothing is written, so the script is blocked in read() when the signal comes (one
        # landing between two reads would be noticed only when the next read returns).
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        os.close(writer)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert not (tmp_path / "r.yaml").exists()


# Counts


def test_counts_are_pluralised(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    one.write_text(text[: text.index("  - id: dnabert")], encoding="utf-8")
    validated = piped(["validate", "-c", str(one)], tmp_path)
    assert f"{one}: 1 resource, valid" in validated.stderr
    assert piped(["list", "-c", str(one)], tmp_path).stderr == "1 of 1 resource\n"
    assert piped(["search", "dna", "-c", str(MINIMAL)], tmp_path).stderr == "1 match\n"
    many = piped(["search", "attention", "--limit", "1"], tmp_path).stderr
    assert re.fullmatch(r"\d+ matches \(showing 1; use --limit to see more\)\n", many)
    assert piped(["stats", "-c", str(one)], tmp_path).stderr == "1 resource\n"
