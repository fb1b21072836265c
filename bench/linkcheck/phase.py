"""Time the check phase alone, in its own process: load a catalog, then check it.

    python bench/linkcheck/phase.py CATALOG.yaml [aiohttp|httpx-aiohttp|httpx] [--uvloop]

Prints one JSON line: ``{"client", "check_s", "check_cpu_s", "links", "statuses"}``. Start-up,
imports and catalog loading are excluded, so this is the figure the issue compares with the
ideal. The client choice is for the design comparison in README.md: ``aiohttp`` is what
``catalog check`` uses; the two httpx variants go through the checker's httpx code path.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
import time
from collections import Counter
from typing import Any

import catalog
from catalog.linkcheck import CheckOptions, check_links, targets_for
from catalog.linkcheck.guard import NetworkGuard
from catalog.linkcheck.transport import make_session


def _transport(client: str) -> Any:
    if client == "aiohttp":
        return None
    import httpx

    if client == "httpx":
        return httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=128))
    from httpx_aiohttp import AiohttpTransport

    guard = NetworkGuard.from_strings(["127.0.0.0/8"])
    return AiohttpTransport(client=lambda: make_session(guard, limit=128))


async def main(path: str, client: str) -> None:
    cat = catalog.load(path)
    targets = targets_for(cat)
    importlib.import_module("aiohttp")  # the checker imports it lazily; keep that out of timing
    options = CheckOptions(
        concurrency=128,
        per_host=16,
        interval_ms=0,
        allow_networks=("127.0.0.0/8",),
        transport=_transport(client),
    )
    counts: Counter[str] = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    async for result in check_links(targets, options):
        counts[result.status.value] += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    line = {"client": client, "check_s": wall, "check_cpu_s": cpu, "links": len(targets)}
    print(json.dumps(line | {"statuses": counts}))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    chosen = args[1] if len(args) > 1 else "aiohttp"
    if "--uvloop" in sys.argv:
        import uvloop

        uvloop.run(main(args[0], chosen))
    else:
        asyncio.run(main(args[0], chosen))
