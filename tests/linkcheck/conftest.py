from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from . import server as srv
from .server import LocalServer, serving


@pytest.fixture
def server() -> Iterator[Callable[..., LocalServer]]:
    """A factory of loopback HTTP servers, each on its own 127.0.0.x address."""
    yield from serving()


@pytest.fixture
def site(server: Callable[..., LocalServer]) -> LocalServer:
    """One loopback host with a page that answers 200, one 404 and one 403."""
    return server({"/ok": srv.status(200), "/gone": srv.status(404), "/no": srv.status(403)})
