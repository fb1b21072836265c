"""A small HTTP server on 127.0.0.1 for the curation tests (pages for `add`, the archive API)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# A route answers (status, headers, body) for the query parameters of a request.
Route = Callable[[dict[str, list[str]]], tuple[int, dict[str, str], bytes]]


@dataclass
class Stub:
    base: str
    routes: dict[str, Route]
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[Stub]:
    stub = Stub("", routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            stub.requests.append(self.path)
            route = stub.routes.get(parts.path)
            status, headers, body = (
                (404, {}, b"not here") if route is None else route(parse_qs(parts.query))
            )
            self.send_response(status)
            for name, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            del format, args  # keep test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def page(body: str, status: int = 200, content_type: str = "text/html; charset=utf-8") -> Route:
    return lambda _query: (status, {"Content-Type": content_type}, body.encode())


def redirect(location: str, status: int = 301) -> Route:
    return lambda _query: (status, {"Location": location}, b"")
