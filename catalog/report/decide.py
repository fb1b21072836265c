"""What to do with the one tracking issue, given a merged report and the issues open now.

The whole decision table, so that the workflow only has to carry it out with ``gh``:

===========  ==============  =========================================
failing      open issues     action
===========  ==============  =========================================
none         none            ``none``
none         #N              ``close`` #N with a comment (``none`` if the
                             report is empty or was interrupted; ``update``
                             while a link fails but not on enough runs yet)
some         none            ``create`` a new issue
some         #N              ``update`` the body of #N
===========  ==============  =========================================

When several issues with the label are open (for example one opened by hand), the oldest (lowest
number) is the tracking issue and the others are listed in ``duplicates`` for the workflow to close.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from catalog.errors import DecisionError as DecisionError  # re-exported: its old home
from catalog.report.model import FAILING_STATUSES, Report, is_failing

Action = Literal["none", "create", "update", "close"]
# The tracking issue's title: stable, so that people can search for it.
TITLE = "Broken links in the catalog"


@dataclass(frozen=True)
class Decision:
    """The action, the issue it applies to, and the text the workflow passes to ``gh``."""

    action: Action
    issue: int | None
    failing: int
    checked: int
    duplicates: tuple[int, ...] = field(default=())
    comment: str = ""

    def to_dict(self) -> dict[str, object]:
        """Stable JSON keys, documented in the README."""
        return {
            "action": self.action,
            "issue": self.issue,
            "failing": self.failing,
            "checked": self.checked,
            "duplicates": list(self.duplicates),
            "comment": self.comment,
            "title": TITLE,
        }

    def github_output(self) -> str:
        """``key=value`` lines for ``$GITHUB_OUTPUT`` (every value is one line)."""
        pairs = {
            "action": self.action,
            "issue": "" if self.issue is None else str(self.issue),
            "failing": str(self.failing),
            "duplicates": " ".join(str(n) for n in self.duplicates),
            "comment": self.comment,
            "title": TITLE,
        }
        return "".join(f"{key}={value}\n" for key, value in pairs.items())


def parse_issue_numbers(values: Iterable[str]) -> list[int]:
    """Issue numbers from CLI values: ``12``, ``#12``, ``12,15``, ``12 15``; ``none``/empty: none.

    Accepting lists lets a workflow pass ``gh issue list ... --jq`` output straight through.
    """
    numbers: set[int] = set()
    for value in values:
        for token in value.replace(",", " ").split():
            token = token.removeprefix("#")
            if token.lower() in ("none", "null"):
                continue
            if not token.isdigit() or int(token) < 1:
                raise DecisionError(
                    f"'{token}' is not an issue number; pass a number such as 12, or 'none'"
                )
            numbers.add(int(token))
    return sorted(numbers)


def decide(report: Report, open_issues: Iterable[int], *, run_url: str | None = None) -> Decision:
    """Apply the decision table above."""
    issues = sorted(set(open_issues))
    tracking = issues[0] if issues else None
    duplicates = tuple(issues[1:])
    failing, checked = len(report.failing), len(report.results)
    if failing:
        action: Action = "update" if tracking is not None else "create"
        return Decision(action, tracking, failing, checked, duplicates)
    if tracking is None or checked == 0 or report.interrupted:
        # An empty or partial report proves nothing about the links it lacks: never close on it.
        return Decision("none", tracking, 0, checked, duplicates)
    if any(r["status"] in FAILING_STATUSES and not is_failing(r) for r in report.results):
        # A link broke again but has not failed on enough runs (--fail-after): closing now
        # would say all is well, and the next night would open a new issue for it.
        return Decision("update", tracking, 0, checked, duplicates)
    where = f" (run: {run_url})" if run_url else ""
    comment = f"All {checked} checked links pass again{where}. Closing."
    return Decision("close", tracking, 0, checked, duplicates, comment)
