"""Report formats: whole outputs compared, JSON parsed back."""

from __future__ import annotations

import json

import pytest

from catalog.linkcheck import LinkResult, Status
from catalog.linkcheck.report import (
    ReportFormat,
    ReportOptions,
    render_github,
    render_markdown,
    render_table,
)
from catalog.linkcheck.results import describe

RESULTS = [
    LinkResult("ok-one", "https://a.test/", Status.OK, 200, line=3, elapsed_ms=5),
    LinkResult(
        "gone", "https://a.test/gone", Status.BROKEN, 404, detail="HTTP 404", line=12
    ).judged({Status.BROKEN}, 1),
    LinkResult(
        "moved",
        "http://b.test/",
        Status.REDIRECTED,
        200,
        final_url="https://b.test/",
        detail="permanent redirect (301); update the URL to https://b.test/",
        line=20,
    ),
    LinkResult(
        "flaky",
        "https://c.test/a,b",
        Status.TIMEOUT,
        detail="no answer in time",
        line=30,
        consecutive_failures=1,
        failing_since="2026-11-25T03:00:00+00:00",
    ).judged({Status.BROKEN, Status.TIMEOUT}, 2),
]


def test_every_format_has_a_renderer() -> None:
    for choice in ReportFormat:
        assert choice.renderer()(RESULTS, ReportOptions())


def test_github_annotations() -> None:
    assert render_github(RESULTS, ReportOptions(file="resources.yaml")).splitlines() == [
        "::error file=resources.yaml,line=12,title=broken%3A gone::https://a.test/gone: HTTP 404",
        "::warning file=resources.yaml,line=30,title=timeout%3A flaky::https://c.test/a,b: "
        "no answer in time (warning: failing since 2026-11-25, 1 run)",
        "::warning file=resources.yaml,line=20,title=redirected%3A moved::http://b.test/: "
        "permanent redirect (301); update the URL to https://b.test/",
        "4 links: 1 ok, 1 redirected, 1 broken, 1 timeout; 1 failing",
    ]


def test_markdown_report() -> None:
    assert render_markdown(RESULTS, ReportOptions()) == (
        "## Link check\n\n"
        "4 links: 1 ok, 1 redirected, 1 broken, 1 timeout; 1 failing\n\n"
        "| status | count |\n|---|---:|\n"
        "| ok | 1 |\n| redirected | 1 |\n| broken | 1 |\n| timeout | 1 |\n\n"
        "### broken (1)\n\n| id | line | url | detail |\n|---|---:|---|---|\n"
        "| gone | 12 | https://a.test/gone | HTTP 404 |\n\n"
        "### timeout (1)\n\n| id | line | url | detail |\n|---|---:|---|---|\n"
        "| flaky | 30 | https://c.test/a,b | no answer in time (warning: failing since "
        "2026-11-25, 1 run) |\n\n"
        "### redirected (1)\n\n| id | line | url | detail |\n|---|---:|---|---|\n"
        "| moved | 20 | http://b.test/ | permanent redirect (301); update the URL to "
        "https://b.test/ |\n"
    )


def test_json_shape() -> None:
    data = json.loads(ReportFormat.JSON.renderer()(RESULTS, ReportOptions(interrupted=True)))
    assert data["summary"] == {"ok": 1, "redirected": 1, "broken": 1, "timeout": 1}
    assert data["interrupted"] is True
    assert [r["id"] for r in data["results"]] == ["ok-one", "gone", "moved", "flaky"]
    assert data["results"][2] == {
        "id": "moved",
        "url": "http://b.test/",
        "status": "redirected",
        "code": 200,
        "final_url": "https://b.test/",
        "detail": "permanent redirect (301); update the URL to https://b.test/",
        "line": 20,
        "elapsed_ms": 0,
        "failing": False,
        "consecutive_failures": 0,
        "failing_since": None,
        "cached": False,
        "title": None,
        "previous_title": None,
        "warnings": [],
    }


def test_table_groups_by_status_and_hides_ok() -> None:
    text = ReportFormat.TABLE.renderer()(RESULTS, ReportOptions(width=100))
    assert text.index("broken (1)") < text.index("timeout (1)") < text.index("redirected (1)")
    assert "ok-one" not in text
    assert "no answer in time (warning: failing since 2026-11-25, 1 run)" in text


