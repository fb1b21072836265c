"""The tracking-issue decision table (`catalog.report.decide`)."""

from __future__ import annotations

import json

import pytest

from catalog.report import DecisionError, Report, decide, parse_issue_numbers, parse_report


def report(*statuses: tuple[str, bool]) -> Report:
    results = [
        {"id": f"r{i}", "url": f"https://example.org/{i}", "status": s, "failing": f}
        for i, (s, f) in enumerate(statuses)
    ]
    return parse_report(json.dumps({"results": results}), "r.json")


FAILING = report(("ok", False), ("broken", True))
PASSING = report(("ok", False), ("redirected", False), ("rate_limited", False))
# A link broken on its first night under --fail-after 2: not failing, not passing either.
PENDING = report(("ok", False), ("broken", False), ("rate_limited", False))


@pytest.mark.parametrize(
    ("rep", "open_issues", "action", "issue"),
    [
        (PASSING, [], "none", None),
        (PASSING, [12], "close", 12),
        (FAILING, [], "create", None),
        (FAILING, [12], "update", 12),
    ],
)
def test_decision_table(
    rep: Report, open_issues: list[int], action: str, issue: int | None
) -> None:
    decision = decide(rep, open_issues)
    assert (decision.action, decision.issue) == (action, issue)
    assert decision.duplicates == ()
    assert decision.checked == (3 if rep is PASSING else 2)


def test_a_link_that_fails_but_not_yet_for_long_enough_keeps_the_issue_open() -> None:
    """Closing with "all links pass again" would be false, and the next night would open a
    new issue for the same link: the open issue is updated instead (its body lists the link
    under Watching). With no issue open, nothing is opened for it yet."""
    decision = decide(PENDING, [12])
    assert (decision.action, decision.issue, decision.failing) == ("update", 12, 0)
    assert decision.comment == ""
    assert decide(PENDING, []).action == "none"


def test_close_carries_a_comment_with_the_run() -> None:
    decision = decide(PASSING, [5], run_url="https://github.com/o/r/actions/runs/1")
    assert decision.comment == (
        "All 3 checked links pass again (run: https://github.com/o/r/actions/runs/1). Closing."
    )
    assert decide(FAILING, [5]).comment == ""


def test_oldest_open_issue_is_tracked_and_the_others_are_duplicates() -> None:
    decision = decide(FAILING, [31, 7, 19, 7])
    assert (decision.action, decision.issue, decision.duplicates) == ("update", 7, (19, 31))
    closing = decide(PASSING, [31, 7])
    assert (closing.action, closing.issue, closing.duplicates) == ("close", 7, (31,))


def test_an_empty_report_never_closes_the_issue() -> None:
    decision = decide(report(), [4])
    assert (decision.action, decision.issue, decision.checked) == ("none", 4, 0)


def test_failing_count_follows_the_checkers_verdict() -> None:
    decision = decide(report(("broken", True), ("error", True), ("broken", False)), [])
    assert (decision.action, decision.failing) == ("create", 2)


def test_json_and_github_output_shapes() -> None:
    decision = decide(FAILING, [3, 9])
    assert decision.to_dict() == {
        "action": "update",
        "issue": 3,
        "failing": 1,
        "checked": 2,
        "duplicates": [9],
        "comment": "",
        "title": "Broken links in the catalog",
    }
    lines = decision.github_output().splitlines()
    assert lines == [
        "action=update",
        "issue=3",
        "failing=1",
        "duplicates=9",
        "comment=",
        "title=Broken links in the catalog",
    ]
    assert "issue=\n" in decide(FAILING, []).github_output()


@pytest.mark.parametrize(
    ("values", "numbers"),
    [
        ([], []),
        (["none"], []),
        ([""], []),
        (["null"], []),
        (["12"], [12]),
        (["#12"], [12]),
        (["12,15", "3"], [3, 12, 15]),
        (["12\n15\n"], [12, 15]),
    ],
)
def test_issue_numbers_are_parsed_leniently(values: list[str], numbers: list[int]) -> None:
    assert parse_issue_numbers(values) == numbers


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5"])
def test_bad_issue_numbers_are_refused(value: str) -> None:
    with pytest.raises(DecisionError, match="is not an issue number"):
        parse_issue_numbers([value])
