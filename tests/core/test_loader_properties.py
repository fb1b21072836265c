"""Whatever text arrives, the loader returns a Catalog or raises CatalogError: nothing else."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import Catalog, CatalogError, loads
from catalog.urls import normalize_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
YAML_BITS = st.sampled_from(
    [
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!str ",
        "!!python/object ",
        "\n",
        "  ",
        "#",
        "'",
        '"',
        "yes",
        "~",
        "---\n",
        "topics:",
        "resources:",
        "id: x",
        "<<: *a",
        "\t",
        "\ufeff",
        "url: https://[x",
        "url: http://a:99999",
        "!!timestamp ",
        "!!int ",
        "2024-13-45",
    ]
)


def check(text: str | bytes) -> None:
    try:
        result: object = loads(text)
    except CatalogError as exc:
        result = exc
    if isinstance(result, CatalogError):
        assert result.problems, "a CatalogError must carry at least one problem"
        assert all(p.line >= 0 and p.column >= 0 and p.message for p in result.problems)
    else:
        assert isinstance(result, Catalog)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_yaml_shaped_text(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(VALID) - 1), st.integers(1, 40), st.text(max_size=12))
def test_valid_catalog_with_a_slice_replaced(start: int, length: int, insert: str) -> None:
    check(VALID[:start] + insert + VALID[start + length :])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes(raw: bytes) -> None:
    check(raw)


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["example.org", "www.example.org", "EXAMPLE.org"]),
    st.sampled_from(["", "/", "/a", "/a/"]),
    st.sampled_from(["", "#frag", "?utm_source=x", "?utm_medium=y&utm_campaign=z"]),
)
def test_url_normalisation_ignores_cosmetic_differences(
    scheme: str, host: str, path: str, extra: str
) -> None:
    base = normalize_url("https://example.org" + path.rstrip("/"))
    assert normalize_url(f"{scheme}://{host}{path}{extra}") == base


def test_alias_bomb_fails_fast_with_little_memory() -> None:
    text = (FIXTURES / "invalid" / "alias_bomb.yaml").read_text(encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(CatalogError) as caught:
        loads(text)
    assert "billion laughs" in caught.value.problems[0].message
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000, f"peak memory grew by {grown_kib} KiB"


@pytest.mark.parametrize("url", ["https://[abc", "http://host:99999/x", "https://", "mailto:a@b.c"])
def test_malformed_urls_are_reported_not_raised(url: str) -> None:
    text = VALID.replace("https://example.org/dnabert", url)
    with pytest.raises(CatalogError) as caught:
        loads(text)
    assert [p.path for p in caught.value.errors] == ["resources[1].url"]


def test_impossible_date_is_reported_not_raised() -> None:
    with pytest.raises(CatalogError) as caught:
        loads(VALID.replace("added: 2024-02-08", "added: 2024-13-45"))
    assert "2024-13-45" in caught.value.problems[0].message


@pytest.mark.parametrize("value", ["!!int twelve", "!!float x", "!!bool maybe"])
def test_explicit_core_tag_on_a_wrong_value_is_reported(value: str) -> None:
    with pytest.raises(CatalogError) as caught:
        loads(VALID.replace("added: 2024-02-08", f"added: {value}"))
    assert "is not a valid !!" in caught.value.problems[0].message


def test_timestamps_are_not_a_yaml_1_2_core_type() -> None:
    with pytest.raises(CatalogError) as caught:
        loads(VALID.replace("added: 2024-02-08", "added: !!timestamp 2024-02-08"))
    assert caught.value.problems[0].message == "tag '!!timestamp' is not allowed"
