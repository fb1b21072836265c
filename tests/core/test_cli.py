"""The query and validate commands, through Typer's runner and as the installed script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.cli import app
from catalog.jsonschema import catalog_json_schema

from .helpers import installed_script

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1", "CATALOG_CACHE_DIR": str(tmp_path / "cache")}

    def invoke(*args: str, catalog: Path | None = MINIMAL):  # type: ignore[no-untyped-def]
        argv = [*args, "--catalog", str(catalog)] if catalog else list(args)
        return runner.invoke(app, argv, env=env)

    return invoke


def test_validate_ok_and_exit_codes(run) -> None:  # type: ignore[no-untyped-def]
    ok = run("validate")
    assert ok.exit_code == 0
    bad = run("validate", catalog=FIXTURES / "invalid" / "unknown_topic.yaml")
    assert bad.exit_code == 1
    assert (
        "resources[1].topics[0]: unknown topic 'genomic' (did you mean 'genomics'?)" in bad.output
    )
    unreadable = run("validate", catalog=FIXTURES / "invalid" / "not_utf8.yaml")
    assert unreadable.exit_code == 2


def test_validate_github_format(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--format", "github", catalog=FIXTURES / "invalid" / "bad_kind.yaml")
    assert result.exit_code == 1
    path = FIXTURES / "invalid" / "bad_kind.yaml"
    assert result.stdout.startswith(f"::error file={path},line=36,col=11::resources[1].kind: ")


def test_validate_json_format(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "validate", "--format", "json", catalog=FIXTURES / "invalid" / "duplicate_url.yaml"
    )
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["errors"] == 2
    assert [p["line"] for p in data["problems"]] == [20, 35]
    assert set(data["problems"][0]) == {
        "file",
        "line",
        "column",
        "path",
        "severity",
        "message",
        "hint",
    }


def test_list_filters_and_json(run) -> None:  # type: ignore[no-untyped-def]
    result = run("list", "--topic", "dna", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["count"] == 1
    assert data["results"][0]["id"] == "dnabert"
    assert data["results"][0]["line"] == 33
    assert data["results"][0]["description"] == {"en": "Code for a DNA language model."}


def test_list_unknown_topic_is_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("list", "--topic", "genomic")
    assert result.exit_code == 2
    assert "did you mean 'genomics'?" in result.output


def test_list_unknown_kind_is_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("list", "--kind", "vidoe")
    assert result.exit_code == 2
    assert "did you mean 'video'?" in result.output


def test_search_table_and_no_match(run) -> None:  # type: ignore[no-untyped-def]
    """The runner's stdout is not a terminal: a tab-separated table, the count on stderr."""
    result = run("search", "atention")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id\ttitle\tkind\tlevel\tyear",
        "vaswani-2017\tAttention Is All You Need\tpaper\tadvanced\t2017",
    ]
    assert result.stderr == "1 match\n"
    empty = run("search", "zzzzzz")
    assert empty.exit_code == 0
    assert "No resources match 'zzzzzz'." in empty.output


def test_search_json_keys_are_stable(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("search", "attention", "--json").stdout)
    assert set(data) == {"query", "count", "partial", "results"}
    assert {"id", "title", "url", "kind", "topics", "score", "line"} <= set(data["results"][0])


def test_show_and_unknown_id(run) -> None:  # type: ignore[no-untyped-def]
    shown = run("show", "dnabert")
    assert shown.exit_code == 0
    assert "Code for a DNA language model." in shown.stdout
    missing = run("show", "dnabrt")
    assert missing.exit_code == 1
    assert missing.stderr.splitlines() == [
        "error: no resource with id 'dnabrt'",
        "did you mean 'dnabert'?",
    ]


COMPANIONS = FIXTURES / "valid" / "companions_and_requires.yaml"


def test_show_lists_companions_and_the_main_entry(run) -> None:  # type: ignore[no-untyped-def]
    main = run("show", "vaswani-2017", catalog=COMPANIONS)
    assert "dnabert (code)" in main.stdout
    companion = run("show", "dnabert", catalog=COMPANIONS)
    assert "companion of" in companion.stdout
    assert "vaswani-2017 (code)" in companion.stdout
    main_json = json.loads(run("show", "vaswani-2017", "--json", catalog=COMPANIONS).stdout)
    assert main_json["companions"] == [{"id": "dnabert", "role": "code"}]
    assert main_json["companion_of"] is None
    other = json.loads(run("show", "dnabert", "--json", catalog=COMPANIONS).stdout)
    assert other["companions"] == []
    assert other["companion_of"] == {"id": "vaswani-2017", "role": "code"}


def test_path_shows_its_prerequisites(run) -> None:  # type: ignore[no-untyped-def]
    shown = run("path", "next", catalog=COMPANIONS)
    assert "Follow first: Start here (start)" in shown.stdout
    data = json.loads(run("path", "next", "--json", catalog=COMPANIONS).stdout)
    assert data["requires"] == ["start"]
    listed = json.loads(run("paths", "--json", catalog=COMPANIONS).stdout)
    assert [p["requires"] for p in listed["paths"]] == [[], ["start"]]


def test_user_text_is_not_rich_markup(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "title: DNABERT", 'title: "[bold]not bold[/bold] [x](javascript:alert(1))"'
    )
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("show", "dnabert", catalog=path)
    assert "[bold]not bold[/bold] [x](javascript:alert(1))" in result.stdout


