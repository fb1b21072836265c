from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .stub import Stub, serving

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


@pytest.fixture
def copy_fixture(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture file into a temporary folder and return the copy's path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(FIXTURES / name, target)
        return target

    return copy


@pytest.fixture
def commented(copy_fixture: Callable[[str], Path]) -> Path:
    """A copy of ``fixtures/commented.yaml``: comments around and inside entries, the file most
    edits are tried on."""
    return copy_fixture("commented.yaml")


def write_report(folder: Path, *results: dict[str, object]) -> Path:
    """A link-check report (``catalog check --format json``) of these results, in ``folder``."""
    path = folder / "check.json"
    path.write_text(json.dumps({"summary": {}, "results": list(results)}), encoding="utf-8")
    return path


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process at a fixed width; (exit code, stdout, stderr)."""
    from catalog.cli import app

    result = CliRunner().invoke(app, list(args), env=ENV, input=input)
    return result.exit_code, result.stdout, result.stderr


def data_of(text: str) -> Any:
    """What the project's one reader makes of YAML text."""
    from catalog.yamldoc import parse, to_python

    return to_python(parse(text))


@pytest.fixture
def archive() -> Iterator[Stub]:
    """A Wayback Machine availability service on loopback that has copies of two URLs of
    commented.yaml (see fixing.py)."""
    from .fixing import wayback_answer

    with serving({"/wayback/available": wayback_answer}) as stub:
        yield stub
