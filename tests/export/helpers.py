"""Helpers of the export tests: paths, golden files, Node tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "catalog.yaml"
GOLDEN = HERE / "golden"
ROOT = HERE.parents[1]
# markdownlint-cli2 and github-slugger, pinned in tests/export/package.json and installed with
# `npm ci --prefix tests/export` (node_modules/ is not committed); CATALOG_NODE_MODULES overrides.
NODE_MODULES = Path(os.environ.get("CATALOG_NODE_MODULES", str(HERE / "node_modules")))


def node_package(name: str) -> Path:
    """The folder of an installed npm package, or skip the test saying how to install it."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    folder = NODE_MODULES / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not installed: npm ci --prefix tests/export")
    return folder


def check_golden(name: str, text: str) -> None:
    """Compare with tests/export/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, (
        f"{name} differs; see git diff after UPDATE_GOLDEN=1"
    )
