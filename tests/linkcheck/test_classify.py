"""Unit tests of the pure classification rules."""

from __future__ import annotations

import email.utils
import socket

import httpx
import pytest

from catalog.linkcheck.classify import classify_code, classify_exception, retry_after_seconds
from catalog.linkcheck.errors import BlockedAddressError
from catalog.linkcheck.results import Status


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (200, Status.OK),
        (204, Status.OK),
        (404, Status.BROKEN),
        (410, Status.BROKEN),
        (400, Status.BROKEN),
        (401, Status.BLOCKED),
        (403, Status.BLOCKED),
        (999, Status.BLOCKED),
        (429, Status.RATE_LIMITED),
        (500, Status.ERROR),
        (503, Status.ERROR),
    ],
)
def test_status_codes(code: int, status: Status) -> None:
    assert classify_code(code, {})[0] is status


def test_cloudflare_challenge_is_blocked() -> None:
    assert classify_code(503, {"server": "cloudflare"})[0] is Status.BLOCKED
    assert classify_code(200, {"cf-mitigated": "challenge"})[0] is Status.BLOCKED


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_after_seconds("7") == 7.0
    date = email.utils.formatdate(1_000_030, usegmt=True)
    assert retry_after_seconds(date, now=1_000_000) == pytest.approx(30)
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def _wrapped(inner: BaseException, outer: BaseException) -> BaseException:
    outer.__cause__ = inner
    return outer


@pytest.mark.parametrize(
    ("exc", "status", "retryable"),
    [
        (httpx.ReadTimeout("slow"), Status.TIMEOUT, True),
        (httpx.RemoteProtocolError("bad"), Status.ERROR, False),
        (ConnectionResetError(104, "reset"), Status.ERROR, True),
        (ConnectionRefusedError(111, "refused"), Status.ERROR, False),
        (socket.gaierror(socket.EAI_NONAME, "no such name"), Status.BROKEN, False),
        (socket.gaierror(socket.EAI_AGAIN, "try again"), Status.ERROR, True),
        (BlockedAddressError("h", "10.0.0.1", "a private"), Status.ERROR, False),
    ],
)
def test_exceptions(exc: BaseException, status: Status, retryable: bool) -> None:
    got = classify_exception(_wrapped(exc, httpx.ConnectError("wrapped")))
    assert (got[0], got[2]) == (status, retryable)


def test_a_connect_timeout_wrapping_a_reset_is_not_a_timeout() -> None:
    """httpx-aiohttp maps aiohttp connection errors to ConnectTimeout; the cause decides."""
    import aiohttp

    inner = aiohttp.ServerDisconnectedError()
    status, detail, _ = classify_exception(_wrapped(inner, httpx.ConnectTimeout("x")))
    assert status is Status.ERROR
    assert "reset" in detail
