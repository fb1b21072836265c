"""arXiv: its robots policy asks for one request at a time with a pause between them.

The rule only sets host limits (overridable in the catalog's ``check.hosts``); the check itself
is the generic one, whose retries already honour arXiv's 429/503 ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from catalog.linkcheck.gates import HostLimits

if TYPE_CHECKING:
    import httpx

    from catalog.linkcheck.fetch import Fetcher
    from catalog.linkcheck.results import Outcome

ARXIV_HOSTS = ("arxiv.org", "export.arxiv.org")
ARXIV_LIMITS = HostLimits(concurrency=1, interval_ms=1000)


class ArxivRule:
    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(ARXIV_HOSTS) | {"www.arxiv.org"}

    @property
    def limits(self) -> Mapping[str, HostLimits]:
        return dict.fromkeys(ARXIV_HOSTS, ARXIV_LIMITS)

    def handles(self, url: httpx.URL) -> bool:
        return url.host.lower() in ARXIV_HOSTS or url.host.lower().endswith(".arxiv.org")

    async def check(self, url: str, fetcher: Fetcher) -> Outcome:
        return await fetcher.check(url)
