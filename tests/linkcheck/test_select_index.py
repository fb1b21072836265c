"""Targets chosen from the cached index are exactly those chosen from the validated catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import load
from catalog.index import Index
from catalog.linkcheck.select import (
    select_from_index,
    select_targets,
    settings_from_index,
    settings_overrides,
)
from catalog.search import Filters

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources.yaml"
WITH_SETTINGS = ROOT / "tests" / "fixtures" / "valid" / "check_settings_section.yaml"
WITH_SKIP = ROOT / "tests" / "fixtures" / "valid" / "skip_with_reason.yaml"


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"filters": Filters(topics=("dna",))},
        {"filters": Filters(kinds=("paper", "video"))},
        {"filters": Filters(levels=("beginner",), since=2020, free=True)},
        {"filters": Filters(languages=("fa",))},
        {"only": ("vaswani-2017-attention", "ji-2021-dnabert")},
        {"changed": {"hf-long-range-transformers"}},
        {"shard": (2, 3)},
    ],
)
def test_shipped_catalog_targets_match(options: dict[str, object]) -> None:
    catalog = load(SHIPPED)
    assert select_from_index(Index.from_catalog(catalog), **options) == select_targets(  # type: ignore[arg-type]
        catalog,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("path", [WITH_SETTINGS, WITH_SKIP])
def test_settings_and_skips_match(path: Path) -> None:
    catalog = load(path)
    index = Index.from_catalog(catalog)
    assert select_from_index(index) == select_targets(catalog)
    assert settings_from_index(index) == settings_overrides(catalog.check)


def test_unknown_only_id_names_the_file() -> None:
    index = Index.from_catalog(load(SHIPPED))
    with pytest.raises(ValueError, match="--only: no resource with id 'nope'"):
        select_from_index(index, only=("nope",))
