"""Markdown for GitHub: the tracking issue's body and the job summary of a check run.

Both are pure functions of a :class:`~catalog.report.model.Report` and a :class:`Links`; the same
report always gives the same text (no clock, no randomness), so an unchanged nightly run leaves
the issue unchanged. Text from the network (``detail``) goes into code spans, so a server's
error page cannot inject Markdown or @-mention anyone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from catalog.report.model import STATUSES, Report, is_failing

MARKER = "<!-- catalog-link-report -->"
# GitHub refuses issue bodies over 65,536 characters; keep a margin for the truncation note.
MAX_ISSUE_CHARS = 60_000
_GROUP_ORDER = ("broken", "error", "timeout", *STATUSES)
_FIX_HINT = (
    "To fix an entry: correct its `url`, add an `archived_url`, or, if the link only fails for "
    "robots, add `check: {skip: true, reason: ...}` to it. Run `catalog check` locally to confirm."
)


@dataclass(frozen=True)
class Links:
    """Where links in the Markdown point: entries at ``REPO/blob/REF/PATH#L<line>``."""

    catalog_path: str = "resources.yaml"
    repo_url: str | None = None
    ref: str = "HEAD"
    run_url: str | None = None

    def entry(self, result: Mapping[str, Any]) -> str:
        rid = f"`{_code(result['id'])}`"
        line = result.get("line")
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            return rid
        if self.repo_url is None:
            return f"{rid} ({_cell(self.catalog_path)}:{line})"
        target = f"{self.repo_url.rstrip('/')}/blob/{self.ref}/{self.catalog_path}#L{line}"
        return f"[{rid}]({_href(target)})"


def render_issue_body(report: Report, links: Links, *, max_chars: int = MAX_ISSUE_CHARS) -> str:
    """The tracking issue's body: what fails, grouped by status, each row linking its line."""
    failing = report.failing
    head = [
        MARKER,
        *_partial(report),
        f"**{_count(len(failing), 'link')} failing** in `{_code(links.catalog_path)}` "
        f"({_count(len(report.results), 'link')} checked"
        + (f" in {report.sources} shards" if report.sources > 1 else "")
        + ").",
        "",
        "The nightly link check keeps this issue up to date and closes it when every link "
        "passes again; edits to this body are overwritten.",
    ]
    return _fit(head, report, links, max_chars)


def render_summary(report: Report, links: Links) -> str:
    """A job summary for ``$GITHUB_STEP_SUMMARY``: counts, then the same tables as the issue."""
    failing = report.failing
    if not report.results:
        verdict = "No links were checked."
    elif failing:
        verdict = f"**{_count(len(failing), 'link')} failing** of {len(report.results)} checked."
    elif len(report.results) == 1:
        verdict = "The one checked link passes."
    else:
        verdict = f"All {len(report.results)} checked links pass."
    head = ["## Link check", "", *_partial(report), verdict]
    return _fit(head, report, links, MAX_ISSUE_CHARS * 16)


def _partial(report: Report) -> list[str]:
    if not report.interrupted:
        return []
    return [
        "**Partial report:** a check run was interrupted; links it did not reach are missing.",
        "",
    ]


def _fit(head: list[str], report: Report, links: Links, max_chars: int) -> str:
    # Shrink the rows shown per group until the text fits; what is cut is counted, not lost.
    limit: int | None = None
    while True:
        text = "\n".join([*head, *_body(report, links, limit)]) + "\n"
        if len(text) <= max_chars or limit == 0:
            return text
        longest = max((len(g) for g in groups(report.results).values()), default=0)
        limit = (longest if limit is None else limit) // 2


def _body(report: Report, links: Links, limit: int | None) -> list[str]:
    lines: list[str] = []
    counts = {status: n for status, n in report.summary.items() if n}
    if counts:
        lines += ["", "| Status | Links |", "|---|---:|"]
        lines += [f"| {_cell(status)} | {n} |" for status, n in counts.items()]
    failing = [r for r in report.results if is_failing(r)]
    for status, rows in groups(failing).items():
        lines += ["", f"### {status} ({len(rows)})", ""]
        lines += _table(rows, links, limit)
    watching = [
        r
        for r in report.results
        if not is_failing(r) and r["status"] not in ("ok", "redirected", "skipped")
    ]
    if watching:
        lines += [
            "",
            "<details><summary>Watching: "
            f"{_count(len(watching), 'link')} with a problem that is not reported yet</summary>",
            "",
            "Either a first failure (a link is reported after failing on consecutive runs) or a "
            "site that refuses robots (blocked, rate limited).",
            "",
            *_table(watching, links, limit, with_status=True),
            "",
            "</details>",
        ]
    if failing:
        lines += ["", _FIX_HINT]
    if links.run_url:
        lines += ["", f"Run: {_url(links.run_url)}"]
    return lines


def groups(results: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Results by status, worst status first (broken, error, timeout, then the rest)."""
    by_status: dict[str, list[Mapping[str, Any]]] = {}
    for result in results:
        by_status.setdefault(result["status"], []).append(result)
    order = {s: i for i, s in reversed(list(enumerate(_GROUP_ORDER)))}
    return dict(sorted(by_status.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def _table(
    rows: Sequence[Mapping[str, Any]], links: Links, limit: int | None, *, with_status: bool = False
) -> list[str]:
    header = (
        "| Entry | URL |"
        + (" Status |" if with_status else "")
        + " HTTP | Failing since | Detail |"
    )
    out = [header, "|" + "---|" * header.count(" |")]
    shown = rows if limit is None else rows[:limit]
    for r in shown:
        status = f" {_cell(r['status'])} |" if with_status else ""
        out.append(
            f"| {links.entry(r)} | {_url(r['url'])} |{status} {_http(r)} | {_since(r)} | "
            f"{_detail(r)} |"
        )
    if len(shown) < len(rows):
        out += ["", f"… and {len(rows) - len(shown)} more; see the JSON report of the run."]
    return out


def _http(result: Mapping[str, Any]) -> str:
    code = result.get("code")
    return str(code) if isinstance(code, int) and not isinstance(code, bool) else ""


def _since(result: Mapping[str, Any]) -> str:
    since = result.get("failing_since")
    runs = result.get("consecutive_failures")
    text = _cell(str(since)) if since else ""
    if isinstance(runs, int) and not isinstance(runs, bool) and runs > 0:
        text += f" ({_count(runs, 'run')})" if text else _count(runs, "run")
    return text


def _detail(result: Mapping[str, Any]) -> str:
    parts = [str(result["detail"])] if result.get("detail") else []
    final = result.get("final_url")
    if isinstance(final, str) and final and final != result["url"]:
        parts.append(f"→ {final}")
    return f"`{_code('; '.join(parts))}`" if parts else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cell(text: str) -> str:
    """Text safe inside a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """Text for a code span inside a table cell (backticks cannot be escaped in one)."""
    return _cell(text.replace("`", "'"))[:300]


def _escape_chars(url: str, chars: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in chars else c for c in url.strip())


def _href(url: str) -> str:
    """A ``[text](target)``: no spaces, angle brackets or parentheses; no pipe (ends the cell)."""
    return _escape_chars(url, ' <>()|"`')


def _url(url: str) -> str:
    """An autolink ``<url>``, shown as it is apart from what would break it."""
    return f"<{_escape_chars(url, ' <>|')}>"
