"""Annotations from a report, and partial (interrupted) reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catalog.report import Links, decide, merge_reports, parse_report, render_issue_body
from catalog.report.annotations import render_annotations

DATA = Path(__file__).parent / "data"


def report(*results: dict[str, Any], interrupted: bool = False) -> Any:
    data: dict[str, Any] = {"results": list(results)}
    if interrupted:
        data["interrupted"] = True
    return parse_report(json.dumps(data), "r.json")


def test_annotations_of_a_shard() -> None:
    text = render_annotations(
        parse_report((DATA / "shard-2.json").read_text(encoding="utf-8"), "shard-2.json"),
        "lists/ai.yaml",
    )
    assert text.splitlines() == [
        "::warning file=lists/ai.yaml,line=380,title=broken%3A flaky-paper::"
        "https://example.org/paper.pdf: Service Unavailable "
        "(warning: failing since 2026-11-26, 1 run)",
        "::error file=lists/ai.yaml,line=410,title=error%3A moved-repo::"
        "https://example.com/lab/transformer: name does not resolve",
        "::warning file=lists/ai.yaml,line=150,title=rate_limited%3A busy-video::"
        "https://example.net/watch?v=abc: Too Many Requests "
        "(warning: failing since 2026-11-26, 1 run)",
        "3 links: 1 broken, 1 rate_limited, 1 error; 1 failing",
    ]


def test_annotation_messages_are_escaped_and_quiet_statuses_left_out() -> None:
    """ok and skipped say nothing; a redirect is a warning (update the URL), as in
    catalog check --format github, which renders through the same function."""
    text = render_annotations(
        report(
            {"id": "a", "url": "https://e.org/100%", "status": "broken", "detail": "x\ny"},
            {"id": "b", "url": "https://e.org/b", "status": "ok"},
            {"id": "c", "url": "https://e.org/c", "status": "redirected"},
            {"id": "d", "url": "https://e.org/d", "status": "skipped"},
        ),
        "a,b:c.yaml",
    )
    assert text.splitlines() == [
        "::error file=a%2Cb%3Ac.yaml,title=broken%3A a::https://e.org/100%25: x%0Ay",
        "::warning file=a%2Cb%3Ac.yaml,title=redirected%3A c::https://e.org/c: redirected",
        "4 links: 1 ok, 1 redirected, 1 broken, 1 skipped; 1 failing",
    ]
    assert render_annotations(report()) == "0 links: nothing checked; 0 failing\n"


def test_an_ok_page_with_warnings_is_a_warning_with_them() -> None:
    text = render_annotations(
        report(
            {
                "id": "p",
                "url": "https://e.org/p",
                "status": "ok",
                "detail": "HTTP 200",
                "warnings": ["the page's title 'Shop' is unlike the catalog's 'Attention'"],
            }
        )
    )
    assert text.splitlines()[0] == (
        "::warning file=resources.yaml,title=ok%3A p::https://e.org/p: HTTP 200; "
        "the page's title 'Shop' is unlike the catalog's 'Attention'"
    )


def test_an_interrupted_report_never_closes_the_issue_and_says_it_is_partial() -> None:
    partial = report({"id": "a", "url": "https://e.org", "status": "ok"}, interrupted=True)
    merged = merge_reports([partial, report({"id": "b", "url": "https://e.org/b", "status": "ok"})])
    assert merged.interrupted
    assert merged.to_dict()["interrupted"] is True
    assert "interrupted" not in merge_reports([report()]).to_dict()
    assert decide(merged, [3]).action == "none"
    assert (
        decide(report({"id": "a", "url": "https://e.org", "status": "ok"}), [3]).action == "close"
    )
    body = render_issue_body(merged, Links())
    assert "**Partial report:** a check run was interrupted" in body
