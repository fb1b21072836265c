"""Fast unit tests of requests, redirects and retries over httpx.MockTransport."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import MappingProxyType

import httpx
import pytest

from catalog.linkcheck import CheckOptions, Target, check_links
from catalog.linkcheck.hosts import RuleSet
from catalog.linkcheck.results import Status

from .helpers import run

Handler = Callable[[httpx.Request], httpx.Response]


def mock(handler: Handler) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    return httpx.MockTransport(record), seen


def test_head_405_falls_back_to_get() -> None:
    transport, seen = mock(lambda r: httpx.Response(405 if r.method == "HEAD" else 200))
    result = run(["https://a.test/x"], transport=transport)["https://a.test/x"]
    assert result.status is Status.OK
    assert [r.method for r in seen] == ["HEAD", "GET"]


def test_a_404_only_head_returns_falls_back_to_get() -> None:
    transport, _ = mock(lambda r: httpx.Response(404 if r.method == "HEAD" else 200))
    assert run(["https://a.test/x"], transport=transport)["https://a.test/x"].status is Status.OK


def test_a_url_listed_twice_is_fetched_once() -> None:
    transport, seen = mock(lambda r: httpx.Response(200))
    results = run(
        [Target("a", "https://a.test/same"), Target("b", "https://a.test/same")],
        transport=transport,
    )
    assert {r.status for r in results.values()} == {Status.OK}
    assert len(seen) == 1


def test_redirect_chain_permanent_then_temporary() -> None:
    routes = {
        "/a": httpx.Response(301, headers={"Location": "/b"}),
        "/b": httpx.Response(302, headers={"Location": "https://c.test/c"}),
        "/c": httpx.Response(200),
        "/p": httpx.Response(308, headers={"Location": "/c"}),
    }
    transport, _ = mock(lambda r: routes[r.url.path])
    results = run(["https://a.test/a", "https://a.test/p"], transport=transport)
    temporary = results["https://a.test/a"]
    assert temporary.status is Status.OK
    assert temporary.chain == ("https://a.test/a", "https://a.test/b", "https://c.test/c")
    permanent = results["https://a.test/p"]
    assert permanent.status is Status.REDIRECTED
    assert permanent.final_url == "https://a.test/c"


def test_redirect_loop_and_too_many_hops_are_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/loop"):
            other = "/loop2" if request.url.path == "/loop1" else "/loop1"
            return httpx.Response(302, headers={"Location": other})
        step = int(request.url.path.removeprefix("/hop"))
        return httpx.Response(302, headers={"Location": f"/hop{step + 1}"})

    transport, _ = mock(handler)
    results = run(["https://a.test/loop1", "https://a.test/hop0"], transport=transport)
    assert results["https://a.test/loop1"].status is Status.ERROR
    assert "loop" in results["https://a.test/loop1"].detail
    assert results["https://a.test/hop0"].status is Status.ERROR
    assert "more than 10 redirects" in results["https://a.test/hop0"].detail


def test_credentials_never_cross_origins() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "a.test":
            return httpx.Response(302, headers={"Location": "https://other.test/"})
        return httpx.Response(200)

    transport, seen = mock(handler)
    run(["https://user:secret@a.test/"], transport=transport)
    assert "authorization" in seen[0].headers  # the URL's own origin gets them
    crossed = [r for r in seen if r.url.host == "other.test"]
    assert crossed
    assert all("authorization" not in r.headers and "cookie" not in r.headers for r in crossed)


def test_cookies_are_never_sent_back() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/set":
            return httpx.Response(302, headers={"Location": "/next", "Set-Cookie": "s=1; Path=/"})
        return httpx.Response(200)

    transport, seen = mock(handler)
    run(["https://a.test/set"], transport=transport)
    assert all("cookie" not in r.headers for r in seen)


def test_503_twice_then_ok() -> None:
    codes = iter([503, 503])
    transport, seen = mock(lambda r: httpx.Response(next(codes, 200)))
    result = run(["https://a.test/"], transport=transport)["https://a.test/"]
    assert result.status is Status.OK
    assert len(seen) == 3


def test_5xx_after_retries_is_error_and_retries_are_counted() -> None:
    transport, seen = mock(lambda r: httpx.Response(500))
    result = run(["https://a.test/"], transport=transport, retries=1)["https://a.test/"]
    assert result.status is Status.ERROR
    assert [r.method for r in seen] == ["HEAD", "GET", "GET"]


def test_429_with_a_short_retry_after_is_retried() -> None:
    codes = iter([429])
    transport, seen = mock(lambda r: httpx.Response(next(codes, 200), headers={"Retry-After": "0"}))
    result = run(["https://a.test/"], transport=transport)["https://a.test/"]
    assert result.status is Status.OK
    assert len(seen) == 2


def test_429_over_the_cap_stops_at_once() -> None:
    transport, seen = mock(lambda r: httpx.Response(429, headers={"Retry-After": "3600"}))
    result = run(["https://a.test/"], transport=transport)["https://a.test/"]
    assert result.status is Status.RATE_LIMITED
    assert "3600" in result.detail
    assert len(seen) == 1


def test_429_still_after_retries_is_rate_limited() -> None:
    transport, seen = mock(lambda r: httpx.Response(429))
    result = run(["https://a.test/"], transport=transport)["https://a.test/"]
    assert result.status is Status.RATE_LIMITED
    assert len(seen) == 3  # HEAD, then two retries; never a GET that would hit the limit again


def test_timeout_is_retried_but_never_falls_back_to_get() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    transport, seen = mock(handler)
    result = run(["https://a.test/"], transport=transport, retries=1)["https://a.test/"]
    assert result.status is Status.TIMEOUT
    assert [r.method for r in seen] == ["HEAD", "HEAD"]


def test_accept_turns_a_status_into_ok() -> None:
    transport, _ = mock(lambda r: httpx.Response(403))
    results = run(
        [Target("a", "https://a.test/", accept=frozenset({403})), Target("b", "https://b.test/")],
        transport=transport,
    )
    assert results["a"].status is Status.OK
    assert "accepted" in results["a"].detail
    assert results["b"].status is Status.BLOCKED


def test_skip_is_reported_with_its_reason_and_not_fetched() -> None:
    transport, seen = mock(lambda r: httpx.Response(200))
    results = run([Target("a", "https://a.test/", skip_reason="paywall")], transport=transport)
    assert results["a"].status is Status.SKIPPED
    assert results["a"].detail == "paywall"
    assert seen == []


def test_a_crashing_host_rule_surfaces_instead_of_hanging() -> None:
    class Broken:
        hosts = frozenset({"a.test"})
        limits = MappingProxyType({})

        def handles(self, url: httpx.URL) -> bool:
            return True

        async def check(self, url: str, fetcher: object) -> object:
            raise RuntimeError("bug in a rule")

    transport, _ = mock(lambda r: httpx.Response(200))

    async def go() -> list[object]:
        rules = RuleSet((Broken(),))  # type: ignore[arg-type]
        targets = [Target("a", "https://a.test/")]
        results = check_links(targets, CheckOptions(), rules=rules, _transport=transport)
        return [r async for r in results]

    with pytest.raises(RuntimeError, match="bug in a rule"):
        asyncio.run(go())


def test_a_reset_head_falls_back_to_get_at_once_and_get_is_retried() -> None:
    gets = iter([True])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "HEAD" or next(gets, False):
            raise httpx.ReadError("connection reset by peer", request=request)
        return httpx.Response(200)

    transport, seen = mock(handler)
    result = run(["https://a.test/"], transport=transport)["https://a.test/"]
    assert result.status is Status.OK
    assert [r.method for r in seen] == ["HEAD", "GET", "GET"]
