"""The one HTTP client: an ``httpx.AsyncClient`` over aiohttp's connection pool, guarded.

Every request of the checker, of the host rules and of :func:`~catalog.linkcheck.fetch_page`
goes through the client :func:`make_client` returns. Underneath sits the ``httpx-aiohttp``
transport, handed an ``aiohttp.ClientSession`` that we build: httpx's own pool (httpcore) costs
several times the CPU per link at a hundred requests in flight (figures in
``bench/linkcheck/README.md``).

The network guard lives where connections are made, inside that session's connector:

* the resolver checks every address a host name resolves to, and refuses the host if any of
  them is refused (so a rebinding name cannot pick its moment);
* the socket factory checks the exact address each socket is about to connect to; this also
  covers literal IP URLs, which aiohttp never sends to the resolver.

Both run for every connection, so for every redirect hop too. No public parameter replaces the
transport: tests swap it through the private ``_transport`` hooks of
:func:`~catalog.linkcheck.check_links` and :func:`~catalog.linkcheck.fetch_page_async`.

Cookies are never stored or sent, no proxy is read from the environment, bodies are never
decompressed, and redirects are not followed here: :mod:`catalog.linkcheck.fetch` follows them
hop by hop.
"""

from __future__ import annotations

import functools
import socket
import ssl
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

from catalog.linkcheck.guard import NetworkGuard
from catalog.linkcheck.results import Status

if TYPE_CHECKING:
    import aiohttp
    import httpx
    from aiohttp.abc import ResolveResult
    from httpx_aiohttp import AiohttpTransport

PROJECT_URL = "https://github.com/transformers-catalog/catalog"
# identity: bodies are read raw and capped, never decompressed (no zip bombs either)
HEADERS = {"Accept": "*/*", "Accept-Encoding": "identity"}


@functools.cache
def default_tls() -> ssl.SSLContext:
    """The verifying TLS context for https links: the system trust store, read once."""
    return ssl.create_default_context()


def user_agent() -> str:
    """An honest User-Agent naming the tool, its version and where to read about it."""
    from catalog import __version__

    return f"catalog-linkcheck/{__version__} (+{PROJECT_URL})"


def _make_resolver(guard: NetworkGuard, hosts: Mapping[str, str] | None) -> Any:
    from aiohttp.abc import AbstractResolver
    from aiohttp.resolver import ThreadedResolver

    class GuardedResolver(AbstractResolver):
        """Resolve (from ``hosts`` when given, else the system), then check every address."""

        def __init__(self) -> None:
            self._system = ThreadedResolver() if hosts is None else None

        async def resolve(
            self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
        ) -> list[ResolveResult]:
            if self._system is not None:
                results = await self._system.resolve(host, port, family)
            else:
                results = _static(hosts or {}, host, port)
            for result in results:
                guard.check(host, result["host"])
            return results

        async def close(self) -> None:
            if self._system is not None:
                await self._system.close()

    return GuardedResolver()


def _static(hosts: Mapping[str, str], host: str, port: int) -> list[ResolveResult]:
    """A fixed name table, for tests and benchmarks: no DNS query ever leaves the machine."""
    address = hosts.get(host.lower().rstrip("."))
    if address is None:
        raise socket.gaierror(socket.EAI_NONAME, f"Name or service not known: {host}")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return [
        {
            "hostname": host,
            "host": address,
            "port": port,
            "family": family,
            "proto": 0,
            "flags": socket.AI_NUMERICHOST,
        }
    ]


def _socket_factory(guard: NetworkGuard) -> Any:
    def factory(addr_info: tuple[Any, ...]) -> socket.socket:
        family, type_, proto, _, address = addr_info
        guard.check(str(address[0]), str(address[0]))
        return socket.socket(family=family, type=type_, proto=proto)

    return factory


def _session(
    guard: NetworkGuard,
    *,
    limit: int,
    hosts: Mapping[str, str] | None,
    tls: ssl.SSLContext,
) -> aiohttp.ClientSession:
    """The aiohttp session under the transport; every connection goes through ``guard``."""
    import aiohttp

    connector = aiohttp.TCPConnector(
        limit=limit,
        limit_per_host=0,  # per-host limits are enforced by the engine, before a request
        resolver=_make_resolver(guard, hosts),
        socket_factory=_socket_factory(guard),
        ssl=tls,
        ttl_dns_cache=10,
    )
    return aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        auto_decompress=False,
        # Twice aiohttp's 8 KiB default: some sites send long cookie and CSP headers.
        max_line_size=16_384,
        max_field_size=16_384,
    )


