"""Host rules: site-specific checks for links a plain HTTP status gets wrong.

A rule says which URLs it handles (:meth:`HostRule.handles`), may carry politeness limits for
its hosts (:attr:`HostRule.limits`), and checks a URL with the shared
:class:`~catalog.linkcheck.fetch.Fetcher`, so every request it makes goes through the same
guard, gates and retries. Every endpoint a rule calls comes from :class:`Endpoints`, so tests
point them at local servers.

* :mod:`.youtube`: a deleted video still answers 200; ask oEmbed, then the thumbnail.
* :mod:`.arxiv`: arXiv asks robots to go slowly; one request at a time, a gap between them.
* :mod:`.github`: with a token, ask the REST API (which sends the token to the API only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import httpx

    from catalog.linkcheck.fetch import Fetcher
    from catalog.linkcheck.gates import HostLimits
    from catalog.linkcheck.results import Outcome


@dataclass(frozen=True)
class Endpoints:
    youtube_oembed: str = "https://www.youtube.com/oembed"
    youtube_thumbnail: str = "https://i.ytimg.com/vi/{id}/hqdefault.jpg"
    github_api: str = "https://api.github.com"


class HostRule(Protocol):
    @property
    def hosts(self) -> frozenset[str]:
        """Host names the rule may handle: a cheap first filter before :meth:`handles`."""
        ...

    @property
    def limits(self) -> Mapping[str, HostLimits]: ...

    def handles(self, url: httpx.URL) -> bool: ...

    async def check(self, url: str, fetcher: Fetcher) -> Outcome: ...


@dataclass(frozen=True)
class RuleSet:
    rules: Sequence[HostRule] = field(default_factory=tuple)

    def limits(self) -> dict[str, HostLimits]:
        merged: dict[str, HostLimits] = {}
        for rule in self.rules:
            merged.update(rule.limits)
        return merged

    def find(self, url: str) -> HostRule | None:
        from catalog.linkcheck.gates import hostname

        host = hostname(url)
        candidates = [rule for rule in self.rules if host in rule.hosts]
        if not candidates:  # the common case, decided without importing httpx's URL parser
            return None
        import httpx

        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL:
            return None
        return next((rule for rule in candidates if rule.handles(parsed)), None)


def default_rules(
    endpoints: Endpoints | None = None, *, github_token: str | None = None
) -> RuleSet:
    from catalog.linkcheck.hosts.arxiv import ArxivRule
    from catalog.linkcheck.hosts.github import GitHubRule
    from catalog.linkcheck.hosts.youtube import YouTubeRule

    endpoints = endpoints or Endpoints()
    rules: list[HostRule] = [YouTubeRule(endpoints), ArxivRule()]
    if github_token:
        rules.append(GitHubRule(endpoints, github_token))
    return RuleSet(tuple(rules))
