"""The HTTP client: aiohttp's connection pool with the network guard inside; httpx for tests.

Why this stack (measured, see ``bench/linkcheck/README.md``): plain ``httpx.AsyncClient`` spends
milliseconds of CPU per request in httpcore's pool at 128 requests in flight. The
``httpx-aiohttp`` transport fixes the pool but still pays for httpx's request and response
models on every request (about a third of our CPU per link in profiles), so the checker talks
to an ``aiohttp.ClientSession`` directly (:func:`send_aiohttp`). When a test passes an
``httpx`` transport (``httpx.MockTransport``), :func:`make_client` returns an
``httpx.AsyncClient`` instead, and :mod:`catalog.linkcheck.fetch` uses that.

The guard is wired in twice, both at connection time:

* the resolver checks every address a host name resolves to, and refuses the host if any of
  them is refused (so a rebinding name cannot pick its moment);
* the socket factory checks the exact address each socket is about to connect to; this also
  covers literal IP URLs, which aiohttp never sends to the resolver.

Cookies are never stored or sent (a dummy jar), no proxy is read from the environment, and
redirects are not followed here: :mod:`catalog.linkcheck.fetch` follows them hop by hop.
"""

from __future__ import annotations

import functools
import socket
import ssl
import sys
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from catalog.linkcheck.guard import NetworkGuard

if TYPE_CHECKING:
    import aiohttp
    import httpx
    from aiohttp.abc import ResolveResult

PROJECT_URL = "https://github.com/transformers-catalog/catalog"
# identity: bodies are read raw and capped, never decompressed (no zip bombs either)
HEADERS = {"Accept": "*/*", "Accept-Encoding": "identity"}
Client: TypeAlias = "httpx.AsyncClient | aiohttp.ClientSession"


def load_aiohttp() -> None:
    """Import aiohttp without letting it read the system trust store twice for nothing.

    aiohttp builds two TLS contexts when it is imported, and each reads the whole CA bundle
    (about 80 ms together here, a tenth of a whole benchmark run). The checker never uses
    them: every https request carries :func:`default_tls` (or the caller's context), built
    when the first https URL needs it. So during this one import the two methods that read
    the bundle do nothing, and they are put back right after. The contexts aiohttp keeps have
    no CA at all: anything falling back to them fails verification, it never skips it. (So
    would a context another thread built during that import: it fails closed too.)
    """
    if "aiohttp" in sys.modules:
        return
    names = ("load_default_certs", "set_default_verify_paths")
    own = {name: vars(ssl.SSLContext).get(name) for name in names}
    try:
        for name in names:
            setattr(ssl.SSLContext, name, _no_trust_store)
        import aiohttp  # noqa: F401
    finally:
        for name, method in own.items():
            if method is None:  # inherited from the C base class: uncover it again
                delattr(ssl.SSLContext, name)
            else:
                setattr(ssl.SSLContext, name, method)


def _no_trust_store(self: ssl.SSLContext, *args: Any) -> None:
    return None


@functools.cache
def default_tls() -> ssl.SSLContext:
    """The verifying TLS context for https links: the system trust store, read once."""
    return ssl.create_default_context()


def tls_for(url: str, custom: ssl.SSLContext | None) -> ssl.SSLContext | bool:
    """What aiohttp's ``ssl=`` gets for ``url``: a context for https, the default otherwise."""
    if url[:6].lower() != "https:":
        return True
    return custom if custom is not None else default_tls()


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


def make_session(
    guard: NetworkGuard,
    *,
    limit: int,
    hosts: Mapping[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> aiohttp.ClientSession:
    """An aiohttp session whose every connection goes through ``guard``."""
    load_aiohttp()
    import aiohttp

    connector = aiohttp.TCPConnector(
        limit=limit,
        limit_per_host=0,  # per-host limits are enforced by the engine, before a request
        resolver=_make_resolver(guard, hosts),
        socket_factory=_socket_factory(guard),
        ssl=ssl_context if ssl_context is not None else True,
        ttl_dns_cache=10,
    )
    return aiohttp.ClientSession(
        connector=connector,
        headers=HEADERS | {"User-Agent": user_agent()},
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        auto_decompress=False,
        # Twice aiohttp's 8 KiB default: some sites send long cookie and CSP headers.
        max_line_size=16_384,
        max_field_size=16_384,
    )


def make_client(
    guard: NetworkGuard,
    *,
    limit: int = 64,
    timeout: float = 20.0,
    hosts: Mapping[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Client:
    """The client every check and :func:`~catalog.linkcheck.fetch_page` uses; create it inside a
    running event loop and use it as an async context manager.

    ``transport`` replaces the network (``httpx.MockTransport`` in unit tests); ``hosts`` replaces
    DNS with a fixed table; ``ssl_context`` replaces the system trust store (tests add a test CA).
    """
    if transport is None:
        return make_session(guard, limit=limit, hosts=hosts, ssl_context=ssl_context)
    from http.cookiejar import CookieJar, DefaultCookiePolicy

    import httpx

    return httpx.AsyncClient(
        transport=transport,
        headers=HEADERS | {"User-Agent": user_agent()},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        # A jar that accepts nothing: no cookie is ever stored, so none crosses origins.
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )


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


@functools.lru_cache(maxsize=8)
def _total_timeout(seconds: float) -> aiohttp.ClientTimeout:
    """One immutable timeout object per value, instead of one per request."""
    from aiohttp import ClientTimeout

    return ClientTimeout(total=seconds)


async def send_aiohttp(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    headers: Mapping[str, str],
    read: int,
    timeout: float,
    tls: ssl.SSLContext | bool = True,
) -> tuple[int, Mapping[str, str], bytes]:
    """One request, no redirects; the body is read only up to ``read`` bytes; ``timeout``
    seconds for all of it (connecting, the headers, the capped body); ``tls`` as from
    :func:`tls_for`."""
    from yarl import URL

    response = await session.request(
        method,
        URL(url),
        headers=dict(headers) if headers else None,  # most requests add no header
        allow_redirects=False,
        timeout=_total_timeout(timeout),
        ssl=tls,
    )
    try:
        body = b""
        if read > 0 and method != "HEAD":
            body = await read_capped(response.content.iter_any(), read)
        return response.status, response.headers, body
    finally:
        if method == "HEAD":
            response.release()  # nothing left to read: the connection is kept alive
        else:
            response.close()  # an unread body: drop the connection rather than drain it
