"""The library says what is wrong in its own words, with typed errors (catalog.errors)."""

from __future__ import annotations

import asyncio

import pytest

from catalog.errors import CatalogError
from catalog.linkcheck import CheckOptions, CheckOptionsError, FetchError, Target, check_links


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("per_host", 0),
        ("per_host", -1),
        ("concurrency", 0),
        ("fail_after", 0),
        ("interval_ms", -5),
        ("retries", -1),
        ("timeout", 0),
    ],
)
def test_check_options_out_of_range_are_refused(field: str, value: int) -> None:
    """per_host=0 used to make check_links wait forever."""
    with pytest.raises(CheckOptionsError, match=f"CheckOptions.{field} is {value}") as caught:
        CheckOptions(**{field: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, CatalogError)


def test_the_defaults_and_the_cli_ranges_are_accepted() -> None:
    CheckOptions()
    CheckOptions(per_host=1, concurrency=1, interval_ms=0, retries=0, timeout=0.5, fail_after=1)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("notaurl", "URL scheme must be http or https, not 'none'"),
        ("ftp://example.org/a", "not 'ftp'"),
        ("http:///path", "URL has no host name"),
    ],
)
def test_fetch_page_refuses_what_is_not_an_http_url_in_its_own_words(url: str, said: str) -> None:
    from catalog.linkcheck import fetch_page

    with pytest.raises(FetchError, match=said) as caught:
        fetch_page(url)
    assert "Error:" not in str(caught.value)  # no third-party class name


def test_a_refused_address_names_the_python_argument_too() -> None:
    async def one() -> str:
        async for result in check_links([Target("a", "http://127.0.0.1:9/x")], CheckOptions()):
            return result.detail
        return ""

    assert "allow_networks=[CIDR] from Python" in asyncio.run(one())
