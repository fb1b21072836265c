"""Run ``catalog`` with httpx's own transport (httpcore) under the one client, for the design
comparison of whole processes only:

    python bench/linkcheck/with_httpcore.py check -c CATALOG ...

It replaces the production transport factory in this benchmark process alone; the shipped
``catalog check`` has no such switch. httpcore's transport carries no network guard, so this is
never a way to run the checker for real.
"""

from __future__ import annotations

import sys
from typing import Any

import httpx

from catalog.cli.app import main
from catalog.linkcheck import transport


def _httpcore(guard: Any, *, limit: int, **_: Any) -> httpx.AsyncBaseTransport:
    return httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=limit), trust_env=False)


if __name__ == "__main__":
    transport.guarded_transport = _httpcore  # type: ignore[assignment]
    sys.argv[0] = "catalog"
    main()
