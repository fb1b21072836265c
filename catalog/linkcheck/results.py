"""Result types of a link check and their stable JSON shape.

JSON (documented in docs/json.md; ``catalog report`` and ``catalog fix`` read it)::

    {"summary": {status: count},
     "results": [{"id", "url", "status", "code", "final_url", "detail", "line", "elapsed_ms",
                  "failing", "consecutive_failures", "failing_since", "cached",
                  "title", "previous_title", "warnings"}]}
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from catalog.linkcheck.content import Fingerprint


class Status(str, enum.Enum):
    """The classification of one link; the values are the JSON ``status`` words."""

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    BLOCKED = "blocked"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    ERROR = "error"
    SOFT_404 = "soft_404"
    DRIFTED = "drifted"
    SKIPPED = "skipped"

    @property
    def is_problem(self) -> bool:
        """Counts as a failed run for the cache's failure history (``--fail-after``).

        ``drifted`` does not: a page that changed is not a failing link, and the stored
        fingerprint stays the old one until the curator acts, so it is reported every run.
        """
        return self not in (Status.OK, Status.REDIRECTED, Status.SKIPPED, Status.DRIFTED)

    @property
    def needs_attention(self) -> bool:
        """Shown in reports as something to look at: every problem, and a drifted page."""
        return self.is_problem or self is Status.DRIFTED


# The statuses that fail a run unless --fail-on says otherwise: defined here once, read by the
# checker and by ``catalog report``.
DEFAULT_FAIL_ON: frozenset[Status] = frozenset({Status.BROKEN, Status.ERROR, Status.SOFT_404})


@dataclass(frozen=True, slots=True)
class Outcome:
    """What fetching one URL gave, before it is attached to a resource."""

    status: Status
    code: int | None = None
    final_url: str | None = None
    detail: str = ""
    elapsed_ms: int = 0
    chain: tuple[str, ...] = ()
    cached: bool = False
    title: str | None = None  # the page's title, when its content was read
    previous_title: str | None = None  # for drifted: the title of the last ok answer
    warnings: tuple[str, ...] = ()
    fingerprint: Fingerprint | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Target:
    """One resource's link to check."""

    id: str
    url: str
    line: int | None = None
    skip_reason: str | None = None
    accept: frozenset[int] = frozenset()
    title: str | None = None  # the catalog's title, compared with the page's on a first check
    content: bool = True  # False: status codes only for this resource (check.content: false)
    reviewed_title: str | None = None  # check.review.title: a drift the curator accepted


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The result for one resource."""

    id: str
    url: str
    status: Status
    code: int | None = None
    final_url: str | None = None
    detail: str = ""
    line: int | None = None
    elapsed_ms: int = 0
    consecutive_failures: int = 0
    failing_since: str | None = None
    failing: bool = False
    cached: bool = False
    chain: tuple[str, ...] = field(default=(), compare=False)
    # A failing status that has not failed for --fail-after runs yet: warned about, "failing
    # since DATE".
    on_notice: bool = field(default=False, compare=False)
    title: str | None = None
    previous_title: str | None = None
    warnings: tuple[str, ...] = ()

    def judged(self, fail_on: Iterable[Status], fail_after: int) -> LinkResult:
        """This result with ``failing`` set: a failing status for ``fail_after`` runs in a row."""
        watched = self.status in set(fail_on)
        failing = watched and (
            self.status is Status.DRIFTED or max(self.consecutive_failures, 1) >= fail_after
        )
        return replace(self, failing=failing, on_notice=watched and not failing)

    @property
    def warning(self) -> bool:
        """Something to look at that does not fail the run (yet)."""
        return self.status.needs_attention and not self.failing

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "status": self.status.value,
            "code": self.code,
            "final_url": self.final_url,
            "detail": self.detail,
            "line": self.line,
            "elapsed_ms": self.elapsed_ms,
            "failing": self.failing,
            "consecutive_failures": self.consecutive_failures,
            "failing_since": self.failing_since,
            "cached": self.cached,
            "title": self.title,
            "previous_title": self.previous_title,
            "warnings": list(self.warnings),
        }


def summary(results: Sequence[LinkResult]) -> dict[str, int]:
    """Count per status, in the order of :class:`Status`, statuses with no result left out."""
    counts = Counter(r.status for r in results)
    return {s.value: counts[s] for s in Status if counts[s]}


def as_json_data(results: Sequence[LinkResult]) -> dict[str, Any]:
    ordered = sorted(results, key=lambda r: (r.line or 0, r.id))
    return {"summary": summary(ordered), "results": [r.as_dict() for r in ordered]}


def describe(
    results: Sequence[LinkResult], *, total: int | None = None, interrupted: bool = False
) -> str:
    """The one-line summary of a check, for people.

    ``9 links: 8 ok, 1 broken; 1 failing``, or when interrupted
    ``interrupted after 1 of 9 links (8 not checked): 1 broken; 1 failing``.
    """
    from catalog.plaintext import plural

    counts = ", ".join(f"{n} {s}" for s, n in summary(results).items()) or "nothing checked"
    failing = sum(r.failing for r in results)
    done = len(results)
    if interrupted:
        whole = max(total if total is not None else done, done)
        where = f"interrupted after {done} of {plural(whole, 'link')} ({whole - done} not checked)"
        return f"{where}: {counts}; {failing} failing"
    return f"{plural(done, 'link')}: {counts}; {failing} failing"
