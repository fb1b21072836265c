"""From an HTTP answer or an exception to a :class:`Status`: pure functions, no I/O.

| status         | when                                                                       |
|----------------|----------------------------------------------------------------------------|
| ok             | 2xx (after temporary redirects)                                            |
| redirected     | 2xx reached only through permanent redirects (301, 308)                    |
| broken         | 404, 410, other 4xx not listed below, or a DNS name that does not exist    |
| blocked        | 401, 403, 999, or a Cloudflare challenge                                   |
| rate_limited   | 429 after retries, or Retry-After above the cap                            |
| timeout        | no answer in time                                                          |
| error          | refused/reset, TLS, malformed answer, redirect loop, 5xx, guard refusal    |
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import ssl
import time
from collections.abc import Iterator, Mapping

from catalog.linkcheck.errors import BlockedAddressError
from catalog.linkcheck.results import Status

RETRY_CODES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
BLOCKED_CODES = frozenset({401, 403, 999})
_NXDOMAIN = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


def is_success(code: int) -> bool:
    return 200 <= code < 300


def is_cloudflare_challenge(code: int, headers: Mapping[str, str]) -> bool:
    """Cloudflare's bot wall: ``cf-mitigated: challenge``, or a 403/503 served by cloudflare."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    return code in (403, 503) and headers.get("server", "").lower() == "cloudflare"


def classify_code(code: int, headers: Mapping[str, str]) -> tuple[Status, str]:
    """Status and detail for the final HTTP answer (redirects already followed)."""
    if is_cloudflare_challenge(code, headers):
        return Status.BLOCKED, f"HTTP {code}: Cloudflare challenge; the site refuses robots"
    if is_success(code):
        return Status.OK, f"HTTP {code}"
    if code in BLOCKED_CODES:
        return Status.BLOCKED, f"HTTP {code}: the site refuses robots; check it in a browser"
    if code == 429:
        return Status.RATE_LIMITED, "HTTP 429: still rate limited after retries"
    if 400 <= code < 500:
        return Status.BROKEN, f"HTTP {code}"
    if code >= 500:
        return Status.ERROR, f"HTTP {code}: server error after retries"
    return Status.ERROR, f"unexpected HTTP {code}"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_refusal(exc: BaseException) -> bool:
    """Whether the network guard caused this failure."""
    return any(isinstance(err, BlockedAddressError) for err in _chain(exc))


def classify_exception(exc: BaseException) -> tuple[Status, str, bool]:
    """Status, detail and whether a retry may help, for a failed request: the one translation
    of transport errors.

    httpx's exception types decide. Where the transport wrapped an aiohttp error, that cause
    decides instead, because the wrapping loses what happened: httpx-aiohttp maps every aiohttp
    connection error (a refusal, a reset, a guard refusal) to ``httpx.ConnectTimeout``, which
    must not count as a timeout.
    """
    import httpx

    # A cancelled inner task is how wait_for times out; it says nothing about the cause.
    chain = [e for e in _chain(exc) if not isinstance(e, asyncio.CancelledError)]
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):  # the fetcher's own deadline
        return Status.TIMEOUT, "no answer in time", True
    for err in chain:
        if isinstance(err, BlockedAddressError):
            return Status.ERROR, str(err), False
    for err in chain:
        if isinstance(err, socket.gaierror):
            if err.errno in _NXDOMAIN:
                return Status.BROKEN, "the DNS name does not exist", False
            return Status.ERROR, f"DNS lookup failed: {err.strerror or err}", True
        if isinstance(err, ssl.SSLError | ssl.CertificateError):
            return Status.ERROR, f"TLS failure: {tls_reason(err)}", False
    from catalog.linkcheck.transport import wrapped_error

    wrapped = wrapped_error(chain)
    if wrapped is not None:
        return wrapped
    innermost = chain[-1]
    if isinstance(innermost, ConnectionRefusedError):
        return Status.ERROR, "connection refused", False
    if isinstance(innermost, ConnectionResetError):
        return Status.ERROR, "connection reset", True
    # The innermost httpx error is the most specific one.
    found = next((e for e in reversed(chain) if isinstance(e, httpx.TransportError)), None)
    if isinstance(found, httpx.TimeoutException):
        return Status.TIMEOUT, "no answer in time", True
    if isinstance(found, httpx.ReadError | httpx.WriteError):
        return Status.ERROR, "connection reset", True
    if isinstance(found, httpx.RemoteProtocolError):
        return Status.ERROR, f"malformed response: {first_line(str(found))}", False
    if isinstance(found, httpx.ConnectError):
        return Status.ERROR, f"connection failed: {found}", True
    return Status.ERROR, f"{type(innermost).__name__}: {innermost}", False


def first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0].rstrip(":")


def tls_reason(err: BaseException) -> str:
    text = str(getattr(err, "reason", None) or getattr(err, "strerror", None) or err)
    return text.replace("[SSL: ", "").replace("]", "") if text else type(err).__name__


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds: a number of seconds or an HTTP date; None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # isdigit() alone takes "²", which float() refuses
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)