def test_topics_stats_paths(run) -> None:  # type: ignore[no-untyped-def]
    topics = json.loads(run("topics", "--json").stdout)
    assert {t["id"]: t["count"] for t in topics["topics"]} == {"attention": 1, "genomics": 1}
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["total"] == 2
    assert stats["kind"] == {"paper": 1, "repository": 1}
    paths = json.loads(run("paths", "--json").stdout)
    assert paths["paths"][0]["id"] == "start"
    path = run("path", "start", "--lang", "fa")
    assert "از اینجا شروع کنید" in path.stdout
    assert "1." in path.stdout


@pytest.mark.parametrize("command", [["topics"], ["paths"], ["path", "start"]])
def test_an_unknown_lang_is_a_usage_error(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run(*command, "--lang", "de")
    assert result.exit_code == 2
    assert "'de' is not one of 'en', 'fa'" in result.stderr


@pytest.mark.parametrize("query", ["", "  ", "?!"])
def test_a_query_without_words_is_a_usage_error(run, query: str) -> None:  # type: ignore[no-untyped-def]
    result = run("search", query)
    assert result.exit_code == 2
    assert f"error: nothing to search for in '{query}'" in result.stderr
    assert "catalog search attention" in result.stderr


def test_stats_and_glossary_are_tab_separated_on_a_pipe(run) -> None:  # type: ignore[no-untyped-def]
    """Like list, topics and paths: one row per line a script can cut, nothing wrapped."""
    stats = run("stats").stdout.splitlines()
    assert stats[0] == "by\tvalue\tresources"
    assert "kind\tpaper\t1" in stats
    assert "topic\tgenomics\t1" in stats
    glossary = run("glossary", catalog=None).stdout.splitlines()
    assert glossary[0] == "term\tEnglish\tPersian"
    assert "attention-mechanism\tattention mechanism\tسازوکار توجه; avoid: مکانیزم توجه" in glossary
    assert all(line.count("\t") == 2 for line in glossary)


def test_invalid_catalog_is_exit_2_for_queries(run) -> None:  # type: ignore[no-untyped-def]
    result = run("list", catalog=FIXTURES / "invalid" / "bad_kind.yaml")
    assert result.exit_code == 2
    assert "catalog validate" in result.output


def test_catalog_file_environment_variable(tmp_path: Path) -> None:
    env = {"COLUMNS": "100", "CATALOG_FILE": str(MINIMAL), "CATALOG_CACHE_DIR": str(tmp_path)}
    result = CliRunner().invoke(app, ["list", "--json"], env=env)
    assert json.loads(result.stdout)["count"] == 2


def test_committed_json_schema_matches_the_models() -> None:
    committed = json.loads((ROOT / "catalog.schema.json").read_text(encoding="utf-8"))
    assert committed == catalog_json_schema(), "run: catalog schema > catalog.schema.json"


def test_shipped_catalog_names_the_schema_on_its_first_line() -> None:
    first = (ROOT / "resources.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=catalog.schema.json"


def test_installed_script_searches_the_packaged_catalog(tmp_path: Path) -> None:
    """From an empty folder, with no CATALOG_FILE, the packaged copy is used."""
    env = {**os.environ, "CATALOG_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "120"}
    env.pop("CATALOG_FILE", None)
    result = subprocess.run(
        [installed_script(), "search", "attention", "--limit", "3", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["count"] > 10
    assert len(data["results"]) == 3


@pytest.mark.parametrize(
    "command", [["path", "start"], ["stats"], ["list"], ["glossary"], ["search", "attention"]]
)
def test_a_reader_that_stops_reading_is_not_a_failure(tmp_path: Path, command: list[str]) -> None:
    """`catalog stats | head -1` under `set -o pipefail`: the pipe closes early, the command
    exits 0 without a traceback (Rich and Click would both say 1). The read end is closed
    before the command starts, so every write meets the closed pipe."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [installed_script(), *command, "--catalog", str(MINIMAL)],
            stdout=write,
            stderr=subprocess.PIPE,
            env={**os.environ, "CATALOG_CACHE_DIR": str(tmp_path), "COLUMNS": "80"},
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_python_dash_m_and_exit_code_2_on_bad_usage(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "catalog", "list", "--no-such-option"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: no such option: --no-such-option",
        "Run 'python -m catalog list --help' for usage.",
    ]


def test_the_lazy_command_table_matches_the_modules() -> None:
    """app.COMMANDS names every command of every module, in help order, and nothing else."""
    from catalog.cli.app import COMMANDS, build_module

    found: dict[str, str] = {}
    for module in dict.fromkeys(COMMANDS.values()):
        found |= dict.fromkeys(build_module(module), module)
    assert list(found.items()) == list(COMMANDS.items())


def test_unknown_command_suggests_the_closest(run) -> None:  # type: ignore[no-untyped-def]
    result = run("serch", "attention", catalog=None)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(
        "error: no such command 'serch' (did you mean 'search'"
    )


def test_the_lazy_group_builds_only_the_command_asked_for() -> None:
    """list_commands names every command without importing a module; get_command builds one."""
    import subprocess
    import sys

    code = (
        "import sys, typer\n"
        "from catalog.cli.app import app\n"
        "group = typer.main.get_command(app)\n"
        "ctx = typer.Context(group)\n"
        "names = group.list_commands(ctx)\n"
        "assert names[:3] == ['list', 'search', 'show'], names\n"
        "assert group.get_command(ctx, 'nope') is None\n"
        "assert not any(m.startswith('catalog.cli.') and m not in ('catalog.cli.app',) "
        "for m in sys.modules), sorted(m for m in sys.modules if m.startswith('catalog.cli'))\n"
        "assert group.get_command(ctx, 'show').name == 'show'\n"
        "assert 'catalog.cli.query' in sys.modules and 'catalog.cli.curate' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
