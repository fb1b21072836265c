"""Reports of a link check. Each format is a function ``(results, options) -> str``.

``table`` (for people: fitted to a width, or tab-separated), ``markdown``
(``GITHUB_STEP_SUMMARY``, issues), ``github`` (workflow annotations on the YAML line) and
``json`` (stable keys: see :mod:`.results`).
Results that are ``ok`` are counted but not listed.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from catalog.linkcheck.results import LinkResult, Status, describe, summary
from catalog.plaintext import Column, Role, fit, plain, plural, tsv

# Worst first: the order of groups in every report.
ORDER = (
    Status.BROKEN,
    Status.SOFT_404,
    Status.ERROR,
    Status.TIMEOUT,
    Status.RATE_LIMITED,
    Status.BLOCKED,
    Status.DRIFTED,
    Status.REDIRECTED,
    Status.SKIPPED,
    Status.OK,  # listed only when it carries warnings (a title unlike the catalog's)
)


@dataclass(frozen=True)
class ReportOptions:
    file: str = "resources.yaml"  # the catalog file, as annotations should name it
    width: int | None = None  # the table's width; None: tab-separated
    interrupted: bool = False
    total: int | None = None  # links there were to check (more than the results if interrupted)


def grouped(results: Sequence[LinkResult]) -> list[tuple[Status, list[LinkResult]]]:
    groups = []
    for status in ORDER:
        members = sorted(
            (r for r in results if r.status is status and (status is not Status.OK or r.warnings)),
            key=lambda r: (r.line or 0, r.id),
        )
        if members:
            groups.append((status, members))
    return groups


def _label(status: Status) -> str:
    return "ok, with warnings" if status is Status.OK else status.value


def _note(result: LinkResult) -> str:
    note = result.detail
    if result.on_notice and result.failing_since:
        since = f"failing since {result.failing_since[:10]}"
        note = f"{result.detail} (warning: {since}, {plural(result.consecutive_failures, 'run')})"
    return "; ".join([note, *result.warnings]) if result.warnings else note


def _headline(results: Sequence[LinkResult], options: ReportOptions) -> str:
    return describe(results, total=options.total, interrupted=options.interrupted)


# The columns of the table report. Ids and URLs are never cut; the detail wraps; on a narrow
# terminal the line number gives way.
TABLE_COLUMNS = (
    Column("status"),
    Column("line", drop=1, right=True),
    Column("id", Role.KEY),
    Column("url", Role.KEY),
    Column("detail", Role.TEXT),
)


def _rows(members: Sequence[LinkResult]) -> list[tuple[str, str, str, str, str]]:
    """Cells of the table report. The id cell holds the id alone, for copying and scripts; a
    problem that does not fail the run says so in its detail."""
    rows = []
    for r in members:
        note = _note(r)
        if r.warning and "(warning" not in note:
            note = f"{note} (warning)" if note else "warning"
        rows.append((r.status.value, str(r.line or ""), r.id, r.url, note))
    return rows


def render_table(results: Sequence[LinkResult], options: ReportOptions) -> str:
    """The problems, for people. In ``options.width`` columns: one table per status, worst
    first, fitted to the width. Without a width (a pipe, a file): one tab-separated table with
    a status column. Results that are ok are left out; the summary is :func:`describe`'s."""
    problems = [(status, _rows(members)) for status, members in grouped(results)]
    if options.width is None:
        rows = [row for _, group in problems for row in group]
        return tsv(TABLE_COLUMNS, rows) if rows else ""
    parts = []
    for status, group in problems:
        lines = fit(TABLE_COLUMNS[1:], [row[1:] for row in group], options.width)
        parts.append(f"{_label(status)} ({len(group)})\n" + plain(lines))
    return "\n".join(parts)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(results: Sequence[LinkResult], options: ReportOptions) -> str:
    lines = ["## Link check", "", _headline(results, options), ""]
    lines += ["| status | count |", "|---|---:|"]
    lines += [f"| {s} | {n} |" for s, n in summary(results).items()]
    for status, members in grouped(results):
        lines += ["", f"### {_label(status)} ({len(members)})", ""]
        lines += ["| id | line | url | detail |", "|---|---:|---|---|"]
        for r in members:
            lines.append(f"| {_md(r.id)} | {r.line or ''} | {_md(r.url)} | {_md(_note(r))} |")
    return "\n".join(lines) + "\n"


def render_github(results: Sequence[LinkResult], options: ReportOptions) -> str:
    """Workflow annotations: the renderer of ``catalog report annotations``, on these results
    as the JSON report holds them, so both say the same."""
    from catalog.report.annotations import render_annotations
    from catalog.report.model import Report

    ordered = sorted(results, key=lambda r: (r.line or 0, r.id))
    report = Report(tuple(r.as_dict() for r in ordered), interrupted=options.interrupted)
    return render_annotations(report, options.file, headline=_headline(results, options))


def render_json(results: Sequence[LinkResult], options: ReportOptions) -> str:
    """The JSON report: indented at the top, one result per line.

    One line per result keeps the file easy to grep and diff, and lets each result go through
    the C encoder (``indent`` switches json to its pure-Python encoder: 0.8 s at 20,000 links);
    encoding result by result also halves the report's peak memory (46 MB at 20,000, measured).
    """
    ordered = sorted(results, key=lambda r: (r.line or 0, r.id))
    head: dict[str, object] = {"summary": summary(ordered)}
    if options.interrupted:
        head["interrupted"] = True
    parts = ["{"]
    parts += [f'  "{key}": {json.dumps(value, ensure_ascii=False)},' for key, value in head.items()]
    items = [json.dumps(r.as_dict(), ensure_ascii=False) for r in ordered]
    parts.append('  "results": [' + ("\n    " + ",\n    ".join(items) + "\n  ]" if items else "]"))
    parts.append("}")
    return "\n".join(parts) + "\n"


class ReportFormat(str, enum.Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"

    def renderer(self) -> Callable[[Sequence[LinkResult], ReportOptions], str]:
        return _RENDERERS[self]


_RENDERERS: dict[ReportFormat, Callable[[Sequence[LinkResult], ReportOptions], str]] = {
    ReportFormat.TABLE: render_table,
    ReportFormat.JSON: render_json,
    ReportFormat.MARKDOWN: render_markdown,
    ReportFormat.GITHUB: render_github,
}
