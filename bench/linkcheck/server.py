"""Benchmark server: several 127.0.0.x hosts, every answer after a fixed latency.

Run alone: ``python bench/linkcheck/server.py --hosts 8 --latency 0.05``; it prints one
``host:port`` per line, then ``ready``, then serves until killed.

A bare ``asyncio.Protocol`` (keep-alive HTTP/1.1, one fixed answer) rather than a web
framework: on a 2-core machine an ``aiohttp.web`` server needed about 0.4 ms of CPU per request
and capped 2,000 requests at about 1.0 s whatever the client did. This one costs a few tens of
microseconds, so the client is what gets measured. It runs in its own process, on uvloop when
that is installed.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
from typing import Any, ClassVar

OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n"
NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"
)
WORDS = (
    "attention transformer token embedding layer head query key value residual softmax "
    "sequence protein genome context window position encoding decoder encoder sparse"
).split()


@functools.cache
def html_page(path: bytes) -> bytes:
    """About 30 KB of HTML with its own title and text, for ``--html``: a catalog page."""
    name = path.decode("latin-1")
    rows = "".join(
        f"<p>{name} {WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} paragraph {i} of the "
        f"article, with its own words: {name}-{i} {WORDS[(i * 3) % len(WORDS)]}.</p>\n"
        for i in range(300)
    )
    body = (
        f"<!doctype html><html><head><title>Resource {name}</title><style>p{{margin:0}}</style>"
        f"<script>var page = '{name}';</script></head><body><main>{rows}</main></body></html>"
    ).encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    return head + b"Content-Length: %d\r\n\r\n" % len(body) + body


class Answer(asyncio.Protocol):
    html = False  # --html: 30 KB pages under /r/, a 404 elsewhere (the soft-404 probe)
    counts: ClassVar[dict[str, int]] = {}  # requests per host, served at /__stats

    def __init__(self, latency: float, host: str = "") -> None:
        self.latency = latency
        self.host = host
        self.buffer = b""
        self.transport: Any = None  # uvloop's transports are not asyncio.Transport subclasses

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        loop = asyncio.get_running_loop()
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            path = head.split(b" ", 2)[1]
            if path == b"/__stats":
                body = repr(Answer.counts).encode()
                self._send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                continue
            Answer.counts[self.host] = Answer.counts.get(self.host, 0) + 1
            if not Answer.html:
                answer = OK_HEAD if head.startswith(b"HEAD ") else OK_HEAD + b"ok"
            elif not path.startswith(b"/r/"):
                answer = NOT_FOUND
            else:
                page = html_page(path)
                answer = page[: page.index(b"\r\n\r\n") + 4] if head.startswith(b"HEAD ") else page
            loop.call_later(self.latency, self._send, answer)

    def _send(self, answer: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(answer)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def main(hosts: int, latency: float) -> None:
    loop = asyncio.get_running_loop()
    for i in range(hosts):
        host = f"127.0.0.{2 + i}"
        server = await loop.create_server(
            lambda host=host: Answer(latency, host),
            host,
            0,
            backlog=2048,  # type: ignore[misc]
        )
        print(f"{host}:{server.sockets[0].getsockname()[1]}", flush=True)
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--html", action="store_true", help="30 KB HTML pages, 404 elsewhere")
    args = parser.parse_args()
    Answer.html = args.html
    try:
        import uvloop
    except ImportError:
        asyncio.run(main(args.hosts, args.latency))
    else:
        uvloop.run(main(args.hosts, args.latency))
