"""What the tests that run the installed console script share."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"


def installed_script() -> str:
    """The `catalog` console script next to this interpreter (a venv), else the one on PATH."""
    found = shutil.which("catalog", path=str(Path(sys.executable).parent)) or shutil.which(
        "catalog"
    )
    if found is None:
        pytest.fail("the 'catalog' console script is not installed; run: pip install '.[test]'")
    return found
