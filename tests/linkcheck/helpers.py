from __future__ import annotations

import asyncio
from typing import Any

from catalog.linkcheck import Cache, CheckOptions, LinkResult, Target, check_links

LOOPBACK = ("127.0.0.0/8",)


def run(
    targets: list[Target] | list[str], *, cache: Cache | None = None, **options: Any
) -> dict[str, LinkResult]:
    """Check targets (or bare URLs, whose id is the URL) and return results by id."""
    items = [Target(t, t) if isinstance(t, str) else t for t in targets]
    options.setdefault("allow_networks", LOOPBACK)
    options.setdefault("backoff", 0.01)
    options.setdefault("timeout", 5.0)

    async def collect() -> dict[str, LinkResult]:
        return {r.id: r async for r in check_links(items, CheckOptions(**options), cache=cache)}

    return asyncio.run(collect())
