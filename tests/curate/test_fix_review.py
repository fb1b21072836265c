"""`catalog fix` on pages that drifted: marked for review with the date and their new title,
the file still in canonical layout afterwards."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .conftest import run, write_report
from .fixing import GONE, MOVED, PAPER, drifted, result, run_fix
from .stub import Stub


def test_a_drifted_page_is_marked_for_review_with_today_and_its_new_title(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    import datetime as dt

    before = commented.read_text(encoding="utf-8")
    report = write_report(
        tmp_path,
        drifted("illustrated", MOVED, "Jay's blog: a new post", "The Illustrated Transformer"),
        drifted("nanogpt", GONE, "nanoGPT: now archived", "nanoGPT"),
        drifted("vaswani-2017", PAPER, None, "Attention Is All You Need"),
    )
    code, out, _ = run_fix(commented, archive, "--report", str(report), "--dry-run")
    assert code == 1
    assert "+    check: {review: {date: " in out
    code, out, err = run_fix(commented, archive, "--report", str(report), "--json", "--yes")
    assert code == 1  # one left: the report has no new title for it
    assert "2 changes written, 1 left as they are" in err
    today = dt.date.today().isoformat()
    after = commented.read_text(encoding="utf-8")
    # No check yet: one key, in the schema's place (before description); the comment after
    # the entry stays where it was.
    assert (
        f'    free: true\n    check: {{review: {{date: {today}, title: "Jay\'s blog: a new post"}}}}\n'
        "    description:\n"
    ) in after
    # A check already there: the review joins it, in the schema's order of its keys.
    assert (
        "    check: {reason: GitHub rate-limits anonymous checks, skip: true, "
        f'review: {{date: {today}, title: "nanoGPT: now archived"}}}}\n# end of file\n'
    ) in after
    assert [x for x in diff_lines(before, after) if x.startswith("-")] == [
        "-    check: {reason: GitHub rate-limits anonymous checks, skip: true}"
    ]
    plan = json.loads(out)
    assert [(c["id"], c["field"], c["old"], c["new"]) for c in plan["changes"]] == [
        ("illustrated", "check.review", "The Illustrated Transformer", "Jay's blog: a new post"),
        ("nanogpt", "check.review", "nanoGPT", "nanoGPT: now archived"),
    ]
    assert plan["skipped"][0]["reason"].startswith("the results do not say the page's new title")
    assert run("validate", "-c", str(commented))[0] == 0
    from catalog import load

    reviewed = load(commented).get("nanogpt")
    assert reviewed is not None
    assert reviewed.check is not None
    assert reviewed.check.review is not None
    assert (reviewed.check.review.date.isoformat(), reviewed.check.review.title) == (
        today,
        "nanoGPT: now archived",
    )


def test_a_review_already_there_is_brought_up_to_date(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    import datetime as dt

    text = commented.read_text(encoding="utf-8").replace(
        "    check: {reason: GitHub rate-limits anonymous checks, skip: true}\n",
        "    check:\n      review:\n        date: 2020-01-01\n        title: Old\n",
    )
    commented.write_text(text, encoding="utf-8")
    report = write_report(tmp_path, drifted("nanogpt", GONE, "Newer", "Old"))
    code, _, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 0, err
    after = commented.read_text(encoding="utf-8")
    assert (
        f"      review:\n        date: {dt.date.today().isoformat()}\n        title: Newer\n"
        in after
    )


def test_a_second_run_on_the_same_report_writes_nothing(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    """It used to say '1 change written' again while the file stayed byte for byte the same."""
    report = write_report(tmp_path, drifted("nanogpt", GONE, "Newer", "nanoGPT"))
    code, _, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 0, err
    once = commented.read_bytes()
    code, _, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 1  # the finding is left: the report is older than the review
    assert "nothing to change, 1 left as they are" in err
    assert "nanogpt: drifted: already marked for review with this title" in err
    assert commented.read_bytes() == once


def test_a_drift_found_in_the_cache_is_marked_for_review(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    cache = tmp_path / "linkcheck.json"
    entry = {
        "status": "drifted",
        "code": 200,
        "checked_at": "2026-11-26T00:00:00+00:00",
        "final_url": None,
        "consecutive_failures": 0,
        "detail": "HTTP 200, but the page changed: title was 'nanoGPT', now 'Something else'",
        "fingerprint": {"title": "nanoGPT", "sketch": []},
        "title": "Something else",
    }
    cache.write_text(json.dumps({"version": 3, "entries": {GONE: entry}}), encoding="utf-8")
    code, out, err = run_fix(commented, archive, "--cache", str(cache), "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["changes"][0]["new"] == "Something else"
    assert "title: Something else}}" in commented.read_text(encoding="utf-8")


def diff_lines(before: str, after: str) -> list[str]:
    import difflib

    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_fmt_check_passes_right_after_a_fix(
    copy_fixture: Callable[[str], Path], archive: Stub, tmp_path: Path
) -> None:
    path = copy_fixture("commented.formatted.yaml")
    report = write_report(
        tmp_path,
        result("illustrated", MOVED, "redirected", "https://e.org/moved#yes"),
        result("nanogpt", GONE, "broken"),
        drifted("vaswani-2017", PAPER, "Attention: all you need?", "Attention Is All You Need"),
    )
    code, _, err = run_fix(path, archive, "--report", str(report), "--yes")
    assert code == 0, err
    code, out, err = run("fmt", "--check", "-c", str(path))
    assert (code, out) == (0, ""), err