def test_a_wide_table_is_a_grid() -> None:
    assert render_table(RESULTS, ReportOptions(width=100)) == (
        "broken (1)\n"
        "line  id    url                  detail\n"
        "  12  gone  https://a.test/gone  HTTP 404\n"
        "\n"
        "timeout (1)\n"
        "line  id     url                 detail\n"
        "  30  flaky  https://c.test/a,b  no answer in time (warning: failing since 2026-11-25, 1 run)\n"
        "\n"
        "redirected (1)\n"
        "line  id     url             detail\n"
        "  20  moved  http://b.test/  permanent redirect (301); update the URL to https://b.test/\n"
    )


def test_a_narrow_table_stacks_each_link_and_never_breaks_a_url() -> None:
    """At 40 columns the URL and the detail go under the id; the URL inside the detail is
    moved whole to the next line rather than broken."""
    assert render_table(RESULTS[2:3], ReportOptions(width=40)) == (
        "redirected (1)\n"
        "line  id\n"
        "      url / detail\n"
        "  20  moved\n"
        "      http://b.test/\n"
        "      permanent redirect (301); update\n"
        "      the URL to https://b.test/\n"
    )


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_every_table_line_fits_its_width(width: int) -> None:
    long = LinkResult(
        "hf-notebook-protein-language-modeling",
        "https://colab.research.google.com/github/huggingface/notebooks/blob/main/examples/"
        "protein_language_modeling.ipynb",
        Status.BROKEN,
        404,
        detail="HTTP 404",
        line=3113,
    ).judged({Status.BROKEN}, 1)
    text = render_table([*RESULTS, long], ReportOptions(width=width))
    for line in text.splitlines():
        # a URL wider than the terminal keeps a line of its own, whole
        assert len(line) <= width or line.split() == [long.url], line
    words = text.split()
    assert long.id in words
    assert long.url in words


def test_without_a_width_the_table_is_tab_separated() -> None:
    assert render_table(RESULTS, ReportOptions()).splitlines() == [
        "status\tline\tid\turl\tdetail",
        "broken\t12\tgone\thttps://a.test/gone\tHTTP 404",
        "timeout\t30\tflaky\thttps://c.test/a,b\tno answer in time (warning: failing since "
        "2026-11-25, 1 run)",
        "redirected\t20\tmoved\thttp://b.test/\tpermanent redirect (301); update the URL to "
        "https://b.test/",
    ]
    assert render_table(RESULTS[:1], ReportOptions()) == ""  # nothing but ok: no table


def test_the_summary_counts_and_says_what_was_left_unchecked() -> None:
    assert describe(RESULTS[:1]) == "1 link: 1 ok; 0 failing"
    assert describe([]) == "0 links: nothing checked; 0 failing"
    assert describe(RESULTS[:2], total=9, interrupted=True) == (
        "interrupted after 2 of 9 links (7 not checked): 1 ok, 1 broken; 1 failing"
    )
    markdown = render_markdown(RESULTS[:1], ReportOptions(interrupted=True, total=2))
    assert markdown.splitlines()[2] == (
        "interrupted after 1 of 2 links (1 not checked): 1 ok; 0 failing"
    )


def test_json_has_one_result_per_line() -> None:
    text = ReportFormat.JSON.renderer()(RESULTS, ReportOptions())
    ordered = sorted(RESULTS, key=lambda r: (r.line or 0, r.id))
    assert json.loads(text) == {
        "summary": {"ok": 1, "redirected": 1, "broken": 1, "timeout": 1},
        "results": [r.as_dict() for r in ordered],
    }
    lines = text.splitlines()
    assert lines[:3] == [
        "{",
        '  "summary": {"ok": 1, "redirected": 1, "broken": 1, "timeout": 1},',
        '  "results": [',
    ]
    assert [json.loads(line.strip().rstrip(","))["id"] for line in lines[3:7]] == [
        "ok-one",
        "gone",
        "moved",
        "flaky",
    ]
    empty = ReportFormat.JSON.renderer()([], ReportOptions())
    assert json.loads(empty) == {"summary": {}, "results": []}
