"""A tiny raw HTTP/1.1 server on loopback for tests, run in its own thread and event loop.

Raw on purpose: tests need answers no framework sends (garbage, resets, trickling bodies,
headers that never come). Each route is an async handler ``(request, writer) -> None``.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]


def _head(code: int, headers: dict[str, str] | None, length: int) -> bytes:
    lines = [f"HTTP/1.1 {code} X"]
    merged = {"Content-Length": str(length), "Connection": "close", **(headers or {})}
    lines += [f"{k}: {v}" for k, v in merged.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status(code: int, headers: dict[str, str] | None = None, body: bytes = b"ok") -> Handler:
    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(_head(code, headers, len(body)))
        if request.method != "HEAD":
            writer.write(body)

    return handle


def redirect(code: int, location: str) -> Handler:
    return status(code, {"Location": location}, b"")


def by_method(**handlers: Handler) -> Handler:
    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        await handlers[request.method](request, writer)

    return handle


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th handler; the last one repeats."""
    calls = iter(handlers)
    last: list[Handler] = []

    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        handler = next(calls, None)
        if handler is None:
            handler = last[0]
        else:
            last[:] = [handler]
        await handler(request, writer)

    return handle


def sleep_then(seconds: float, then: Handler) -> Handler:
    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(seconds)
        await then(request, writer)

    return handle


def trickle(total: int = 10_000, delay: float = 0.2) -> Handler:
    """Headers at once, then one byte per ``delay`` seconds."""

    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(_head(200, {"Content-Type": "text/html"}, total))
        await writer.drain()
        if request.method == "HEAD":
            return
        for _ in range(total):
            writer.write(b"x")
            await writer.drain()
            await asyncio.sleep(delay)

    return handle


def huge(server: LocalServer, total: int = 200_000_000, chunk: int = 65_536) -> Handler:
    """A body of ``total`` bytes; ``server.sent`` counts what the socket accepted."""

    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(_head(200, {"Content-Type": "text/html"}, total))
        if request.method == "HEAD":
            return
        block = b"<p>" + b"y" * (chunk - 3)
        for _ in range(total // chunk):
            writer.write(block)
            await writer.drain()
            server.sent += len(block)

    return handle


async def reset(request: Request, writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    import socket
    import struct

    # SO_LINGER with a zero timeout makes close() send a TCP RST instead of a FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def garbage(request: Request, writer: asyncio.StreamWriter) -> None:
    writer.write(b"this is not HTTP at all\r\n\x00\x01\x02\r\n\r\n")


@dataclass
class LocalServer:
    host: str
    routes: dict[str, Handler] = field(default_factory=dict)
    ssl_context: ssl.SSLContext | None = None
    fallback: Handler | None = None  # answers every path without a route (default: a 404)
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    sent: int = 0

    @property
    def base(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        request = Request(method, path, headers)
        self.requests.append(request)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            default = self.fallback or status(404, body=b"not found")
            handler = self.routes.get(path.split("?")[0], default)
            await handler(request, writer)
            await writer.drain()
        except (ConnectionError, OSError):
            pass
        except asyncio.CancelledError:
            # Teardown cancels handlers still sleeping; ending quietly keeps asyncio from
            # logging every one of them as an error.
            writer.transport.abort()
            return
        finally:
            self.in_flight -= 1
            if not writer.transport.is_closing():
                writer.close()


class ServerThread:
    """Runs every test server of one test in a single background event loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._servers: list[asyncio.Server] = []

    def start(self, server: LocalServer) -> LocalServer:
        async def go() -> asyncio.Server:
            return await asyncio.start_server(server._serve, server.host, 0, ssl=server.ssl_context)

        srv = asyncio.run_coroutine_threadsafe(go(), self.loop).result(10)
        server.port = srv.sockets[0].getsockname()[1]
        self._servers.append(srv)
        return server

    def stop(self) -> None:
        async def close() -> None:
            for srv in self._servers:
                srv.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


def serving() -> Iterator[Callable[..., LocalServer]]:
    thread = ServerThread()
    counter = iter(range(2, 250))

    def make(routes: dict[str, Handler] | None = None, **kwargs: object) -> LocalServer:
        host = str(kwargs.pop("host", f"127.0.0.{next(counter)}"))
        return thread.start(LocalServer(host, routes or {}, **kwargs))  # type: ignore[arg-type]

    try:
        yield make
    finally:
        thread.stop()
