"""`catalog fix`: redirects followed and archived copies recorded, from a report or the cache."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from catalog.curate.errors import FetchError
from catalog.curate.wayback import parse_answer
from catalog.curate.yamledit import comment_census

from .conftest import run, write_report
from .fixing import GONE, MOVED, PAPER, result, run_fix
from .stub import Stub, serving


def test_redirects_and_archived_copies_are_written_with_every_comment_kept(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    before = commented.read_text(encoding="utf-8")
    report = write_report(
        tmp_path,
        result("illustrated", MOVED, "redirected", "https://jalammar.github.io/illustrated/"),
        result("nanogpt", GONE, "broken"),
        result("vaswani-2017", PAPER, "broken"),  # the stub has no copy of this one
        result("ghost", "https://example.org/x", "broken"),
    )
    code, out, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 1  # two findings were left as they are
    after = commented.read_text(encoding="utf-8")
    assert comment_census(after) == comment_census(before)
    data = yaml.safe_load(after)
    illustrated, vaswani, nanogpt = data["resources"]
    assert illustrated["url"] == "https://jalammar.github.io/illustrated/"
    assert "archived_url" not in vaswani
    archived = "https://web.archive.org/web/20240101000000/https://github.com/karpathy/nanoGPT"
    assert nanogpt["archived_url"] == archived
    # archived_url goes where the schema's order puts it among the entry's keys: before
    # 'description' (which this fixture writes before 'check').
    assert f"    archived_url: {archived}\n    description: The simplest" in after
    assert "-    url: https://jalammar.github.io/illustrated-transformer/" in out
    assert "vaswani-2017: broken: no archived copy found" in err
    assert "ghost: broken: no such id in the catalog" in err
    assert "2 changes written, 2 left as they are" in err
    assert sorted(unquote(r.split("url=")[1]) for r in archive.requests) == [PAPER, GONE]


def test_an_archived_url_keeps_the_comment_that_heads_the_next_entry(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    report = write_report(tmp_path, result("illustrated", MOVED, "broken"))
    code, _, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 0, err
    after = commented.read_text(encoding="utf-8")
    # The new key lands before 'description' (last in the schema's order), and the comment
    # that heads the next entry stays where it was.
    assert (
        f"    free: true\n    archived_url: https://web.archive.org/web/20240101000000/{GONE}\n"
        "    description:\n"
    ) in after
    assert "        the classic first read.\n\n  # --- Papers ---\n  - id: vaswani-2017\n" in after


def test_nothing_is_written_when_the_answer_is_no(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    before = commented.read_bytes()
    report = write_report(tmp_path, result("nanogpt", GONE, "broken"))
    code, out, err = run_fix(commented, archive, "--report", str(report), input="n\n")
    assert code == 1
    assert "Write 1 change to" in err
    assert "+    archived_url:" in out
    assert commented.read_bytes() == before
    code, _, err = run_fix(commented, archive, "--report", str(report), input="y\n")
    assert code == 0, err
    assert "archived_url" in commented.read_text(encoding="utf-8")


def test_dry_run_and_json(commented: Path, archive: Stub, tmp_path: Path) -> None:
    before = commented.read_bytes()
    report = write_report(tmp_path, result("illustrated", MOVED, "redirected", "https://e.org/new"))
    code, out, _ = run_fix(commented, archive, "--report", str(report), "--dry-run", "--json")
    assert code == 1  # a change that was not written
    assert json.loads(out) == {
        "catalog": str(commented),
        "written": False,
        "changes": [
            {
                "id": "illustrated",
                "field": "url",
                "old": MOVED,
                "new": "https://e.org/new",
                "line": 29,
            }
        ],
        "skipped": [],
    }
    assert commented.read_bytes() == before


def test_results_can_come_from_the_link_check_cache(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    cache = tmp_path / "linkcheck.json"
    entry = {"code": 301, "checked_at": "2026-11-26T00:00:00+00:00", "consecutive_failures": 0}
    cache.write_text(
        json.dumps(
            {
                "version": 1,
                "entries": {
                    MOVED: {**entry, "status": "redirected", "final_url": "https://e.org/moved"},
                    PAPER: {**entry, "status": "ok", "final_url": None},
                },
            }
        ),
        encoding="utf-8",
    )
    code, _, err = run_fix(commented, archive, "--cache", str(cache), "--yes")
    assert code == 0, err
    assert (
        yaml.safe_load(commented.read_text(encoding="utf-8"))["resources"][0]["url"]
        == "https://e.org/moved"
    )


def test_a_redirect_onto_another_entry_is_left_alone(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    before = commented.read_bytes()
    report = write_report(tmp_path, result("illustrated", MOVED, "redirected", PAPER + "/"))
    code, _, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 1
    assert "the final URL is already catalogued as 'vaswani-2017'" in err
    assert commented.read_bytes() == before


def test_a_failing_archive_service_leaves_the_file_untouched(
    commented: Path, tmp_path: Path
) -> None:
    before = commented.read_bytes()
    report = write_report(tmp_path, result("nanogpt", GONE, "broken"))
    with serving({"/wayback/available": lambda _q: (500, {}, b"oops")}) as broken:
        code, _, err = run_fix(commented, broken, "--report", str(report), "--yes")
    assert code == 1
    assert "nanogpt: broken: https://github.com/karpathy/nanoGPT: archive lookup failed" in err
    assert commented.read_bytes() == before


def test_the_network_guard_applies_to_the_archive_service(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    report = write_report(tmp_path, result("nanogpt", GONE, "broken"))
    code, _, err = run(
        "fix", "-c", str(commented), "--report", str(report), "--yes",
        "--archive-url", archive.url("/wayback/available"),
    )  # fmt: skip
    assert code == 1
    assert "refused to connect to 127.0.0.1" in err
    assert archive.requests == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a link-check report"),
        ('{"results": [{"id": 1}]}', "not a link-check report"),
    ],
)
def test_an_unreadable_report_is_a_usage_error(
    commented: Path, archive: Stub, tmp_path: Path, content: str, message: str
) -> None:
    report = tmp_path / "r.json"
    report.write_text(content, encoding="utf-8")
    code, _, err = run_fix(commented, archive, "--report", str(report))
    assert code == 2
    assert message in err


def test_a_missing_cache_says_what_to_do(commented: Path, archive: Stub, tmp_path: Path) -> None:
    code, _, err = run_fix(commented, archive, "--cache", str(tmp_path / "none.json"))
    assert code == 2
    assert "no link-check cache; run 'catalog check' first, or pass --report FILE" in err


def test_parse_answer() -> None:
    closest = {"available": True, "status": "200", "url": "http://web.archive.org/web/1/x"}
    assert parse_answer(json.dumps({"archived_snapshots": {"closest": closest}}), "x") == (
        "https://web.archive.org/web/1/x"
    )
    assert parse_answer('{"archived_snapshots": {}}', "x") is None
    unavailable = {**closest, "available": False}
    assert parse_answer(json.dumps({"archived_snapshots": {"closest": unavailable}}), "x") is None
    with pytest.raises(FetchError, match="not the expected JSON"):
        parse_answer("<html>", "x")


def test_the_cli_default_archive_is_the_library_default() -> None:
    import inspect

    from catalog.cli.curate import fix
    from catalog.curate.wayback import DEFAULT_BASE_URL

    option = inspect.signature(fix).parameters["archive_url"].default
    assert option.default == DEFAULT_BASE_URL


def test_a_soft_404_gets_an_archived_copy_as_a_broken_link_does(
    commented: Path, archive: Stub, tmp_path: Path
) -> None:
    report = write_report(tmp_path, {**result("nanogpt", GONE, "soft_404"), "code": 200})
    code, out, err = run_fix(commented, archive, "--report", str(report), "--yes")
    assert code == 0, err
    archived = "https://web.archive.org/web/20240101000000/https://github.com/karpathy/nanoGPT"
    assert f"+    archived_url: {archived}" in out
    assert yaml.safe_load(commented.read_text(encoding="utf-8"))["resources"][2][
        "archived_url"
    ] == (archived)
