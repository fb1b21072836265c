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
from typing import Any

OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n"


class Answer(asyncio.Protocol):
    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.buffer = b""
        self.transport: Any = None  # uvloop's transports are not asyncio.Transport subclasses

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        loop = asyncio.get_running_loop()
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            answer = OK_HEAD if head.startswith(b"HEAD ") else OK_HEAD + b"ok"
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
        server = await loop.create_server(lambda: Answer(latency), host, 0, backlog=2048)
        print(f"{host}:{server.sockets[0].getsockname()[1]}", flush=True)
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    try:
        import uvloop
    except ImportError:
        asyncio.run(main(args.hosts, args.latency))
    else:
        uvloop.run(main(args.hosts, args.latency))
