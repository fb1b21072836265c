"""Request logic through the production transport, against real servers on 127.0.0.x.

test_fetch_mock.py covers the same logic fast over httpx.MockTransport; these prove it over the
shipped httpx-aiohttp transport: redirects and loops, credentials and cookies across hops,
retries and Retry-After. Nothing leaves loopback.
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import catalog.linkcheck as linkcheck
from catalog.linkcheck import (
    BlockedAddressError,
    CheckOptions,
    Target,
    check_links,
    fetch_page,
    fetch_page_async,
)
from catalog.linkcheck.results import Status

from . import server as srv
from .helpers import run

Make = Callable[..., srv.LocalServer]


def test_a_temporary_redirect_chain_is_followed_hop_by_hop(server: Make) -> None:
    s = server(
        {
            "/a": srv.redirect(302, "/b"),
            "/b": srv.redirect(307, "/c"),
            "/c": srv.status(200),
        }
    )
    result = run([s.url("/a")])[s.url("/a")]
    assert result.status is Status.OK
    assert result.final_url == s.url("/c")
    assert result.chain == (s.url("/a"), s.url("/b"), s.url("/c"))
    assert s.paths() == ["/a", "/b", "/c"]  # HEAD succeeded at the end: no GET


def test_a_permanent_redirect_chain_across_hosts_is_redirected(server: Make) -> None:
    new = server({"/here": srv.status(200)})
    old = server({"/x": srv.redirect(301, "/y"), "/y": srv.redirect(308, new.url("/here"))})
    result = run([old.url("/x")])[old.url("/x")]
    assert result.status is Status.REDIRECTED
    assert result.final_url == new.url("/here")
    assert new.url("/here") in result.detail


def test_a_redirect_loop_is_an_error_and_stops(server: Make) -> None:
    s = server({"/l1": srv.redirect(302, "/l2"), "/l2": srv.redirect(302, "/l1")})
    result = run([s.url("/l1")], retries=0)[s.url("/l1")]
    assert result.status is Status.ERROR
    assert "redirect loop" in result.detail
    assert len(s.requests) <= 4  # HEAD l1, l2, then GET l1, l2: never more


def test_credentials_in_the_url_never_cross_to_another_origin(server: Make) -> None:
    other = server({"/landing": srv.status(200)})
    first = server({"/": srv.redirect(302, other.url("/landing"))})
    url = f"http://user:secret@{first.host}:{first.port}/"
    result = run([url])[url]
    assert result.status is Status.OK
    sent = base64.b64encode(b"user:secret").decode()
    assert first.requests[0].headers["authorization"] == f"Basic {sent}"
    assert [r.path for r in other.requests] == ["/landing"]
    assert "authorization" not in other.requests[0].headers
    assert result.final_url == other.url("/landing")


def test_cookies_are_never_stored_or_sent(server: Make) -> None:
    cookie = {"Set-Cookie": "session=abc; Path=/"}
    s = server(
        {
            "/set": srv.status(302, {**cookie, "Location": "/next"}, b""),
            "/next": srv.status(200, cookie),
            "/again": srv.status(200),
        }
    )
    results = run([s.url("/set"), s.url("/again")], per_host=1)
    assert {r.status for r in results.values()} == {Status.OK}
    assert len(s.requests) == 3
    assert all("cookie" not in r.headers for r in s.requests)


def test_a_503_then_ok_is_ok_after_a_retry(server: Make) -> None:
    s = server({"/": srv.sequence(srv.status(503), srv.status(503), srv.status(200))})
    result = run([s.url("/")], retries=2)[s.url("/")]
    assert result.status is Status.OK
    # HEAD 503 (not retried: a GET comes at once), GET 503, then GET 200 on the retry
    assert [r.method for r in s.requests] == ["HEAD", "GET", "GET"]


def test_a_429_with_a_short_retry_after_is_waited_for(server: Make) -> None:
    s = server({"/": srv.sequence(srv.status(429, {"Retry-After": "1"}), srv.status(200))})
    result = run([s.url("/")])[s.url("/")]
    assert result.status is Status.OK
    assert len(s.requests) == 2
    assert result.elapsed_ms >= 900  # the host was paused for the second asked for


def test_a_429_with_a_retry_after_over_the_cap_is_rate_limited_at_once(server: Make) -> None:
    s = server({"/": srv.status(429, {"Retry-After": "3600"})})
    result = run([s.url("/")], retry_after_cap=60.0)[s.url("/")]
    assert result.status is Status.RATE_LIMITED
    assert "3600 s" in result.detail
    assert "60 s cap" in result.detail
    assert len(s.requests) == 1


# --- the guard, through every public entry point -------------------------------------------


def _loopback(server: Make) -> srv.LocalServer:
    return server({"/": srv.status(200, {"Content-Type": "text/html"}, b"<title>t</title>")})


def test_check_links_refuses_loopback_unless_allowed(server: Make) -> None:
    s = _loopback(server)

    async def check(options: CheckOptions) -> linkcheck.LinkResult:
        results = [r async for r in check_links([Target("a", s.url("/"))], options)]
        assert len(results) == 1
        return results[0]

    refused = asyncio.run(check(CheckOptions(retries=0)))
    assert refused.status is Status.ERROR
    assert "loopback" in refused.detail
    assert s.requests == []
    allowed = asyncio.run(check(CheckOptions(allow_networks=("127.0.0.0/8",))))
    assert allowed.status is Status.OK


def test_fetch_page_and_its_async_twin_refuse_loopback_unless_allowed(server: Make) -> None:
    s = _loopback(server)
    with pytest.raises(BlockedAddressError):
        fetch_page(s.url("/"))
    with pytest.raises(BlockedAddressError):
        asyncio.run(fetch_page_async(s.url("/")))
    assert s.requests == []
    assert fetch_page(s.url("/"), allow_networks=["127.0.0.0/8"]).status == 200


def _script() -> str:
    name = "catalog.exe" if os.name == "nt" else "catalog"
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def _catalog_file(path: Path, url: str) -> Path:
    path.write_text(
        "topics:\n  attention:\n    title: Attention\n    description: Attention.\n"
        "resources:\n"
        f"  - id: a\n    title: A\n    url: {url}\n    kind: article\n"
        "    topics: [attention]\n    authors: [A. Author]\n    year: 2020\n"
        "    level: beginner\n    language: en\n    description: A resource.\n",
        encoding="utf-8",
    )
    return path


def test_the_installed_check_and_add_refuse_loopback_unless_allowed(
    server: Make, tmp_path: Path
) -> None:
    s = _loopback(server)
    cat = _catalog_file(tmp_path / "r.yaml", s.url("/"))
    env = {**os.environ, "NO_COLOR": "1", "CATALOG_CACHE_DIR": str(tmp_path / "cache")}

    def catalog(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_script(), *args], capture_output=True, text=True, env=env, timeout=60, check=False
        )

    check = ["check", "-c", str(cat), "--no-cache", "-f", "json", "--retries", "0"]
    refused = catalog(*check)
    assert refused.returncode == 1, refused.stderr
    assert "loopback" in refused.stdout
    assert s.requests == []
    assert catalog(*check, "--allow-network", "127.0.0.0/8").returncode == 0
    allowed = len(s.requests)
    assert allowed >= 1

    other = s.url("/") + "?new"
    add = ["add", other, "-c", str(cat), "--dry-run", "--yes", "--topic", "attention"]
    add += ["--level", "beginner", "--kind", "article", "--description", "d", "--language", "en"]
    refused_add = catalog(*add)
    assert refused_add.returncode != 0
    assert "loopback" in refused_add.stderr
    assert len(s.requests) == allowed  # only the allowed check reached the server


def test_no_public_parameter_replaces_the_transport() -> None:
    """The transport (which holds the guard) can be swapped only through private hooks."""
    import dataclasses

    fields = {f.name for f in dataclasses.fields(CheckOptions)}
    assert not any("transport" in name for name in fields)
    for function in (check_links, fetch_page, fetch_page_async):
        public = [p for p in inspect.signature(function).parameters if not p.startswith("_")]
        assert not any("transport" in name or "client" in name for name in public), function
