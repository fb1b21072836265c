"""Time the check phase alone, in its own process: load a catalog, then check it.

    python bench/linkcheck/phase.py CATALOG.yaml [httpx-aiohttp|httpcore] [--uvloop]

Prints one JSON line: ``{"transport", "check_s", "check_cpu_s", "links", "statuses"}``.
Start-up, imports and catalog loading are excluded, so this is the figure the issue compares
with the ideal. Both choices run the checker's one code path (one ``httpx.AsyncClient``); only
the transport under it differs:

* ``httpx-aiohttp`` is what ``catalog check`` ships (the guard sits in its connector);
* ``httpcore`` is httpx's own ``AsyncHTTPTransport`` with a 128-connection pool, swapped in
  through the private test hook, for the design comparison (it has no guard: never ship it).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from typing import Any

import catalog
from catalog.linkcheck import CheckOptions, check_links, targets_for


def _transport(name: str) -> Any:
    if name == "httpx-aiohttp":
        return None  # the production transport
    import httpx

    return httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=128))


async def main(path: str, name: str) -> None:
    cat = catalog.load(path)
    targets = targets_for(cat)
    # The checker imports these lazily; keep the imports out of the timing.
    import aiohttp  # noqa: F401
    import httpx  # noqa: F401
    import httpx_aiohttp  # noqa: F401

    options = CheckOptions(
        concurrency=128, per_host=16, interval_ms=0, allow_networks=("127.0.0.0/8",)
    )
    counts: Counter[str] = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    async for result in check_links(targets, options, _transport=_transport(name)):
        counts[result.status.value] += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    line = {"transport": name, "check_s": wall, "check_cpu_s": cpu, "links": len(targets)}
    print(json.dumps(line | {"statuses": counts}))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    chosen = args[1] if len(args) > 1 else "httpx-aiohttp"
    if "--uvloop" in sys.argv:
        import uvloop

        uvloop.run(main(args[0], chosen))
    else:
        asyncio.run(main(args[0], chosen))
