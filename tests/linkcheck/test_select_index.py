"""Targets come from one function, whether the catalog was just validated or served by the
index cache: the same resources, so the same targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import load
from catalog.index import load_index
from catalog.linkcheck import select
from catalog.linkcheck.select import select_targets, settings_overrides
from catalog.search import Filters

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources.yaml"
WITH_SETTINGS = ROOT / "tests" / "fixtures" / "valid" / "check_settings_section.yaml"
WITH_SKIP = ROOT / "tests" / "fixtures" / "valid" / "skip_with_reason.yaml"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))


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
def test_cached_catalog_gives_the_same_targets(options: dict[str, object]) -> None:
    load_index(SHIPPED)  # fill the cache
    cached = load_index(SHIPPED).catalog
    assert select_targets(cached, **options) == select_targets(load(SHIPPED), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", [WITH_SETTINGS, WITH_SKIP])
def test_settings_and_skips_survive_the_cache(path: Path) -> None:
    load_index(path)
    cached, loaded = load_index(path).catalog, load(path)
    assert select_targets(cached) == select_targets(loaded)
    assert settings_overrides(cached.check) == settings_overrides(loaded.check)
    targets = select_targets(cached)
    if path == WITH_SKIP:
        assert any(t.skip_reason for t in targets)
    else:
        assert settings_overrides(cached.check)["accept"] == frozenset({429})
        assert any(t.accept == frozenset({403}) for t in targets)


def test_selection_is_one_function() -> None:
    # It used to be twinned: select_targets for a Catalog, select_from_index for the index.
    assert not hasattr(select, "select_from_index")
    assert not hasattr(select, "settings_from_index")


def test_unknown_only_id_names_the_file() -> None:
    with pytest.raises(
        ValueError, match=r"--only: no resource with id 'nope' in .*resources\.yaml"
    ):
        select_targets(load_index(SHIPPED).catalog, only=("nope",))
