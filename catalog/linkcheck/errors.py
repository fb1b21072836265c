"""The link checker's part of the error family (drawn in full in :mod:`catalog.errors`)::

    LinkCheckError                 base class; the message says what failed and where
    ├── BlockedAddressError        the network guard refused an address (SSRF protection)
    ├── FetchError                 a single fetch (``fetch_page``) failed
    │   ├── FetchTimeoutError      no complete answer within the timeout
    │   └── HttpStatusError        the server answered with a non-success status
    ├── CheckOptionsError          a ``CheckOptions`` value out of its range (also ValueError)
    └── ShardError                 a ``--shard K/N`` value that cannot be used

Third-party errors (httpx, aiohttp, ssl, socket) are translated at the boundary, in
:mod:`catalog.linkcheck.fetch`.
"""

from __future__ import annotations

from catalog.errors import (
    BlockedAddressError,
    CheckOptionsError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    LinkCheckError,
    ShardError,
)

__all__ = [
    "BlockedAddressError",
    "CheckOptionsError",
    "FetchError",
    "FetchTimeoutError",
    "HttpStatusError",
    "LinkCheckError",
    "ShardError",
]
