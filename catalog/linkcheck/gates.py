"""Politeness per host: a concurrency limit, a minimum gap between requests, and pauses.

Every request (first hops, redirect hops, host-rule API calls) passes through the gate of the
host it goes to. A ``Retry-After`` pauses the whole host, not just the request that got it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class HostLimits:
    concurrency: int | None = None
    interval_ms: int | None = None


class HostGate:
    def __init__(self, concurrency: int, interval: float) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self.concurrency = concurrency
        self.interval = interval
        self._next_start = 0.0
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Hold every request to this host for ``seconds`` (a Retry-After)."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            while True:
                now = time.monotonic()
                start = max(self._next_start, self._paused_until)
                if start <= now:
                    break
                await asyncio.sleep(start - now)
            self._next_start = time.monotonic() + self.interval
            yield


def host_key(host: str) -> str:
    return host.lower().rstrip(".")


@functools.lru_cache(maxsize=65536)
def hostname(url: str) -> str:
    """The host of ``url`` as gates key it ("" when it has none); cached, it runs per request."""
    try:
        return host_key(urlsplit(url).hostname or "")
    except ValueError:
        return ""


class Gates:
    """The gates of every host, created on first use."""

    def __init__(
        self, per_host: int, interval_ms: int, overrides: Mapping[str, HostLimits] | None = None
    ) -> None:
        self.per_host, self.interval_ms = per_host, interval_ms
        self.overrides = {host_key(k): v for k, v in (overrides or {}).items()}
        self._gates: dict[str, HostGate] = {}

    def limits(self, host: str) -> tuple[int, int]:
        """Concurrency and interval (ms) for ``host``; an override for a parent domain applies."""
        key = host_key(host)
        parts = key.split(".")
        for i in range(len(parts)):
            override = self.overrides.get(".".join(parts[i:]))
            if override is not None:
                return (
                    override.concurrency or self.per_host,
                    self.interval_ms if override.interval_ms is None else override.interval_ms,
                )
        return self.per_host, self.interval_ms

    def get(self, host: str) -> HostGate:
        key = host_key(host)
        gate = self._gates.get(key)
        if gate is None:
            concurrency, interval_ms = self.limits(key)
            gate = self._gates[key] = HostGate(concurrency, interval_ms / 1000)
        return gate
