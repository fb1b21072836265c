"""Reports of link-check runs, for GitHub: merge shards, write the issue, decide what to do.

The nightly workflow runs ``catalog check`` in N shards, then calls these through
``catalog report``; the YAML itself holds no logic::

    reports = read_reports(["report-1.json", "report-2.json"])
    merged = merge_reports(reports)
    body = render_issue_body(merged, Links(repo_url="https://github.com/o/r", ref=sha))
    decision = decide(merged, open_issues=[12])     # Decision(action="update", issue=12, ...)

Errors::

    ReportError       a report file is missing, not JSON, or not shaped like a check report
    DecisionError     an --open-issue value that is not an issue number (a ValueError)
"""

from __future__ import annotations

from catalog.report.decide import TITLE, Decision, DecisionError, decide, parse_issue_numbers
from catalog.report.markdown import Links, render_issue_body, render_summary
from catalog.report.model import (
    FAILING_STATUSES,
    STATUSES,
    Report,
    ReportError,
    is_failing,
    merge_reports,
    parse_report,
    read_reports,
)

__all__ = [
    "FAILING_STATUSES",
    "STATUSES",
    "TITLE",
    "Decision",
    "DecisionError",
    "Links",
    "Report",
    "ReportError",
    "decide",
    "is_failing",
    "merge_reports",
    "parse_issue_numbers",
    "parse_report",
    "read_reports",
    "render_issue_body",
    "render_summary",
]
