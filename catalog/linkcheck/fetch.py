"""One URL over HTTP: HEAD then GET, redirects hop by hop, retries, and classification.

Requests are streamed: a GET is closed right after the headers unless a caller asks for up to
``read`` bytes of the body, and the whole request (headers and that capped read) runs under one
deadline, so a body that trickles in never hangs the run.

Redirects are followed here (never by the client) so that the chain is recorded, loops are
caught, and nothing sensitive crosses origins: on every redirect hop the caller's extra headers
(a token, say) are dropped, and user:password in a URL is removed when the origin changes.
"""

from __future__ import annotations

import asyncio
import copy
import random
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catalog.linkcheck.classify import (
    PERMANENT_REDIRECTS,
    REDIRECT_CODES,
    RETRY_CODES,
    classify_code,
    classify_exception,
    is_refusal,
    is_success,
    retry_after_seconds,
)
from catalog.linkcheck.content import READ_BYTES, is_html
from catalog.linkcheck.gates import Gates, hostname
from catalog.linkcheck.results import Outcome, Status
from catalog.linkcheck.transport import read_capped

if TYPE_CHECKING:
    import httpx

MAX_HOPS = 10


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = 20.0
    retries: int = 2
    retry_after_cap: float = 60.0
    backoff: float = 0.5  # first retry waits about this long; doubles each time, with jitter


@dataclass(frozen=True)
class Reply:
    """The last answer of a redirect chain."""

    code: int
    url: str
    headers: Mapping[str, str]  # case-insensitive
    body: bytes
    chain: tuple[str, ...]  # every URL requested, first to last
    codes: tuple[int, ...]  # the status code of each hop

    @property
    def permanent(self) -> bool:
        """Reached only through permanent redirects (and at least one)."""
        hops = self.codes[:-1]
        return bool(hops) and all(code in PERMANENT_REDIRECTS for code in hops)


class Failure(Exception):
    """A request that gave no usable answer, already classified."""

    def __init__(
        self, status: Status, detail: str, *, retryable: bool = False, refused: bool = False
    ) -> None:
        self.status, self.detail, self.retryable = status, detail, retryable
        self.refused = refused  # the network guard said no: no GET fallback, no retry
        super().__init__(detail)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _next_hop(current: str, location: str) -> str:
    """Where a redirect goes; user:password is dropped when the origin changes."""
    import httpx  # only on a redirect: most links never need it

    try:
        here = httpx.URL(current)
        target = here.join(location)
    except httpx.InvalidURL:
        raise Failure(Status.ERROR, f"malformed redirect to {location!r}") from None
    if target.scheme not in ("http", "https"):
        raise Failure(Status.ERROR, f"redirect to a non-HTTP URL: {location}")
    if _origin(target) != _origin(here):
        target = target.copy_with(username=None, password=None)
    return str(target)