def guarded_transport(
    guard: NetworkGuard,
    *,
    limit: int,
    hosts: Mapping[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> httpx.AsyncBaseTransport:
    """The production transport: httpx-aiohttp over a session whose connector holds ``guard``.

    The session is created on the first request, inside the running event loop, as aiohttp
    requires; the transport closes it when the client closes.
    """
    tls = ssl_context if ssl_context is not None else default_tls()
    return _transport_class()(
        verify=tls,  # the transport's own context: the same object, so no second CA read
        trust_env=False,
        client=lambda: _session(guard, limit=limit, hosts=hosts, tls=tls),
    )


@functools.cache
def _transport_class() -> type[AiohttpTransport]:
    """httpx-aiohttp's transport, minus one flaw: it hands aiohttp the request URL with its
    user:password, next to the Authorization header httpx built from them, and aiohttp refuses
    the pair ("Cannot combine AUTHORIZATION header with ... credentials encoded in URL").
    httpcore sends only the path; so do we. Defined on first use: importing this module must
    not import aiohttp."""
    from httpx_aiohttp import AiohttpTransport

    class Transport(AiohttpTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.userinfo:
                request.url = request.url.copy_with(username=None, password=None)
            return await super().handle_async_request(request)

    return Transport


def make_client(
    guard: NetworkGuard,
    *,
    limit: int = 64,
    timeout: float = 20.0,
    hosts: Mapping[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """The client every check and :func:`~catalog.linkcheck.fetch_page` uses; use it as an
    async context manager inside a running event loop.

    ``hosts`` replaces DNS with a fixed table and ``ssl_context`` the system trust store (tests
    and benchmarks; the guard still checks every address). ``transport`` is the private test
    hook (``httpx.MockTransport``): it replaces the network, guard included.
    """
    from http.cookiejar import CookieJar, DefaultCookiePolicy

    import httpx

    if transport is None:
        transport = guarded_transport(guard, limit=limit, hosts=hosts, ssl_context=ssl_context)
    return httpx.AsyncClient(
        transport=transport,
        headers=HEADERS | {"User-Agent": user_agent()},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        # A jar that accepts nothing: no cookie is ever stored, so none crosses origins.
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )


def wrapped_error(chain: list[BaseException]) -> tuple[Status, str, bool] | None:
    """What an aiohttp error that this transport wrapped in an httpx error means (status,
    detail, whether a retry may help), or None when the chain holds none. The one place outside
    the connector that knows aiohttp's errors; :func:`~catalog.linkcheck.classify.
    classify_exception` asks it first."""
    import aiohttp

    from catalog.linkcheck.classify import first_line, tls_reason

    for err in chain:
        if isinstance(err, aiohttp.ServerTimeoutError):
            return Status.TIMEOUT, "no answer in time", True
        if isinstance(err, aiohttp.ClientSSLError):
            return Status.ERROR, f"TLS failure: {tls_reason(err)}", False
        if isinstance(err, aiohttp.ServerDisconnectedError):
            return Status.ERROR, "connection reset: the server closed it without answering", True
        if isinstance(err, aiohttp.ClientConnectorError):
            if isinstance(err.os_error, ConnectionRefusedError):
                return Status.ERROR, "connection refused", False
            return Status.ERROR, f"connection failed: {err.os_error.strerror or err}", True
        if isinstance(err, aiohttp.ClientResponseError):
            return Status.ERROR, f"malformed response: {first_line(err.message)}", False
        if isinstance(err, aiohttp.ClientPayloadError):
            return Status.ERROR, "connection reset while reading the body", True
        if isinstance(err, aiohttp.ClientOSError):
            return Status.ERROR, f"connection reset: {err.strerror or err}", True
    return None


async def read_capped(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes of a streamed body; stops reading as soon as it has them, so a
    huge body is never downloaded."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(parts)[:limit]
