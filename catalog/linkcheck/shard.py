"""``--shard K/N``: split URLs by host, the same way on every machine.

A host's URLs all land in one shard, so per-host limits still hold when N CI jobs run at once;
the N shards together cover every URL exactly once. The hash is SHA-256 of the lower-cased host,
not Python's ``hash()``, which changes from one process to the next.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from catalog.linkcheck.errors import ShardError


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; raises :class:`ShardError` with a fix hint."""
    k, sep, n = text.partition("/")
    if sep and k.strip().isdigit() and n.strip().isdigit():
        index, count = int(k), int(n)
        if 1 <= index <= count:
            return index, count
    raise ShardError(f"shard '{text}' should be K/N with 1 <= K <= N, for example 1/4")


def shard_of(url: str, count: int) -> int:
    """The 1-based shard of ``url`` among ``count``."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    digest = hashlib.sha256(host.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(url: str, shard: tuple[int, int]) -> bool:
    index, count = shard
    return shard_of(url, count) == index
