"""What people see when something is off: usage errors, suggestions, Ctrl-C at prompts and
during a command, and counts in words."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .helpers import MINIMAL, installed_script
from .terminal import (
    in_terminal,
    piped,
    script_env,
)


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (
            ["search", "x", "--limit", "-1"],
            # Typer 0.29 words a range error as Pydantic does
            "error: invalid value for '--limit' / '-n': Input should be greater than or equal to 1",
            "catalog search",
        ),
        (
            ["list", "--lang", "fa"],
            "error: no such option: --lang (did you mean --language?)",
            "catalog list",
        ),
        (
            ["list", "--catalog", "."],
            "error: invalid value for '--catalog' / '-c' (env var: 'CATALOG_FILE'): "
            "file '.' is a directory",
            "catalog list",
        ),
        (["serch", "x"], "error: no such command 'serch' (did you mean 'search'", "catalog"),
        (
            ["list", "--since", "-5"],
            "error: invalid value for '--since': Input should be greater than or equal to 0",
            "catalog list",
        ),
    ],
)
def test_usage_errors_are_one_line_and_a_help_hint(
    tmp_path: Path, args: list[str], message: str, command: str
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
        env=script_env(tmp_path),
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
