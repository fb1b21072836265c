"""What people see: the installed script's tables on a real terminal (a pty) at several widths,
and in a pipe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import MINIMAL
from .terminal import (
    ESCAPES,
    WIDTHS,
    assert_fits,
    in_terminal,
    piped,
    script_env,
    tsv_rows,
)


def test_the_runner_gets_a_fitted_table_when_told_it_is_a_terminal(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from catalog.cli import app

    env = {"COLUMNS": "30", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    env["CATALOG_CACHE_DIR"] = str(tmp_path)
    result = CliRunner().invoke(app, ["list", "-c", str(MINIMAL)], env=env)
    assert result.exit_code == 0
    assert ESCAPES.sub("", result.stdout).splitlines() == [
        "id            kind        year",
        "    title",
        "vaswani-2017  paper       2017",
        "    Attention Is All You Need",
        "dnabert       repository  2021",
        "    DNABERT",
    ]


# Tables at a terminal's width


@pytest.mark.parametrize("width", WIDTHS)
def test_list_and_search_fit_the_terminal(tmp_path: Path, width: int) -> None:
    rows = tsv_rows(piped(["list", "--topic", "attention"], tmp_path).stdout)
    ids = [row[0] for row in rows[1:]]
    code, shown, _ = in_terminal(["list", "--topic", "attention"], tmp_path, columns=width)
    assert code == 0
    assert_fits(shown, width, ids)
    code, shown, _ = in_terminal(["search", "protein", "language"], tmp_path, columns=width)
    assert code == 0
    found = json.loads(piped(["search", "protein", "language", "--json"], tmp_path).stdout)
    assert_fits(shown, width, [r["id"] for r in found["results"]])
    if width >= 80:  # room for every column: level is not dropped
        assert "level" in shown.splitlines()[0]


@pytest.mark.parametrize("width", WIDTHS)
def test_show_fits_the_terminal(tmp_path: Path, width: int) -> None:
    rid = "hf-notebook-protein-language-modeling"
    data = json.loads(piped(["show", rid, "--json"], tmp_path).stdout)
    code, shown, _ = in_terminal(["show", rid], tmp_path, columns=width)
    assert code == 0
    where = next(w for w in shown.split() if w.endswith(f"resources.yaml:{data['line']}"))
    assert_fits(shown, width, [rid, data["url"], where])


def _skipped_catalog(path: Path) -> dict[str, str]:
    """Links the checker skips (no network needed), with long ids, URLs and reasons."""
    urls = {
        "hf-notebook-protein-language-modeling": "https://colab.research.google.com/github/"
        "huggingface/notebooks/blob/main/examples/protein_language_modeling.ipynb",
        "vaswani-2017": "https://arxiv.org/abs/1706.03762",
        "vig-2019-multiscale-attention-visualization": "https://example.org/a/rather/long/"
        "path/to/a/visualisation.html",
    }
    entries = "".join(
        f"  - id: {rid}\n    title: Resource {rid}\n    url: {url}\n    kind: article\n"
        "    topics: [attention]\n    authors: [A. Author]\n    year: 2020\n"
        "    level: beginner\n    language: en\n    description: A resource.\n"
        "    check:\n      skip: true\n      reason: behind a login wall that a robot cannot"
        " pass, so it is checked by hand\n"
        for rid, url in urls.items()
    )
    path.write_text(
        "topics:\n  attention:\n    title: Attention\n    description: Attention.\n"
        f"resources:\n{entries}",
        encoding="utf-8",
    )
    return urls


@pytest.mark.parametrize("width", WIDTHS)
def test_the_check_report_fits_the_terminal(tmp_path: Path, width: int) -> None:
    urls = _skipped_catalog(tmp_path / "r.yaml")
    args = ["check", "-c", "r.yaml", "--no-cache"]
    # COLUMNS as well as the terminal's size: the report once kept 100 columns whatever it was.
    env = script_env(tmp_path, COLUMNS=str(width))
    code, shown, err = in_terminal(args, tmp_path, columns=width, env=env, stderr_apart=True)
    assert code == 0, err
    assert shown.startswith("skipped (3)\n")
    assert_fits(shown, width, [*urls, *urls.values()])
    assert err.splitlines()[-1] == "3 links: 3 skipped; 0 failing"


# Pipes get tab-separated values


def test_a_pipe_gets_tab_separated_rows(tmp_path: Path) -> None:
    listed = piped(["list", "-c", str(MINIMAL), "--sort", "year"], tmp_path, COLUMNS="20")
    assert listed.returncode == 0
    assert tsv_rows(listed.stdout) == [
        ["id", "title", "kind", "level", "year"],
        ["dnabert", "DNABERT", "repository", "advanced", "2021"],
        ["vaswani-2017", "Attention Is All You Need", "paper", "advanced", "2017"],
    ]
    assert listed.stderr == "2 of 2 resources\n"
    shown = piped(["show", "dnabert", "-c", str(MINIMAL)], tmp_path)
    rows = tsv_rows(shown.stdout)
    assert rows[0] == ["field", "value"]
    assert ["url", "https://example.org/dnabert"] in rows
    assert ["description (en)", "Code for a DNA language model."] in rows
    topics = tsv_rows(piped(["topics", "-c", str(MINIMAL)], tmp_path).stdout)
    assert topics[0] == ["topic", "resources", "title", "aliases"]
    assert topics[1] == ["attention", "1", "Attention", "self-attention"]


def test_a_piped_check_report_is_tab_separated(tmp_path: Path) -> None:
    urls = _skipped_catalog(tmp_path / "r.yaml")
    done = piped(["check", "-c", "r.yaml", "--no-cache"], tmp_path)
    assert done.returncode == 0
    rows = tsv_rows(done.stdout)
    assert rows[0] == ["status", "line", "id", "url", "detail"]
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [("skipped", k, v) for k, v in urls.items()]
    assert done.stderr.splitlines()[-1] == "3 links: 3 skipped; 0 failing"


# Usage errors
