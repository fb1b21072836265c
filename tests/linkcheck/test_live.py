"""End-to-end checks against real servers on 127.0.0.x (nothing leaves loopback)."""

from __future__ import annotations

import asyncio
import gc
import ssl
from collections.abc import Callable

import pytest

from catalog.linkcheck import (
    BlockedAddressError,
    FetchTimeoutError,
    HttpStatusError,
    Target,
    fetch_page,
    fetch_page_async,
)
from catalog.linkcheck.results import Status

from . import server as srv
from .helpers import run

Make = Callable[..., srv.LocalServer]


def test_every_http_status(server: Make) -> None:
    s = server(
        {
            "/ok": srv.status(200),
            "/gone": srv.status(410),
            "/forbidden": srv.status(403),
            "/linkedin": srv.status(999),
            "/challenge": srv.status(403, {"Server": "cloudflare"}),
            "/limited": srv.status(429),
            "/moved": srv.redirect(301, "/ok"),
            "/temp": srv.redirect(307, "/ok"),
            "/down": srv.status(502),
        }
    )
    paths = ["/ok", "/gone", "/forbidden", "/linkedin", "/challenge", "/limited", "/moved"]
    paths += ["/temp", "/down", "/missing"]
    results = run([Target(p, s.url(p)) for p in paths])
    assert {p: results[p].status.value for p in paths} == {
        "/ok": "ok",
        "/gone": "broken",
        "/forbidden": "blocked",
        "/linkedin": "blocked",
        "/challenge": "blocked",
        "/limited": "rate_limited",
        "/moved": "redirected",
        "/temp": "ok",
        "/down": "error",
        "/missing": "broken",
    }
    assert results["/moved"].final_url == s.url("/ok")
    assert results["/gone"].code == 410


def test_refused_connection_is_error(server: Make) -> None:
    s = server({})
    url = f"http://127.0.0.1:{s.port}/"  # nothing listens on 127.0.0.1 at that port
    result = run([url])[url]
    assert result.status is Status.ERROR
    assert "refused" in result.detail


def test_missing_dns_name_is_broken() -> None:
    # The fixed name table stands in for DNS: no query leaves the machine.
    url = "http://no-such-host.test/"
    result = run([url], hosts={"known.test": "127.0.0.2"})[url]
    assert result.status is Status.BROKEN
    assert "DNS" in result.detail


def test_slow_headers_give_timeout(server: Make) -> None:
    s = server({"/slow": srv.sleep_then(5, srv.status(200))})
    result = run([s.url("/slow")], timeout=0.5, retries=0)[s.url("/slow")]
    assert result.status is Status.TIMEOUT


def test_a_trickling_body_does_not_hang_a_check(server: Make) -> None:
    s = server({"/trickle": srv.by_method(HEAD=srv.status(405), GET=srv.trickle())})
    # The GET is closed right after its headers, so the body never counts against the timeout.
    result = run([s.url("/trickle")], timeout=3.0, retries=0)[s.url("/trickle")]
    assert result.status is Status.OK


def test_a_trickling_body_times_out_a_page_fetch(server: Make) -> None:
    s = server({"/trickle": srv.trickle()})
    with pytest.raises(FetchTimeoutError):
        asyncio.run(fetch_page_async(s.url("/trickle"), allow_networks=["127.0.0.0/8"], timeout=1))


def test_a_huge_body_is_not_downloaded(server: Make) -> None:
    s = server({})
    s.routes["/huge"] = srv.huge(s)
    s.routes["/check"] = srv.by_method(HEAD=srv.status(405), GET=srv.huge(s))
    page = asyncio.run(
        fetch_page_async(s.url("/huge"), allow_networks=["127.0.0.0/8"], max_bytes=100_000)
    )
    assert len(page.text) == 100_000
    assert run([s.url("/check")])[s.url("/check")].status is Status.OK
    # 200 MB offered; what the socket took is bounded by kernel buffers, far below that.
    assert s.sent < 20_000_000


def test_reset_connection_is_error(server: Make) -> None:
    s = server({"/reset": srv.reset})
    result = run([s.url("/reset")], retries=1)[s.url("/reset")]
    assert result.status is Status.ERROR
    assert "reset" in result.detail


def test_non_http_garbage_is_error(server: Make) -> None:
    s = server({"/garbage": srv.garbage})
    result = run([s.url("/garbage")])[s.url("/garbage")]
    assert result.status is Status.ERROR
    assert "malformed" in result.detail


# asyncio on Python 3.11 can leave the socket of a failed TLS handshake for the garbage
# collector (CPython gh-106684 family); collect it here so the warning lands in this test only.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_self_signed_tls_is_error(server: Make) -> None:
    import trustme

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.9").configure_cert(context)
    s = server({"/": srv.status(200)}, host="127.0.0.9", ssl_context=context)
    assert s.base.startswith("https://")
    result = run([s.url("/")])[s.url("/")]
    assert result.status is Status.ERROR
    assert "TLS" in result.detail
    # The same server passes once its CA is trusted: the failure really was the certificate.
    trusted = ssl.create_default_context()
    ca.configure_trust(trusted)
    assert run([s.url("/")], ssl_context=trusted)[s.url("/")].status is Status.OK
    gc.collect()


