"""The examples in the query commands' --help find something in the shipped catalog.

A first example that prints "No resources match" teaches a new user nothing; this runs every
example line of ``catalog --help`` and of each query command's help with the installed script.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .refresh import ROOT

SCRIPT = shutil.which("catalog", path=str(Path(sys.executable).parent))
QUERIES = ("search", "list", "show", "topics", "paths", "path", "glossary", "stats")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None, "the catalog console script is not installed in this venv"
    return subprocess.run(
        [SCRIPT, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, check=False
    )


def _examples() -> list[str]:
    lines = []
    for command in ((), *((q,) for q in QUERIES)):
        for line in _run(*command, "--help").stdout.splitlines():
            words = shlex.split(line.strip()) if line.strip().startswith("catalog ") else []
            if len(words) > 1 and words[1] in QUERIES and not {"|", ">"} & set(words):
                lines.append(" ".join(shlex.quote(w) for w in words[1:]))
    return sorted(set(lines))


def test_the_help_has_query_examples() -> None:
    assert len(_examples()) >= 8


@pytest.mark.parametrize("example", _examples())
def test_a_help_example_finds_something(example: str) -> None:
    done = _run(*shlex.split(example))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), f"catalog {example}: printed nothing"
    assert "No resources match" not in done.stdout + done.stderr
    assert done.stdout.strip() != "[]"
