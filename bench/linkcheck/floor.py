"""The floor of this machine: bare aiohttp HEAD requests, same URLs and limits, no checker.

    python bench/linkcheck/floor.py CATALOG.yaml

Prints ``{"floor_s", "floor_cpu_s"}``: how fast the local server can answer at all, so the
check phase can be judged against what this machine allows as well as against the ideal.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import aiohttp


async def main(path: str) -> None:
    urls = re.findall(r"url: (\S+)", Path(path).read_text(encoding="utf-8"))
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[url.split("/")[2]].append(url)
    wall, cpu = time.perf_counter(), time.process_time()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=128)) as session:

        async def worker(queue: list[str]) -> None:
            while queue:
                async with session.head(queue.pop()) as response:
                    assert response.status == 200

        await asyncio.gather(*(worker(q) for q in by_host.values() for _ in range(16)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"floor_s": wall, "floor_cpu_s": cpu}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
