from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from .server import LocalServer, serving


@pytest.fixture
def server() -> Iterator[Callable[..., LocalServer]]:
    """A factory of loopback HTTP servers, each on its own 127.0.0.x address."""
    yield from serving()
