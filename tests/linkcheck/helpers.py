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
    # Status-code checks (HEAD, then GET) unless a test asks for content checks: most tests pin
    # the exact requests of the request logic; test_content.py turns content on.
    options.setdefault("content", False)

    transport = options.pop("transport", None)  # the private test hook, not an option

    async def collect() -> dict[str, LinkResult]:
        results = check_links(items, CheckOptions(**options), cache=cache, _transport=transport)
        return {r.id: r async for r in results}

    return asyncio.run(collect())
