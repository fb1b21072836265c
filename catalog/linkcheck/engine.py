"""The engine: check many links concurrently and yield one result per resource.

    async for result in check_links(targets, CheckOptions(...)):
        ...                     # the caller renders; the library never prints

Every distinct URL is fetched once, however many resources list it. Work is split into one
small pool of workers per host (at most that host's concurrency), all sharing a global limit,
so a slow host never holds back the others and the number of tasks stays small at 20,000 URLs.
Closing the iterator (or cancelling its consumer, as Ctrl-C does) cancels the workers at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from catalog.linkcheck.cache import Cache
from catalog.linkcheck.content import Fingerprint, drifted, titles_resemble
from catalog.linkcheck.fetch import FetchConfig, Fetcher
from catalog.linkcheck.gates import Gates, HostLimits, hostname
from catalog.linkcheck.guard import NetworkGuard
from catalog.linkcheck.hosts import Endpoints, RuleSet, default_rules
from catalog.linkcheck.results import DEFAULT_FAIL_ON, LinkResult, Outcome, Status, Target
from catalog.linkcheck.soft404 import cancel_probes
from catalog.linkcheck.transport import make_client

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class CheckOptions:
    concurrency: int = 64
    per_host: int = 4
    interval_ms: int = 0
    timeout: float = 20.0
    retries: int = 2
    retry_after_cap: float = 60.0
    backoff: float = 0.5
    allow_networks: Sequence[str] = ()
    host_limits: Mapping[str, HostLimits] = field(default_factory=dict)
    host_accept: Mapping[str, frozenset[int]] = field(default_factory=dict)
    accept: frozenset[int] = frozenset()
    max_age: dt.timedelta = dt.timedelta(days=1)
    fail_on: frozenset[Status] = DEFAULT_FAIL_ON
    fail_after: int = 1
    # Read HTML pages: soft 404s, parking pages, drift (docs/checking.md); off: status codes.
    content: bool = True
    github_token: str | None = None
    endpoints: Endpoints = field(default_factory=Endpoints)
    # Test and benchmark hooks: a fixed DNS table and a trust store. The guard still checks
    # every address either way.
    hosts: Mapping[str, str] | None = None
    ssl_context: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        """Refuse values that would hang the run or make no sense (the CLI's ranges)."""
        from catalog.errors import CheckOptionsError

        at_least = {"concurrency": 1, "per_host": 1, "fail_after": 1, "interval_ms": 0}
        at_least |= {"retries": 0, "retry_after_cap": 0, "backoff": 0}
        for name, low in at_least.items():
            if getattr(self, name) < low:
                raise CheckOptionsError(
                    f"CheckOptions.{name} is {getattr(self, name)!r}; it must be at least {low}"
                )
        if not self.timeout > 0:
            raise CheckOptionsError(f"CheckOptions.timeout is {self.timeout!r}; it must be > 0")


_host = hostname


async def check_links(
    targets: Sequence[Target],
    options: CheckOptions | None = None,
    *,
    cache: Cache | None = None,
    rules: RuleSet | None = None,
    _transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[LinkResult]:
    """Check ``targets``; yield a :class:`LinkResult` per target as soon as it is known.

    ``_transport`` is a private test hook (``httpx.MockTransport``), not part of the API.
    """
    options = options or CheckOptions()
    rules = rules or default_rules(options.endpoints, github_token=options.github_token)
    by_url: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        if target.skip_reason is not None:
            yield _result(target, Outcome(Status.SKIPPED, detail=target.skip_reason), options)
        else:
            by_url[target.url].append(target)

    pending: dict[str, deque[str]] = defaultdict(deque)
    for url in by_url:
        entry = cache.fresh(url, options.max_age) if cache is not None else None
        if entry is not None:
            outcome = Outcome(
                Status(entry.status),
                entry.code,
                entry.final_url,
                entry.detail,
                cached=True,
            )
            for target in by_url[url]:
                yield _result(target, outcome, options)
        else:
            pending[_host(url)].append(url)
    if not pending:
        return

    limits = {**rules.limits(), **options.host_limits}
    gates = Gates(options.per_host, options.interval_ms, limits)
    config = FetchConfig(options.timeout, options.retries, options.retry_after_cap, options.backoff)
    guard = NetworkGuard.from_strings(options.allow_networks)
    # Each finished URL puts its results; a worker that crashed puts its exception, so that a
    # bug surfaces in the caller instead of leaving it waiting forever.
    queue: asyncio.Queue[list[LinkResult] | BaseException] = asyncio.Queue()
    # The global limit; not needed (None) when the per-host workers are fewer than it.
    budget: asyncio.Semaphore | None = None

    async with make_client(
        guard,
        limit=options.concurrency,
        timeout=options.timeout,
        hosts=options.hosts,
        ssl_context=options.ssl_context,
        transport=_transport,
    ) as client:
        fetcher = Fetcher(client, gates, config, content=options.content)

        async def check(url: str) -> Outcome:
            # check.content: false on any resource with this URL keeps it to status codes.
            wanted = options.content and all(t.content for t in by_url[url])
            chosen = fetcher.variant(content=wanted)
            rule = rules.find(url)
            outcome = await (rule.check(url, chosen) if rule else chosen.check(url))
            if outcome.fingerprint is not None:
                previous = cache.fingerprint(url) if cache is not None else None
                outcome = _against_history(outcome, previous, by_url[url])
            return outcome

        async def worker(urls: deque[str]) -> None:
            try:
                while urls:
                    url = urls.popleft()
                    if budget is None:
                        outcome = await check(url)
                    else:
                        async with budget:
                            outcome = await check(url)
                    # Without a cache the history is this run alone.
                    streak: tuple[int, str | None] = (1, None)
                    if cache is not None:
                        entry = cache.record(url, outcome)
                        streak = (entry.consecutive_failures, entry.failing_since)
                    queue.put_nowait([_result(t, outcome, options, streak) for t in by_url[url]])
            except Exception as exc:  # a bug, not a link problem: fetch classifies those
                queue.put_nowait(exc)

        counts = [
            (urls, min(len(urls), gates.limits(host)[0] if host else 1))
            for host, urls in pending.items()
        ]
        if sum(n for _, n in counts) > options.concurrency:
            budget = asyncio.Semaphore(options.concurrency)
        workers = [asyncio.create_task(worker(urls)) for urls, n in counts for _ in range(n)]
        remaining = sum(len(urls) for urls in pending.values())
        try:
            while remaining:
                batch = await queue.get()
                if isinstance(batch, BaseException):
                    raise batch
                remaining -= 1
                for result in batch:
                    yield result
        finally:
            for task in workers:
                task.cancel()
            cancel_probes(fetcher)
            await asyncio.gather(*workers, *fetcher.probes.values(), return_exceptions=True)


def _against_history(
    outcome: Outcome, previous: Fingerprint | None, targets: Sequence[Target]
) -> Outcome:
    """Drift: the page no longer resembles its last ``ok`` answer (title and text both moved),
    unless the curator acted on the change (:func:`_curator_acted`). A first check (no history yet)
    compares the page's title with the catalog's instead."""
    new = outcome.fingerprint
    if new is None or outcome.status is not Status.OK:
        return outcome
    if previous is None:
        return replace(outcome, warnings=_title_warnings(new.title, targets))
    if not drifted(previous, new):
        return outcome
    if any(_curator_acted(t, previous, new) for t in targets):
        return outcome  # the curator accepted this page: it becomes the new reference
    return replace(
        outcome,
        status=Status.DRIFTED,
        previous_title=previous.title,
        detail=(
            f"HTTP {outcome.code}, but the page changed: title was '{previous.title}', "
            f"now '{new.title}'"
        ),
    )


def _curator_acted(target: Target, previous: Fingerprint, new: Fingerprint) -> bool:
    """Whether the curator has acted on this change: ``check.review`` names the new title, or
    the entry was edited to describe the new page (its title resembles the new page's and not
    the old one's)."""
    if target.reviewed_title and titles_resemble(target.reviewed_title, new.title):
        return True
    return bool(
        target.title
        and titles_resemble(target.title, new.title)
        and not titles_resemble(target.title, previous.title)
    )


def _title_warnings(title: str, targets: Sequence[Target]) -> tuple[str, ...]:
    if not title:
        return ()
    unlike = [t for t in targets if t.title and not titles_resemble(t.title, title)]
    return tuple(f"the page's title '{title}' is unlike the catalog's '{t.title}'" for t in unlike)


def _host_accept(host: str, table: Mapping[str, frozenset[int]]) -> frozenset[int]:
    """Statuses accepted for ``host`` by ``check.hosts``; a parent domain's entry applies."""
    parts = host.split(".")
    for i in range(len(parts)):
        found = table.get(".".join(parts[i:]))
        if found is not None:
            return found
    return frozenset()


def _result(
    target: Target,
    outcome: Outcome,
    options: CheckOptions,
    streak: tuple[int, str | None] = (0, None),
) -> LinkResult:
    status, detail, code = outcome.status, outcome.detail, outcome.code
    problem = status.is_problem
    if problem and code is not None and _accepted(code, target, options):
        status, detail, problem = Status.OK, f"HTTP {code} accepted by check.accept", False
    # Built in one go rather than through LinkResult.judged: this runs once per link.
    watched = status in options.fail_on
    # drifted builds no streak (the old fingerprint is kept, so it is reported every run):
    # when --fail-on names it, it fails at once.
    failing = watched and (status is Status.DRIFTED or max(streak[0], 1) >= options.fail_after)
    return LinkResult(
        id=target.id,
        url=target.url,
        status=status,
        code=code,
        final_url=outcome.final_url,
        detail=detail,
        line=target.line,
        elapsed_ms=outcome.elapsed_ms,
        consecutive_failures=streak[0] if problem else 0,
        failing_since=streak[1] if problem else None,
        failing=failing,
        cached=outcome.cached,
        chain=outcome.chain,
        on_notice=watched and not failing,
        title=outcome.title,
        previous_title=outcome.previous_title,
        warnings=outcome.warnings,
    )


def _accepted(code: int, target: Target, options: CheckOptions) -> bool:
    return (
        code in target.accept
        or code in options.accept
        or code in _host_accept(_host(target.url), options.host_accept)
    )
