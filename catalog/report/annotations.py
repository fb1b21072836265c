"""GitHub workflow annotations from a JSON report.

The nightly shards run ``catalog check --format json --output FILE`` (the JSON is what gets
merged), so the annotations on the catalog's lines come from the report afterwards. Failing
links are errors; other problems (a first failure, a site refusing robots) are warnings.
"""

from __future__ import annotations

from catalog.plaintext import plural
from catalog.report.markdown import groups
from catalog.report.model import Report, is_failing
from catalog.workflow_commands import escape_data, escape_property

_QUIET = frozenset({"ok", "redirected", "skipped"})


def render_annotations(report: Report, catalog_path: str = "resources.yaml") -> str:
    """``::error``/``::warning`` lines, worst status first, then one summary line."""
    lines = []
    for status, results in groups([r for r in report.results if r["status"] not in _QUIET]).items():
        for r in results:
            level = "error" if is_failing(r) else "warning"
            where = f"file={escape_property(catalog_path)}"
            line = r.get("line")
            if isinstance(line, int) and not isinstance(line, bool) and line > 0:
                where += f",line={line}"
            title = escape_property(f"{status}: {r['id']}")
            message = f"{r['url']}: {r.get('detail') or status}"
            lines.append(f"::{level} {where},title={title}::{escape_data(message)}")
    counts = ", ".join(f"{n} {s}" for s, n in report.summary.items()) or "nothing checked"
    links = plural(len(report.results), "link")
    lines.append(f"{links}: {counts}; {len(report.failing)} failing")
    return "\n".join(lines) + "\n"
