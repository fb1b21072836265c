"""Fixtures of the export tests."""

from __future__ import annotations

import pytest

import catalog
from catalog.models import Catalog

from .helpers import FIXTURE, ROOT


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    return catalog.load(FIXTURE)


@pytest.fixture(scope="session")
def shipped_catalog() -> Catalog:
    return catalog.load(ROOT / "resources.yaml")


@pytest.fixture(autouse=True)
def _private_index_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown exports read the query index cache: keep the tests' copies out of ~/.cache."""
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "index-cache"))
