"""README injection: markers, the inject-then-check cycle, untouched files on errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from catalog.cli import app
from catalog.export.errors import MarkersError
from catalog.export.inject import END, START, diff, headings_before, inject

from .helpers import FIXTURE

README = f"# Project\n\nIntro.\n\n## Contents\n\n{START}\nold list\n{END}\n\n## License\n\nMIT.\n"


def run(*args: str) -> Any:
    return CliRunner().invoke(
        app, ["export", "--catalog", str(FIXTURE), *args], env={"COLUMNS": "100", "NO_COLOR": "1"}
    )


def test_inject_replaces_only_the_block() -> None:
    result = inject(README, "## New\n\n- item\n")
    assert result == (
        f"# Project\n\nIntro.\n\n## Contents\n\n{START}\n\n## New\n\n- item\n\n{END}\n\n"
        "## License\n\nMIT.\n"
    )
    assert inject(result, "## New\n\n- item\n") == result  # idempotent


def test_inject_keeps_crlf_line_endings() -> None:
    crlf = README.replace("\n", "\r\n")
    result = inject(crlf, "## New\n\n- item\n")
    assert "\n" not in result.replace("\r\n", "")
    assert result.startswith("# Project\r\n")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("# No markers\n", "no '<!-- catalog:start -->' marker; add"),
        (f"{START}\n", "no '<!-- catalog:end -->' marker"),
        (f"{END}\n{START}\n", "README.md:1: '<!-- catalog:end -->' comes before"),
        (f"{START}\n{START}\n{END}\n", "appears 2 times (lines 1, 2); keep exactly one"),
    ],
)
def test_bad_markers(document: str, message: str) -> None:
    with pytest.raises(MarkersError, match=re.escape(message)):
        inject(document, "x\n", name="README.md")


def test_headings_before_the_block_skip_code_fences() -> None:
    document = (
        f"# Title\n\n```md\n# not a heading\n```\n\n## C\\+\\+ `x`\n\n{START}\n{END}\n## After\n"
    )
    assert headings_before(document) == ("Title", "C++ x")


def test_diff_is_empty_when_equal() -> None:
    assert diff("a\n", "a\n") == ""
    assert diff("a\n", "b\n", name="R.md").splitlines()[:2] == [
        "--- R.md (current)",
        "+++ R.md (from the catalog)",
    ]


def test_inject_then_check_cycle(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")

    stale = run("--inject", str(readme), "--check")
    assert stale.exit_code == 1
    assert "-old list" in stale.stdout
    assert "+- [Attention](#attention-1) (3)" in stale.stdout  # the path "Attention" came first
    assert "stale; run the same command without --check" in stale.stderr
    assert readme.read_text(encoding="utf-8") == README  # --check changes nothing

    updated = run("--inject", str(readme))
    assert updated.exit_code == 0, updated.output
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Project\n\nIntro.\n\n## Contents\n\n")
    assert text.endswith(f"{END}\n\n## License\n\nMIT.\n")
    assert "## Contents\n\n- [Learning paths](#learning-paths)" in text
    assert "# Transformer learning resources" not in text  # no second title inside a README

    fresh = run("--inject", str(readme), "--check")
    assert fresh.exit_code == 0
    assert fresh.stdout == ""
    assert "up to date" in fresh.stderr

    # A data change makes the README stale again.
    other = run("--inject", str(readme), "--check", "--lang", "fa")
    assert other.exit_code == 1


def test_missing_markers_leave_the_file_untouched(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Project\n", encoding="utf-8")
    before = readme.stat().st_mtime_ns
    result = run("--inject", str(readme))
    assert result.exit_code == 2
    assert f"error: {readme}: no '<!-- catalog:start -->' marker" in result.stderr
    assert readme.read_text(encoding="utf-8") == "# Project\n"
    assert readme.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_inject_needs_an_existing_file(tmp_path: Path) -> None:
    result = run("--inject", str(tmp_path / "missing.md"))
    assert result.exit_code == 2
    assert "missing.md: file not found" in result.stderr


def test_inject_is_markdown_only(tmp_path: Path) -> None:
    result = run("--inject", str(tmp_path / "R.md"), "--format", "json")
    assert result.exit_code == 2
    assert "--inject writes Markdown" in result.stderr


def test_headings_above_the_block_shift_its_anchors(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Attention\n\n## Learning paths\n\n{START}\n{END}\n", encoding="utf-8")
    assert run("--inject", str(readme)).exit_code == 0
    text = readme.read_text(encoding="utf-8")
    # GitHub numbers repeats across the whole page: these headings already exist above.
    assert "- [Learning paths](#learning-paths-1)" in text
    assert "  - [Attention](#attention-1)" in text
    assert "- [Attention](#attention-2) (3)" in text


def test_a_crlf_readme_stays_crlf(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(README.replace("\n", "\r\n").encode("utf-8"))
    assert run("--inject", str(readme)).exit_code == 0
    raw = readme.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.endswith(b"## License\r\n\r\nMIT.\r\n")
    assert run("--inject", str(readme), "--check").exit_code == 0


def test_markers_in_code_blocks_and_inline_code_are_documentation_not_markers() -> None:
    from catalog.export.inject import inject

    document = (
        "Use `<!-- catalog:start -->` and its end marker.\n\n"
        "```markdown\n<!-- catalog:start -->\n<!-- catalog:end -->\n```\n\n"
        "~~~\n<!-- catalog:end -->\n~~~\n\n"
        "<!-- catalog:start -->\nold\n<!-- catalog:end -->\n"
    )
    result = inject(document, "new")
    assert result.endswith("<!-- catalog:start -->\n\nnew\n\n<!-- catalog:end -->\n")
    assert result.startswith(document[: document.index("old")].rsplit("\n", 2)[0])
