"""Reading and merging link-check reports (`catalog.report.model`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catalog.report import (
    Report,
    ReportError,
    is_failing,
    merge_reports,
    parse_report,
    read_reports,
)

DATA = Path(__file__).parent / "data"


def result(rid: str, status: str = "ok", line: int | None = 1, **extra: Any) -> dict[str, Any]:
    return {"id": rid, "url": f"https://example.org/{rid}", "status": status, "line": line, **extra}


def report(*results: dict[str, Any]) -> Report:
    return parse_report(json.dumps({"summary": {}, "results": list(results)}), "r.json")


def test_disjoint_shards_merge_into_every_result_sorted_by_line() -> None:
    one = report(result("b", line=30), result("a", "broken", line=10, failing=True))
    two = report(result("c", "timeout", line=20))
    merged = merge_reports([one, two])
    assert [r["id"] for r in merged.results] == ["a", "c", "b"]
    assert merged.sources == 2
    assert merged.summary == {"ok": 1, "broken": 1, "timeout": 1}
    assert [r["id"] for r in merged.failing] == ["a"]


def test_duplicate_ids_keep_the_more_alarming_result() -> None:
    passing = report(result("a", "ok"), result("b", "broken", failing=False))
    failing = report(result("a", "broken", failing=True), result("b", "timeout", failing=False))
    for order in ([passing, failing], [failing, passing]):
        merged = merge_reports(order)
        by_id = {r["id"]: r for r in merged.results}
        assert by_id["a"]["status"] == "broken"
        assert by_id["a"]["failing"] is True
        assert by_id["b"]["status"] == "broken"  # neither fails; broken outranks timeout
        assert len(merged.results) == 2


def test_content_statuses_are_known_and_ranked() -> None:
    """soft_404 and drifted (content checks) count in the checker's order and merge by
    severity like the others: a soft 404 outranks an ok, a drift a redirect."""
    from catalog.linkcheck import Status
    from catalog.report import STATUSES

    assert tuple(s.value for s in Status) == STATUSES
    merged = merge_reports(
        [
            report(result("a", "ok"), result("b", "redirected")),
            report(result("a", "soft_404", failing=True), result("b", "drifted")),
        ]
    )
    assert {r["id"]: r["status"] for r in merged.results} == {"a": "soft_404", "b": "drifted"}
    assert merged.summary == {"soft_404": 1, "drifted": 1}


def test_identical_duplicates_keep_the_first() -> None:
    first = report(result("a", "ok", detail="first"))
    second = report(result("a", "ok", detail="second"))
    assert merge_reports([first, second]).results[0]["detail"] == "first"


def test_empty_merges() -> None:
    assert merge_reports([]).to_dict() == {"summary": {}, "failing": 0, "reports": 0, "results": []}
    merged = merge_reports([report(), report(result("a"))])
    assert merged.to_dict()["summary"] == {"ok": 1}
    assert merged.sources == 2


def test_merged_report_round_trips_and_counts_its_sources() -> None:
    merged = merge_reports([report(result("a")), report(result("b")), report(result("c"))])
    again = parse_report(json.dumps(merged.to_dict()), "merged.json")
    assert again == merged
    assert merge_reports([again, report(result("d"))]).sources == 4


def test_extra_keys_are_kept_and_missing_optional_keys_are_fine() -> None:
    merged = merge_reports([report({"id": "a", "url": "https://e.org", "status": "ok", "new": 1})])
    assert merged.results[0]["new"] == 1
    assert merged.to_dict()["results"][0] == {
        "id": "a",
        "url": "https://e.org",
        "status": "ok",
        "new": 1,
    }


def test_results_without_a_line_sort_last() -> None:
    merged = merge_reports([report(result("z", line=5), result("a", line=None))])
    assert [r["id"] for r in merged.results] == ["z", "a"]


def test_failing_uses_the_checkers_verdict_then_the_status() -> None:
    assert is_failing(result("a", "broken", failing=False)) is False
    assert is_failing(result("a", "blocked", failing=True)) is True
    assert is_failing(result("a", "broken")) is True
    assert is_failing(result("a", "error")) is True
    assert is_failing(result("a", "timeout")) is False
    assert is_failing(result("a", "rate_limited")) is False


def test_unknown_statuses_are_counted_after_known_ones() -> None:
    merged = merge_reports([report(result("a", "zeta"), result("b", "alpha"), result("c"))])
    assert list(merged.summary) == ["ok", "alpha", "zeta"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", r"r\.json:1:2: not JSON"),
        ("[]", "not a check report"),
        ('{"results": {}}', "not a check report"),
        ('{"results": [1]}', r"results\[0\]: expected an object"),
        ('{"results": [{"id": "a", "url": "u"}]}', r"results\[0\]: 'status' is missing"),
        ('{"results": [{"id": "", "url": "u", "status": "ok"}]}', "'id' is missing"),
        ("[" * 100_000, "nested too deep to read"),
    ],
)
def test_bad_reports_say_where_and_what(text: str, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        parse_report(text, "r.json")


def test_read_reports_from_files(tmp_path: Path) -> None:
    reports = read_reports([str(DATA / "shard-1.json"), str(DATA / "shard-2.json")])
    assert [len(r.results) for r in reports] == [3, 3]
    with pytest.raises(ReportError, match=r"missing\.json: file not found"):
        read_reports([str(tmp_path / "missing.json")])
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ReportError, match="cannot read"):
        read_reports([str(binary)])
