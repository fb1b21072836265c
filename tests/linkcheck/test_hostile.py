"""What a hostile or broken server can send, and what the checker and `add`'s page fetch make
of it: loopback servers only, each answer as a real server could write it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from catalog.curate.metadata import extract
from catalog.curate.wayback import parse_answer
from catalog.errors import FetchError
from catalog.linkcheck import Status, Target, fetch_page
from catalog.linkcheck.classify import retry_after_seconds
from catalog.linkcheck.content import fingerprint

from . import server as srv
from .helpers import run

Make = Callable[..., srv.LocalServer]
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.mark.parametrize(
    "value", ["²", "½", "٣", "1e999", "9" * 400, "Fri, 31 Dec 99999 23:59:59 GMT"]
)
def test_a_retry_after_that_is_no_number_is_ignored_not_a_crash(value: str) -> None:
    """'²'.isdigit() is True but float('²') fails: one such header ended the whole run."""
    got = retry_after_seconds(value)
    assert got is None or got >= 0


def test_a_503_with_a_strange_retry_after_is_a_result(server: Make) -> None:
    s = server({"/busy": srv.status(503, {"Retry-After": "²"})})
    result = run([s.url("/busy")], retries=1, backoff=0.01)[s.url("/busy")]
    assert result.status is Status.BROKEN or result.status is Status.ERROR, result.detail


def test_page_titles_lose_their_control_characters() -> None:
    """An escape sequence in a title would retitle or clear the terminal that shows a report."""
    body = b"<title>Evil \x1b]0;PWNED\x07\x1b[2J red &#27;[31m \x08\x08 title</title><body>x</body>"
    title = fingerprint(body).title
    assert title == "Evil ]0;PWNED [2J red [31m title"
    meta = extract('<html><head><meta property="og:title" content="A \x1b[2J B"></head>')
    assert meta.title == "A [2J B"


@pytest.mark.parametrize(
    "tail",
    ["<a" * 256_000, '<a b="' * 11_000, "<![ x", "<meta content=" * 20_000],
    ids=["lt-a", "open-quote", "bad-declaration", "meta"],
)
def test_adds_page_reader_survives_malformed_heads(tail: str) -> None:
    """The standard library's parser is quadratic on some malformed markup and raises on
    other markup: it only sees the head's meta, html and title tags now."""
    meta = extract("<html lang=en><head><title>Attention</title>" + tail)
    assert meta.title == "Attention"
    assert meta.language == "en"


def test_a_charset_that_cannot_replace_falls_back_to_utf8(server: Make) -> None:
    s = server(
        {
            "/idna": srv.status(
                200, {"Content-Type": "text/html; charset=idna"}, b"<title>\xff T</title>"
            )
        }
    )
    page = fetch_page(s.url("/idna"), allow_networks=["127.0.0.0/8"])
    assert "T" in page.text


def test_a_deeply_nested_archive_answer_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="not the expected JSON"):
        parse_answer("[" * 200_000, "http://127.0.0.1/archive")


def test_the_soft_404_probe_is_one_request_even_when_it_times_out(server: Make) -> None:
    """The probe used to be retried like a page (three requests and backoff at --retries 2),
    keeping every page of the host waiting; it says nothing when it fails, so once is enough."""
    s = server(
        {"/post": srv.status(200, HTML, b"<title>Post</title><body>words</body>")},
        fallback=srv.sleep_then(30, srv.status(200)),
    )
    result = run([Target("p", s.url("/post"))], content=True, timeout=0.5, retries=2)["p"]
    assert result.status is Status.OK, result.detail
    probes = [p for p in s.paths() if p != "/post"]
    assert len(probes) == 1
