"""Markdown for the tracking issue and the job summary (`catalog.report.markdown`)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from catalog.report import (
    Links,
    Report,
    merge_reports,
    parse_report,
    read_reports,
    render_issue_body,
    render_summary,
)
from catalog.report.markdown import MARKER

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "issue-body.md"
LINKS = Links(
    repo_url="https://github.com/transformers-catalog/catalog",
    ref="51cd1fb",
    run_url="https://github.com/transformers-catalog/catalog/actions/runs/123",
)


def shards() -> Report:
    return merge_reports(read_reports([str(DATA / "shard-1.json"), str(DATA / "shard-2.json")]))


def report(*results: dict[str, Any]) -> Report:
    return parse_report(json.dumps({"results": list(results)}), "r.json")


def test_issue_body_matches_the_golden_file() -> None:
    body = render_issue_body(shards(), LINKS)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(body, encoding="utf-8")
    assert body == GOLDEN.read_text(encoding="utf-8")


def test_issue_body_is_deterministic_whatever_the_shard_order() -> None:
    one, two = read_reports([str(DATA / "shard-1.json"), str(DATA / "shard-2.json")])
    assert render_issue_body(merge_reports([two, one]), LINKS) == render_issue_body(
        merge_reports([one, two]), LINKS
    )


def test_failing_links_are_grouped_by_status_broken_first() -> None:
    body = render_issue_body(
        report(
            {"id": "e1", "url": "https://e.org/1", "status": "error", "failing": True, "line": 1},
            {"id": "b1", "url": "https://e.org/2", "status": "broken", "failing": True, "line": 9},
            {"id": "b2", "url": "https://e.org/3", "status": "broken", "failing": True, "line": 5},
        ),
        Links(),
    )
    headings = [line for line in body.splitlines() if line.startswith("### ")]
    assert headings == ["### broken (2)", "### error (1)"]
    assert body.index("`b2`") < body.index("`b1`")  # by line within a group
    assert body.startswith(MARKER + "\n**3 links failing** in `resources.yaml` (3 links checked).")


def test_entries_link_to_their_line_or_name_it_without_a_repository() -> None:
    rep = report({"id": "a", "url": "https://e.org", "status": "broken", "line": 42})
    linked = render_issue_body(
        rep, Links(catalog_path="data/list.yaml", repo_url="https://g/o/r/", ref="abc")
    )
    assert "| [`a`](https://g/o/r/blob/abc/data/list.yaml#L42) |" in linked
    plain = render_issue_body(rep, Links(catalog_path="data/list.yaml"))
    assert "| `a` (data/list.yaml:42) |" in plain
    no_line = render_issue_body(
        report({"id": "a", "url": "https://e.org", "status": "broken"}), LINKS
    )
    assert "| `a` |" in no_line


def test_network_text_cannot_break_the_table_or_mention_anyone() -> None:
    rep = report(
        {
            "id": "a",
            "url": "https://e.org/x|y z",
            "status": "broken",
            "detail": "bad `thing` | @maintainer\n<script>",
            "final_url": "https://e.org/gone",
            "code": 410,
        }
    )
    row = next(line for line in render_issue_body(rep, Links()).splitlines() if "`a`" in line)
    assert row == (
        "| `a` | <https://e.org/x%7Cy%20z> | 410 |  | "
        "`bad 'thing' \\| @maintainer <script>; → https://e.org/gone` |"
    )
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells: the escaped pipe stays inside


def test_problems_that_are_not_failing_yet_are_watched_not_reported() -> None:
    rep = report(
        {
            "id": "new",
            "url": "https://e.org/1",
            "status": "broken",
            "failing": False,
            "consecutive_failures": 1,
            "failing_since": "2026-11-26",
        },
        {"id": "bot", "url": "https://e.org/2", "status": "blocked", "code": 403},
        {"id": "fine", "url": "https://e.org/3", "status": "redirected"},
    )
    body = render_issue_body(rep, Links())
    assert "**0 links failing**" in body
    assert "###" not in body
    assert "Watching: 2 links with a problem that is not reported yet" in body
    assert "| `new` | <https://e.org/1> | broken |  | 2026-11-26 (1 run) |  |" in body
    assert "`fine`" not in body
    assert "To fix an entry" not in body


def test_a_huge_report_is_cut_to_fit_an_issue_and_says_so() -> None:
    rows = [
        {
            "id": f"r{i:05}",
            "url": f"https://e.org/{i}",
            "status": "broken",
            "failing": True,
            "line": i + 1,
            "detail": "Not Found " * 5,
        }
        for i in range(3000)
    ]
    body = render_issue_body(report(*rows), LINKS, max_chars=60_000)
    assert len(body) <= 60_000
    assert "### broken (3000)" in body
    shown = body.count("| [`r")
    assert 0 < shown < 3000
    assert f"… and {3000 - shown} more; see the JSON report of the run." in body


def test_summary_says_all_pass_or_nothing_checked() -> None:
    assert render_summary(report(), Links()) == "## Link check\n\nNo links were checked.\n"
    ok = report({"id": "a", "url": "https://e.org", "status": "ok"})
    assert render_summary(ok, Links()).splitlines()[2] == "The one checked link passes."
    two = report(ok.results[0], {"id": "b", "url": "https://e.org/b", "status": "redirected"})
    assert render_summary(two, Links()).splitlines()[2] == "All 2 checked links pass."
    assert "| ok | 1 |" in render_summary(ok, Links())


def test_summary_of_the_shards_lists_the_failures() -> None:
    text = render_summary(shards(), LINKS)
    assert text.startswith("## Link check\n\n**2 links failing** of 6 checked.\n")
    assert "### broken (1)" in text
    assert "### error (1)" in text


@pytest.mark.parametrize("count", [1, 2])
def test_counts_are_plural_only_when_needed(count: int) -> None:
    rows = [{"id": f"r{i}", "url": "https://e.org", "status": "broken"} for i in range(count)]
    body = render_issue_body(report(*rows), Links())
    assert f"**{count} link{'s' if count > 1 else ''} failing**" in body


def test_the_docs_example_is_the_real_output() -> None:
    # docs/github.md embeds the golden file (tests/docs/refresh.py keeps the copy current).
    page = Path(__file__).resolve().parents[2] / "docs" / "github.md"
    text = page.read_text(encoding="utf-8")
    assert "```markdown\n" + GOLDEN.read_text(encoding="utf-8") + "```\n" in text
