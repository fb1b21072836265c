"""GitHub repositories through the REST API, when a token is given.

The page of a repository answers 429 to robots quickly; the API with a token allows 5,000
requests an hour. The token is sent only to the configured API base (``api.github.com``), and
never on a redirect hop (:meth:`Fetcher.follow` drops caller headers there). A renamed
repository answers 301; the rule follows it without the token and suggests the new URL.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from catalog.linkcheck.fetch import Failure, outcome_of
from catalog.linkcheck.results import Outcome, Status

if TYPE_CHECKING:
    import httpx

    from catalog.linkcheck.fetch import Fetcher
    from catalog.linkcheck.gates import HostLimits
    from catalog.linkcheck.hosts import Endpoints

_RESERVED = {"orgs", "topics", "features", "settings", "marketplace", "about", "sponsors"}


def repo_of(url: httpx.URL) -> tuple[str, str] | None:
    if url.host.lower() not in ("github.com", "www.github.com"):
        return None
    parts = [p for p in url.path.split("/") if p]
    # Only a repository's own page: the API cannot vouch for a file or a branch inside it,
    # so deeper links get the generic check.
    if len(parts) != 2 or parts[0].lower() in _RESERVED or url.query:
        return None
    return parts[0], parts[1].removesuffix(".git")


class GitHubRule:
    def __init__(self, endpoints: Endpoints, token: str) -> None:
        self.endpoints, self._token = endpoints, token

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({"github.com", "www.github.com"})

    @property
    def limits(self) -> Mapping[str, HostLimits]:
        return {}

    def handles(self, url: httpx.URL) -> bool:
        return repo_of(url) is not None

    async def check(self, url: str, fetcher: Fetcher) -> Outcome:
        import httpx  # RuleSet.find has imported it to call handles()

        started = time.monotonic()
        repo = repo_of(httpx.URL(url))
        if repo is None:  # pragma: no cover - handles() said otherwise
            return await fetcher.check(url)
        api = f"{self.endpoints.github_api.rstrip('/')}/repos/{repo[0]}/{repo[1]}"
        headers = {
            "Authorization": f"Bearer {self._token}",
            "Accept": "application/vnd.github+json",
        }
        try:
            reply = await fetcher.fetch("GET", api, headers=headers, read=256_000)
        except Failure as failure:
            return Outcome(failure.status, detail=f"GitHub API: {failure.detail}")
        elapsed = round((time.monotonic() - started) * 1000)
        if reply.code in (403, 429) and reply.headers.get("x-ratelimit-remaining") == "0":
            return Outcome(Status.RATE_LIMITED, reply.code, None, "GitHub API rate limit", elapsed)
        if reply.code == 404:
            return Outcome(
                Status.BROKEN, 404, None, "repository not found (GitHub API 404)", elapsed
            )
        if not 200 <= reply.code < 300:
            found = outcome_of(reply, started)
            return Outcome(found.status, found.code, None, f"GitHub API: {found.detail}", elapsed)
        html_url = _html_url(reply.body)
        same = html_url is None or html_url.lower().rstrip("/") == _repo_root(url).lower()
        if len(reply.chain) > 1 and not same:
            return Outcome(
                Status.REDIRECTED,
                reply.code,
                html_url,
                f"repository moved; update the URL to {html_url}",
                elapsed,
            )
        return Outcome(Status.OK, reply.code, None, "repository exists (GitHub API)", elapsed)


def _repo_root(url: str) -> str:
    import httpx

    parsed = httpx.URL(url)
    parts = [p for p in parsed.path.split("/") if p]
    return f"https://github.com/{parts[0]}/{parts[1].removesuffix('.git')}"


def _html_url(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: '[' nested deep
        return None
    value = data.get("html_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
