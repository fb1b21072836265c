"""`catalog report ...` through Typer's CliRunner, and once through the installed script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.cli.app import app

DATA = Path(__file__).parent / "data"
SHARDS = [str(DATA / "shard-1.json"), str(DATA / "shard-2.json")]
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_merge_writes_a_report_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "merged.json"
    code, stdout, stderr = run("merge", *SHARDS, "-o", str(out), "--expect", "2")
    assert (code, stdout) == (0, "")
    assert stderr == f"{out}: 6 results from 2 reports, 2 failing\n"
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert merged["summary"] == {"ok": 2, "broken": 2, "rate_limited": 1, "error": 1}
    assert (merged["failing"], merged["reports"], len(merged["results"])) == (2, 2, 6)


def test_merge_to_stdout() -> None:
    code, stdout, _ = run("merge", SHARDS[0])
    assert code == 0
    assert json.loads(stdout)["reports"] == 1


def test_merge_refuses_a_missing_shard() -> None:
    code, stdout, stderr = run("merge", SHARDS[0], "--expect", "2")
    assert (code, stdout) == (2, "")
    assert "error: expected 2 reports, got 1" in stderr
    assert "A shard did not upload its report" in stderr


def test_merge_of_an_unreadable_report_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    code, _, stderr = run("merge", SHARDS[0], str(bad))
    assert code == 2
    assert f"{bad}:1:2: not JSON" in stderr
    code, _, stderr = run("merge", str(tmp_path / "gone.json"))
    assert code == 2
    assert "gone.json: file not found" in stderr


def test_merge_to_an_unwritable_place(tmp_path: Path) -> None:
    code, _, stderr = run("merge", SHARDS[0], "-o", str(tmp_path / "no" / "such" / "out.json"))
    assert code == 2
    assert (
        f"cannot write {tmp_path / 'no' / 'such' / 'out.json'}: No such file or directory" in stderr
    )
    assert "Traceback" not in stderr


def test_issue_body_matches_the_golden_file(tmp_path: Path) -> None:
    merged = tmp_path / "merged.json"
    assert run("merge", *SHARDS, "-o", str(merged))[0] == 0
    code, stdout, _ = run(
        "issue-body",
        str(merged),
        "--repo-url",
        "https://github.com/transformers-catalog/catalog",
        "--ref",
        "51cd1fb",
        "--run-url",
        "https://github.com/transformers-catalog/catalog/actions/runs/123",
    )
    assert code == 0
    assert stdout == (DATA / "issue-body.md").read_text(encoding="utf-8")


def test_summary_command() -> None:
    code, stdout, _ = run("summary", SHARDS[0], "--catalog-path", "list.yaml")
    assert code == 0
    assert stdout.startswith("## Link check\n\n**1 link failing** of 3 checked.\n")
    assert "| `old-blog-post` (list.yaml:340) |" in stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([SHARDS[0], "--open-issue", "none"], "create (1 failing of 3 checked)\n"),
        ([SHARDS[0], "--open-issue", "12"], "update #12 (1 failing of 3 checked)\n"),
        (
            [SHARDS[0], "--open-issue", "12,15"],
            "update #12 (1 failing of 3 checked; close duplicates #15)\n",
        ),
        ([str(DATA / "passing.json"), "--open-issue", "8"], "close #8 (0 failing of 2 checked)\n"),
        ([str(DATA / "passing.json")], "none (0 failing of 2 checked)\n"),
    ],
)
def test_decide_text(args: list[str], expected: str) -> None:
    assert run("decide", *args) == (0, expected, "")


def test_decide_github_output_and_json() -> None:
    code, stdout, _ = run(
        "decide",
        str(DATA / "passing.json"),
        "--open-issue",
        "8",
        "--run-url",
        "https://r/1",
        "-f",
        "github",
    )
    assert code == 0
    assert stdout == (
        "action=close\nissue=8\nfailing=0\nduplicates=\n"
        "comment=All 2 checked links pass again (run: https://r/1). Closing.\n"
        "title=Broken links in the catalog\n"
    )
    code, stdout, _ = run("decide", SHARDS[0], "-f", "json")
    assert json.loads(stdout) == {
        "action": "create",
        "issue": None,
        "failing": 1,
        "checked": 3,
        "duplicates": [],
        "comment": "",
        "title": "Broken links in the catalog",
    }


def test_decide_refuses_a_bad_issue_number() -> None:
    code, stdout, stderr = run("decide", SHARDS[0], "--open-issue", "twelve")
    assert (code, stdout) == (2, "")
    assert "'twelve' is not an issue number" in stderr


def test_shards() -> None:
    assert run("shards", "3") == (0, "[1,2,3]\n", "")
    assert run("shards", "2", "--format", "github") == (0, "shards=[1,2]\ncount=2\n", "")
    code, _, stderr = run("shards", "0")
    assert code == 2
    assert "shards must be between 1 and 64, not 0" in stderr


def test_installed_console_script_runs_the_pipeline(tmp_path: Path) -> None:
    script = shutil.which("catalog", path=str(Path(sys.executable).parent))
    assert script is not None, "the catalog console script is not installed next to this Python"
    merged = tmp_path / "merged.json"
    subprocess.run(
        [script, "report", "merge", *SHARDS, "-o", str(merged)], check=True, capture_output=True
    )
    done = subprocess.run(
        [script, "report", "decide", str(merged), "--open-issue", "", "-f", "github"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert done.stdout.splitlines()[:2] == ["action=create", "issue="]


def test_annotations_command() -> None:
    code, stdout, _ = run("annotations", SHARDS[0])
    assert code == 0
    assert stdout.splitlines()[0].startswith(
        "::error file=resources.yaml,line=340,title=broken%3A old-blog-post::"
    )