def test_guard_refuses_loopback_by_default(server: Make) -> None:
    s = server({"/": srv.status(200)})
    result = run([s.url("/")], allow_networks=())[s.url("/")]
    assert result.status is Status.ERROR
    assert "loopback" in result.detail
    assert s.requests == []


def test_guard_refuses_a_name_resolving_to_a_refused_address(server: Make) -> None:
    s = server({"/": srv.status(200)})
    url = f"http://rebind.test:{s.port}/"
    result = run([url], allow_networks=("127.0.0.200/32",), hosts={"rebind.test": s.host})[url]
    assert result.status is Status.ERROR
    assert "rebind.test" in result.detail
    assert s.requests == []


def test_guard_opens_an_allowed_range_and_refuses_a_redirect_outside_it(server: Make) -> None:
    target = server({"/secret": srv.status(200)})
    entry = server({"/ok": srv.status(200), "/jump": srv.redirect(302, target.url("/secret"))})
    allowed = (f"{entry.host}/32",)
    results = run([entry.url("/ok"), entry.url("/jump")], allow_networks=allowed)
    assert results[entry.url("/ok")].status is Status.OK
    assert results[entry.url("/jump")].status is Status.ERROR
    assert "refused" in results[entry.url("/jump")].detail
    assert target.requests == []


def test_fetch_page_goes_through_the_guard(server: Make) -> None:
    s = server({"/": srv.status(200, {"Content-Type": "text/html; charset=utf-8"}, b"<t>hi</t>")})
    with pytest.raises(BlockedAddressError):
        asyncio.run(fetch_page_async(s.url("/")))
    page = asyncio.run(fetch_page_async(s.url("/"), allow_networks=["127.0.0.0/8"]))
    assert (page.status, page.text, page.final_url) == (200, "<t>hi</t>", s.url("/"))
    assert "catalog-linkcheck" in s.requests[-1].headers["user-agent"]


def test_per_host_limit_holds(server: Make) -> None:
    s = server({f"/{i}": srv.sleep_then(0.05, srv.status(200)) for i in range(12)})
    results = run([s.url(f"/{i}") for i in range(12)], per_host=2, concurrency=32)
    assert {r.status for r in results.values()} == {Status.OK}
    assert s.max_in_flight <= 2


def test_system_resolver_results_go_through_the_guard(server: Make) -> None:
    # "localhost" comes from /etc/hosts: the system resolver runs, and no query leaves the host.
    s = server({"/": srv.status(200)}, host="127.0.0.1")
    url = f"http://localhost:{s.port}/"
    refused = run([url], allow_networks=())[url]
    assert refused.status is Status.ERROR
    assert "localhost" in refused.detail
    assert s.requests == []
    allowed = run([url], allow_networks=("127.0.0.0/8", "::1/128"))[url]
    assert allowed.status is Status.OK


PERSIAN = "/wiki/%D8%AA%D8%B1%D9%86%D8%B3%D9%81%D9%88%D8%B1%D9%85%D8%B1"  # /wiki/ترنسفورمر


def test_non_ascii_urls_are_percent_encoded_on_the_wire(server: Make) -> None:
    s = server({PERSIAN: srv.status(200), "/old": srv.redirect(302, "/wiki/ترنسفورمر")})
    urls = [s.url("/wiki/ترنسفورمر#تاریخچه"), s.url("/old")]
    results = run(urls)
    assert [results[u].status for u in urls] == [Status.OK, Status.OK]
    assert results[s.url("/old")].final_url == s.url(PERSIAN)
    assert {r.path for r in s.requests} == {PERSIAN, "/old"}


def test_fetch_page_is_synchronous_and_follows_redirects(server: Make) -> None:
    body = "<title>ترنسفورمر</title>".encode()
    s = server(
        {
            "/old": srv.redirect(301, "/new"),
            "/new": srv.status(200, {"Content-Type": "text/html; charset=utf-8"}, body),
            "/gone": srv.status(410),
        }
    )
    page = fetch_page(s.url("/old"), allow_networks=["127.0.0.0/8"])
    assert (page.url, page.final_url, page.status) == (s.url("/old"), s.url("/new"), 200)
    assert page.text == "<title>ترنسفورمر</title>"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    with pytest.raises(HttpStatusError) as caught:
        fetch_page(s.url("/gone"), allow_networks=["127.0.0.0/8"])
    assert (caught.value.code, caught.value.status) == (410, "broken")


def test_global_limit_holds_across_hosts(server: Make) -> None:
    s = server({f"/{i}": srv.sleep_then(0.05, srv.status(200)) for i in range(8)})
    # Two host names for one server: its in-flight count is the total across both hosts.
    urls = [f"http://{name}:{s.port}/{i}" for i in range(4) for name in ("a.test", "b.test")]
    results = run(urls, hosts={"a.test": s.host, "b.test": s.host}, per_host=4, concurrency=2)
    assert {r.status for r in results.values()} == {Status.OK}
    assert s.max_in_flight == 2
