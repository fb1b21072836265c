"""Errors raised by the link checker.

Only the CLI prints or exits; the library raises one of these::

    LinkCheckError                 base class; the message says what failed and where
    ├── BlockedAddressError        the network guard refused an address (SSRF protection)
    ├── FetchError                 a single fetch (``fetch_page``) failed
    │   ├── FetchTimeoutError      no complete answer within the timeout
    │   └── HttpStatusError        the server answered with a non-success status
    └── ShardError                 a ``--shard K/N`` value that cannot be used

Third-party errors (httpx, aiohttp, ssl, socket) are translated at the boundary, in
:mod:`catalog.linkcheck.fetch`.
"""

from __future__ import annotations


class LinkCheckError(Exception):
    """Base class for every link-checker error."""


class BlockedAddressError(LinkCheckError):
    """The network guard refused to connect to an address.

    Not an ``OSError`` on purpose: connection libraries retry other addresses on ``OSError``,
    while a refusal must stop the request at once.
    """

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host, self.address, self.reason = host, address, reason
        shown = host if host == address else f"{host} ({address})"
        super().__init__(
            f"refused to connect to {shown}: {reason} address; "
            "pass --allow-network CIDR to allow it"
        )


class FetchError(LinkCheckError):
    """A page could not be fetched; ``status`` is the link-check status it would get."""

    def __init__(self, url: str, message: str, *, status: str = "error") -> None:
        self.url, self.status = url, status
        super().__init__(f"{url}: {message}")


class FetchTimeoutError(FetchError):
    """No complete answer within the timeout."""


class HttpStatusError(FetchError):
    """The final answer had a non-success HTTP status."""

    def __init__(self, url: str, code: int, *, status: str) -> None:
        self.code = code
        super().__init__(url, f"HTTP {code}", status=status)


class ShardError(LinkCheckError, ValueError):
    """A shard specification is not ``K/N`` with ``1 <= K <= N``."""
