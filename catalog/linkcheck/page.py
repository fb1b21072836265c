"""Fetch one page's text, for ``catalog add`` (title, authors...), through the same guard.

Same User-Agent, network guard, redirect handling and timeouts as the checker; the body is read
up to ``max_bytes`` and decoded with the charset the server names (UTF-8 otherwise).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.linkcheck.classify import classify_code, is_success
from catalog.linkcheck.errors import (
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
)
from catalog.linkcheck.fetch import Failure, FetchConfig, Fetcher
from catalog.linkcheck.gates import Gates
from catalog.linkcheck.guard import NetworkGuard
from catalog.linkcheck.results import Status
from catalog.linkcheck.transport import make_client

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class Page:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int  # HTTP status code of the final answer
    headers: Mapping[str, str]  # names lower-cased
    text: str  # at most max_bytes of the body, decoded


async def fetch_page_async(
    url: str,
    *,
    allow_networks: Sequence[str] = (),
    max_bytes: int = 512_000,
    timeout: float = 20.0,
    hosts: Mapping[str, str] | None = None,
    _transport: httpx.AsyncBaseTransport | None = None,
) -> Page:
    """Async :func:`fetch_page`; ``hosts`` replaces DNS with a fixed table (tests), and
    ``_transport`` is a private test hook that replaces the network."""
    from catalog.urls import url_problem

    problem = url_problem(url)
    if problem:  # said in our words, before a connection library says it in its own
        raise FetchError(url, problem)
    guard = NetworkGuard.from_strings(allow_networks)
    async with make_client(
        guard, limit=4, timeout=timeout, hosts=hosts, transport=_transport
    ) as client:
        fetcher = Fetcher(client, Gates(4, 0), FetchConfig(timeout=timeout, retries=1))
        try:
            reply = await fetcher.fetch("GET", url, read=max_bytes)
        except Failure as failure:
            cause = failure.__cause__
            while cause is not None and not isinstance(cause, BlockedAddressError):
                cause = cause.__cause__ or cause.__context__
            if cause is not None:
                raise cause from None
            kind = FetchTimeoutError if failure.status is Status.TIMEOUT else FetchError
            raise kind(url, failure.detail, status=failure.status.value) from None
    if not is_success(reply.code):
        status, _ = classify_code(reply.code, reply.headers)
        raise HttpStatusError(url, reply.code, status=status.value)
    charset = _charset(reply.headers.get("content-type", ""))
    try:
        text = reply.body.decode(charset, errors="replace")
    except (LookupError, UnicodeError):  # an unknown charset, or one (idna) that cannot replace
        text = reply.body.decode("utf-8", errors="replace")
    headers = {name.lower(): value for name, value in reply.headers.items()}
    return Page(url, reply.url, reply.code, headers, text)


def fetch_page(
    url: str,
    *,
    allow_networks: Sequence[str] = (),
    max_bytes: int = 512_000,
    timeout: float = 20.0,
    hosts: Mapping[str, str] | None = None,
) -> Page:
    """Fetch ``url`` (GET, redirects followed) and return its first ``max_bytes`` as text.

    Synchronous: it runs its own event loop (use :func:`fetch_page_async` inside one). Raises
    :class:`BlockedAddressError` when the guard refuses an address, :class:`FetchTimeoutError`
    on a timeout, :class:`HttpStatusError` (``.code``) for a non-2xx answer and
    :class:`FetchError` otherwise; ``.status`` is the link-check status word (``broken``...).
    """
    return asyncio.run(
        fetch_page_async(
            url, allow_networks=allow_networks, max_bytes=max_bytes, timeout=timeout, hosts=hosts
        )
    )


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return "utf-8"