class Fetcher:
    """Makes requests through the per-host gates; shared by the engine and the host rules."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        gates: Gates,
        config: FetchConfig,
        *,
        content: bool = False,
    ) -> None:
        """``content``: :meth:`check` reads HTML pages and looks for soft 404s and parking
        pages (:mod:`catalog.linkcheck.soft404`), and its outcomes carry a fingerprint."""
        self.client, self.gates, self.config = client, gates, config
        self.content = content
        # One probe per origin per run, shared by every variant of this fetcher.
        self.probes: dict[str, asyncio.Future[Any]] = {}

    def variant(self, *, content: bool) -> Fetcher:
        """This fetcher with content checks on or off; same client, gates and probes."""
        if content == self.content:
            return self
        other = copy.copy(self)
        other.content = content
        return other

    async def _once(
        self, method: str, url: str, headers: Mapping[str, str], read: int, html_only: bool
    ) -> tuple[int, Mapping[str, str], bytes]:
        """One request, no redirects; the body read only up to ``read`` bytes. One deadline
        covers all of it (connecting, the headers, the capped body), so a body that trickles
        in never hangs the run."""
        gate = self.gates.get(hostname(url))
        async with gate.slot():
            if sys.version_info >= (3, 11):
                # asyncio.timeout does not start a task per request as wait_for does.
                async with asyncio.timeout(self.config.timeout):
                    return await self._send(method, url, headers, read, html_only)
            return await asyncio.wait_for(  # pragma: no cover - Python 3.10
                self._send(method, url, headers, read, html_only), self.config.timeout
            )

    async def _send(
        self, method: str, url: str, headers: Mapping[str, str], read: int, html_only: bool
    ) -> tuple[int, Mapping[str, str], bytes]:
        request = self.client.build_request(method, url, headers=headers or None)
        response = await self.client.send(request, stream=True)
        try:
            body = b""
            wanted = not html_only or is_html(response.headers)
            if read > 0 and method != "HEAD" and wanted:
                body = await read_capped(response.aiter_raw(), read)
            return response.status_code, response.headers, body
        finally:
            # An unread body is not drained: the transport drops that connection instead.
            await response.aclose()

    async def follow(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        read: int = 0,
        html_only: bool = False,
    ) -> Reply:
        """One request and its redirects; raises :class:`Failure`. Up to ``read`` bytes of the
        last answer's body are read (``html_only``: only when the answer is HTML)."""
        # URLs stay strings on the common path (no redirect): parsing costs CPU per link.
        current = url
        extra = dict(headers or {})
        chain: list[str] = []
        codes: list[int] = []
        while True:
            chain.append(current)
            try:
                code, got, body = await self._once(method, current, extra, read, html_only)
            except Exception as exc:  # translated at the boundary: see classify_exception
                status, detail, retryable = classify_exception(exc)
                refused = is_refusal(exc)
                raise Failure(status, detail, retryable=retryable, refused=refused) from exc
            codes.append(code)
            location = got.get("location")
            if code not in REDIRECT_CODES or not location:
                return Reply(code, current, got, body, tuple(chain), tuple(codes))
            if len(chain) > MAX_HOPS:
                raise Failure(Status.ERROR, f"more than {MAX_HOPS} redirects")
            current = _next_hop(current, location)
            if current in chain:
                raise Failure(Status.ERROR, f"redirect loop at {current}")
            extra = {}  # tokens and other caller headers never follow a redirect
            if code == 303:
                method = "GET" if method != "HEAD" else "HEAD"

    async def fetch(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        read: int = 0,
        html_only: bool = False,
        retry_codes: frozenset[int] = RETRY_CODES,
        retry_resets: bool = True,
        retries: int | None = None,
    ) -> Reply:
        """:meth:`follow` with retries: backoff with jitter, and ``Retry-After`` for the host.

        Timeouts and the ``retry_codes`` are retried, up to ``retries`` times (the config's
        by default); resets and other transient connection errors too, unless
        ``retry_resets`` is off.
        """
        limit = self.config.retries if retries is None else retries
        attempt = 0
        while True:
            try:
                reply = await self.follow(
                    method, url, headers=headers, read=read, html_only=html_only
                )
            except Failure as failure:
                transient = failure.retryable and (retry_resets or failure.status is Status.TIMEOUT)
                if not transient or attempt >= limit:
                    raise
                await asyncio.sleep(self._backoff(attempt))
            else:
                if reply.code not in retry_codes:
                    return reply
                wait = retry_after_seconds(reply.headers.get("retry-after"))
                if wait is not None and wait > self.config.retry_after_cap:
                    raise Failure(
                        Status.RATE_LIMITED,
                        f"HTTP {reply.code}: the server asks to wait {wait:.0f} s, more than "
                        f"the {self.config.retry_after_cap:.0f} s cap",
                    )
                if attempt >= limit:
                    return reply
                if wait is not None:
                    self.gates.get(hostname(reply.url)).pause(wait)
                else:
                    await asyncio.sleep(self._backoff(attempt))
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return float(self.config.backoff * (2**attempt) * (0.5 + random.random()))

    async def check(self, url: str) -> Outcome:
        """The generic check. Status codes only: HEAD, then GET on a non-success status or a
        connection error. With content checks: one GET that reads the start of an HTML page,
        whose outcome carries the page's fingerprint and may be a ``soft_404``."""
        started = time.monotonic()
        try:
            if self.content:
                reply = await self.fetch("GET", url, read=READ_BYTES, html_only=True)
            else:
                reply = await self._head_then_get(url)
        except Failure as failure:
            return Outcome(failure.status, detail=failure.detail, elapsed_ms=_ms(started))
        outcome = outcome_of(reply, started)
        if self.content and reply.body and outcome.status in (Status.OK, Status.REDIRECTED):
            from catalog.linkcheck.soft404 import judge

            outcome = await judge(self, reply, outcome)
        return outcome

    async def _head_then_get(self, url: str) -> Reply:
        try:
            # A HEAD is retried only for what a GET would not fix (a timeout, a 429); on other
            # errors and statuses the GET comes at once, with its own retries.
            head = await self.fetch("HEAD", url, retry_codes=frozenset({429}), retry_resets=False)
        except Failure as failure:
            if failure.refused or failure.status is not Status.ERROR:
                raise  # timeouts, rate limits, missing DNS names and refusals: GET won't help
        else:
            if is_success(head.code) or head.code == 429:
                return head
        return await self.fetch("GET", url)


def outcome_of(reply: Reply, started: float) -> Outcome:
    status, detail = classify_code(reply.code, reply.headers)
    final = reply.url if len(reply.chain) > 1 else None
    if status is Status.OK and reply.permanent:
        status = Status.REDIRECTED
        detail = f"permanent redirect ({reply.codes[0]}); update the URL to {reply.url}"
    elif final is not None and status is Status.OK:
        detail = f"HTTP {reply.code} after {len(reply.chain) - 1} temporary redirect(s)"
    return Outcome(status, reply.code, final, detail, elapsed_ms=_ms(started), chain=reply.chain)


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
