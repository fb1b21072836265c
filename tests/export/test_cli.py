"""`catalog export` through Typer's runner, and once as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from catalog.cli import app
from catalog.cli.export import FormatChoice, GroupChoice, LangChoice
from catalog.export import Format, GroupBy
from catalog.export.options import LANGUAGES

from .helpers import FIXTURE, GOLDEN


def run(*args: str, catalog: Path = FIXTURE) -> Any:
    return CliRunner().invoke(
        app, ["export", "--catalog", str(catalog), *args], env={"COLUMNS": "100", "NO_COLOR": "1"}
    )


def test_cli_choices_mirror_the_library() -> None:
    assert [c.value for c in FormatChoice] == [f.value for f in Format]
    assert [c.value for c in GroupChoice] == [g.value for g in GroupBy]
    assert tuple(c.value for c in LangChoice) == LANGUAGES


def test_default_is_markdown_on_stdout() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "markdown.en.md").read_text(encoding="utf-8")


def test_filters_are_those_of_list() -> None:
    result = run("--format", "csv", "--topic", "bio", "--level", "advanced")
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == ["id", "dna-repo"]
    paid = run("--format", "json", "--paid")
    assert [r["id"] for r in json.loads(paid.stdout)["resources"]] == ["injection-title"]
    since = run("--format", "json", "--since", "2022", "--kind", "article")
    assert [r["id"] for r in json.loads(since.stdout)["resources"]] == ["persian-post"]


def test_filtered_markdown_drops_path_steps_and_empty_sections() -> None:
    result = run("--topic", "cpp", "--lang", "fa")
    assert result.exit_code == 0
    assert "مسیرهای یادگیری" not in result.stdout
    assert "Genomics" not in result.stdout
    assert "(#c--rust-fast-code-به-انگلیسی) (۲)" in result.stdout


def test_unknown_topic_and_kind_are_usage_errors(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    topic = run("--topic", "atention", "-o", str(out))
    assert topic.exit_code == 2
    assert "unknown topic 'atention'" in topic.stderr
    kind = run("--kind", "podcast", "-o", str(out))
    assert kind.exit_code == 2
    assert not out.exists()  # a failed export creates no file


def test_unreadable_catalog_creates_no_output(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("--format", "json", "-o", str(out), catalog=tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert "file not found" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = run("--format", "html", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == (GOLDEN / "page.en.html").read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left


def test_check_against_an_output_file(tmp_path: Path) -> None:
    out = tmp_path / "list.md"
    assert run("-o", str(out), "--check").exit_code == 1
    assert not out.exists()
    assert run("-o", str(out)).exit_code == 0
    assert run("-o", str(out), "--check").exit_code == 0
    assert run("--check").exit_code == 2


def test_schema_option_prints_the_json_schema() -> None:
    result = run("--schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["version"] == {"const": 1}
    assert run("--schema", "--format", "json").stdout == result.stdout
    other = run("--schema", "--format", "csv")
    assert other.exit_code == 2
    assert "--schema describes the JSON export, not csv" in other.stderr


def test_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("catalog", path=str(Path(sys.executable).parent))
    assert script is not None, "the catalog console script is not installed in this venv"
    out = tmp_path / "resources.fa.md"
    done = subprocess.run(
        [script, "export", "--catalog", str(FIXTURE), "--lang", "fa", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == (GOLDEN / "markdown.fa.md").read_text(
        encoding="utf-8"
    )
