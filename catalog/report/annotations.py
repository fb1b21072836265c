"""GitHub workflow annotations: the one renderer, for ``catalog check --format github`` and for
``catalog report annotations`` on a JSON report.

The nightly shards run ``catalog check --format json --output FILE`` (the JSON is what gets
merged), so the annotations on the catalog's lines come from the report afterwards; a check
run with ``--format github`` goes through the same function, on its results as JSON. Failing
links are errors; every other result worth a look is a warning: a failure that has not failed
for ``--fail-after`` runs yet, a permanent redirect, a drifted page, a page whose title is
unlike the catalog's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from catalog.plaintext import plural
from catalog.report.markdown import groups
from catalog.report.model import Report, is_failing
from catalog.workflow_commands import escape_data, escape_property


def render_annotations(
    report: Report, catalog_path: str = "resources.yaml", *, headline: str | None = None
) -> str:
    """``::error``/``::warning`` lines, worst status first, then one summary line
    (``headline``, or the report's counts)."""
    lines = []
    for status, results in groups([r for r in report.results if _worth_a_look(r)]).items():
        for r in results:
            level = "error" if is_failing(r) else "warning"
            where = f"file={escape_property(catalog_path)}"
            line = r.get("line")
            if isinstance(line, int) and not isinstance(line, bool) and line > 0:
                where += f",line={line}"
            title = escape_property(f"{status}: {r['id']}")
            lines.append(f"::{level} {where},title={title}::{escape_data(_message(r))}")
    if headline is None:
        counts = ", ".join(f"{n} {s}" for s, n in report.summary.items()) or "nothing checked"
        links = plural(len(report.results), "link")
        headline = f"{links}: {counts}; {len(report.failing)} failing"
    lines.append(headline)
    return "\n".join(lines) + "\n"


def _worth_a_look(result: Mapping[str, Any]) -> bool:
    status = result["status"]
    if status == "skipped":
        return False
    return status != "ok" or bool(result.get("warnings"))


def _message(result: Mapping[str, Any]) -> str:
    """The URL, what happened, how long it has been failing if it does not fail yet, and the
    result's warnings."""
    note = str(result.get("detail") or result["status"])
    since, runs = result.get("failing_since"), result.get("consecutive_failures")
    if since and isinstance(runs, int) and not is_failing(result):
        note += f" (warning: failing since {str(since)[:10]}, {plural(runs, 'run')})"
    warnings = result.get("warnings")
    if isinstance(warnings, list) and warnings:
        note = "; ".join([note, *map(str, warnings)])
    return f"{result['url']}: {note}"
