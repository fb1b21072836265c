"""The link checker: fast, polite to hosts, SSRF-safe; yields results, never prints.

Public API::

    check_links(targets, CheckOptions(...), cache=Cache.load(path))   # async iterator
    targets_for(catalog, resources)                                   # what to check
    fetch_page(url, allow_networks=(), max_bytes=512_000, timeout=20.0) -> Page   # synchronous
    await fetch_page_async(url, ...) -> Page                                      # async twin

``fetch_page`` goes through the same network guard, User-Agent and redirect handling as the
checker; it raises :class:`BlockedAddressError`, :class:`FetchTimeoutError` or
:class:`FetchError` (all :class:`LinkCheckError`).

Modules: ``engine`` (scheduling), ``fetch`` (HEAD/GET, redirects, retries), ``classify`` (status
rules), ``guard`` (network guard), ``transport`` (httpx over aiohttp), ``gates`` (per-host
politeness), ``hosts/`` (YouTube, arXiv, GitHub), ``cache``, ``shard``, ``results`` (types and
JSON shape), ``report`` (table, markdown, github, json: strings), ``page`` (``fetch_page``).
"""

from __future__ import annotations

from catalog.linkcheck.cache import Cache, default_path
from catalog.linkcheck.engine import CheckOptions, check_links
from catalog.linkcheck.errors import (
    BlockedAddressError,
    CheckOptionsError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    LinkCheckError,
    ShardError,
)
from catalog.linkcheck.hosts import Endpoints
from catalog.linkcheck.page import Page, fetch_page, fetch_page_async
from catalog.linkcheck.results import LinkResult, Status, Target, as_json_data, summary
from catalog.linkcheck.select import targets_for

__all__ = [
    "BlockedAddressError",
    "Cache",
    "CheckOptions",
    "CheckOptionsError",
    "Endpoints",
    "FetchError",
    "FetchTimeoutError",
    "HttpStatusError",
    "LinkCheckError",
    "LinkResult",
    "Page",
    "ShardError",
    "Status",
    "Target",
    "as_json_data",
    "check_links",
    "default_path",
    "fetch_page",
    "fetch_page_async",
    "summary",
    "targets_for",
]
