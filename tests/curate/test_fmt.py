"""`catalog fmt`: canonical layout, comments kept, idempotent, --check for CI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from catalog.curate.errors import EditUnsafe
from catalog.curate.fmt import SortOrder, format_text
from catalog.curate.yamledit import comment_census

from .conftest import FIXTURES, data_of, run

SHIPPED = Path(__file__).parents[2] / "resources.yaml"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["commented", "messy", "sections"])
def test_output_matches_the_golden_file(name: str) -> None:
    assert format_text(_text(f"{name}.yaml")) == _text(f"{name}.formatted.yaml")


@pytest.mark.parametrize("sort", [None, SortOrder.id, SortOrder.topic])
@pytest.mark.parametrize(
    "path", [FIXTURES / n for n in ("commented.yaml", "messy.yaml", "sections.yaml")] + [SHIPPED]
)
def test_fmt_twice_is_fmt_once_and_keeps_comments_and_values(
    path: Path, sort: SortOrder | None
) -> None:
    text = path.read_text(encoding="utf-8")
    once = format_text(text, sort=sort)
    assert format_text(once, sort=sort) == once
    assert comment_census(once) == comment_census(text)
    # The project's YAML 1.2 reader: 'free: yes' is the text "yes", as fmt now spells out.
    before, after = data_of(text), data_of(once)
    key = (lambda r: r["id"]) if sort else None
    if key:
        before["resources"].sort(key=key)
        after["resources"].sort(key=key)
    assert after == before


def test_key_order_follows_the_schema() -> None:
    from catalog.modelkit import field_names
    from catalog.models import Resource

    data = yaml.safe_load(format_text(_text("commented.yaml")))
    for resource in data["resources"]:
        assert list(resource) == [f for f in field_names(Resource) if f in resource]
    assert list(data) == ["topics", "paths", "resources"]


def test_sort_by_topic_uses_the_declared_topic_order_and_moves_comments_along() -> None:
    text = format_text(_text("commented.yaml"), sort=SortOrder.topic)
    data = yaml.safe_load(text)
    # attention (illustrated), code (nanogpt), papers (vaswani-2017)
    assert [r["id"] for r in data["resources"]] == ["illustrated", "nanogpt", "vaswani-2017"]
    papers = text.index("# --- Papers ---")
    assert text.index("- id: nanogpt") < papers < text.index("- id: vaswani-2017\n    # The paper")


def test_sort_by_id() -> None:
    data = yaml.safe_load(format_text(_text("commented.yaml"), sort=SortOrder.id))
    assert [r["id"] for r in data["resources"]] == ["illustrated", "nanogpt", "vaswani-2017"]


def test_quotes_are_kept_where_a_yaml_reader_would_misread_the_text() -> None:
    text = format_text(
        "topics: {}\nresources:\n  - {a: 'plain', b: 'yes', c: '2017', d: 'x: y', e: 'on', f: '1:30'}\n"
    )
    assert '{a: plain, b: "yes", c: "2017", d: "x: y", e: "on", f: "1:30"}' in text


def test_a_change_of_value_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog.curate import fmt

    # Simulate a formatting bug that alters a value: the guard must stop it.
    real = fmt.reformat
    monkeypatch.setattr(fmt, "reformat", lambda *a: real(*a).replace("2018", "2019"))
    with pytest.raises(EditUnsafe, match="would change a value"):
        format_text(_text("commented.yaml"))


def test_a_lost_comment_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog.curate import fmt

    real = fmt.reformat
    monkeypatch.setattr(fmt, "reformat", lambda *a: real(*a).replace("  # first step", ""))
    with pytest.raises(EditUnsafe, match="drop 1 comment"):
        format_text(_text("commented.yaml"))


def test_a_comment_between_a_key_and_its_value_is_refused_not_dropped() -> None:
    text = "topics: {}\nresources:\n  - id: a\n    title:\n      # why\n      A title\n"
    with pytest.raises(EditUnsafe, match="has no place in the canonical layout"):
        format_text(text)


def test_yaml_1_2_values_stay_what_they_are() -> None:
    text = format_text(
        "topics: {}\nresources:\n  - {a: 1:30, b: 017, c: 1e3, d: 2024-02-08, e: 0o17, f: 'x'}\n"
    )
    assert '{a: "1:30", b: 017, c: 1e3, d: 2024-02-08, e: 0o17, f: x}' in text


def test_cli_check_fails_with_a_diff_then_fmt_fixes_it(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, out, err = run("fmt", "--check", "-c", str(path))
    assert code == 1
    assert "is not formatted; run 'catalog fmt' to fix it" in err
    assert "-    title: Implementation\n" in out
    assert "+    title: Implementation\n" in out
    assert path.read_bytes() == before  # --check never writes

    code, _, err = run("fmt", "-c", str(path))
    assert code == 0, err
    assert f"{path}: formatted" in err
    assert path.read_text(encoding="utf-8") == _text("commented.formatted.yaml")

    code, out, err = run("fmt", "--check", "-c", str(path))
    assert (code, out) == (0, "")
    assert "is formatted" in err


def test_cli_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("topics: [unclosed\n", encoding="utf-8")
    code, _, err = run("fmt", "-c", str(path))
    assert code == 2
    assert "not valid YAML" in err
    assert path.read_text(encoding="utf-8") == "topics: [unclosed\n"


def test_installed_console_script_checks_formatting(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.formatted.yaml")
    script = Path(sys.executable).parent / "catalog"
    done = subprocess.run(
        [str(script), "fmt", "--check", "--catalog", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(script.parent), "NO_COLOR": "1", "COLUMNS": "100"},
    )
    assert done.returncode == 0, done.stderr
    assert "is formatted" in done.stderr


def test_every_sort_choice_of_the_cli_maps_to_the_library() -> None:
    from catalog.cli.curate import Sort

    assert [s.value for s in Sort] == [s.value for s in SortOrder]


def test_sections_move_to_the_canonical_order_and_the_last_comment_stays_last() -> None:
    text = format_text(_text("sections.yaml"))
    assert [line for line in text.splitlines() if line[:1].isalpha()] == [
        "topics:",
        "paths:",
        "check:",
        "resources:",
    ]
    assert text.endswith("    free: true\n    description: A video.\n# the last line\n")


def test_formatting_the_shipped_catalog_passes_every_edit_check() -> None:
    from catalog.curate.fmt import format_document
    from catalog.curate.yamledit import Document, check_edit

    doc = Document.read(SHIPPED)
    text = format_document(doc)
    check_edit(doc, text)  # no new error, no comment or entry lost
    check_edit(doc, text, same_values=True)


@pytest.mark.parametrize("value", ["0:?", "a:?b", "x:?:y"])
def test_a_colon_before_a_question_mark_stays_quoted_in_a_flow_mapping(value: str) -> None:
    """libyaml ends a plain scalar inside a flow collection at ':' followed by '?' (found by
    the layout property test): such a value must keep its quotes to read back."""
    text = f"topics:\n  a: {{title: x, description: '{value}'}}\nresources: []\n"
    once = format_text(text)
    assert f'description: "{value}"' in once
    assert format_text(once) == once


def test_comments_in_lists_of_lists_settle_in_one_run() -> None:
    """Found by the layout property test: comments above the first item of a list in a list
    in a list went under a lone dash, where the next run reads them as the outer list's and
    moves them up. They go above the outermost lone dash at once."""
    text = (
        "a:\n"
        "  -\n"
        "    - 1\n"
        "    -\n"
        "      - # note: inner\n"
        "        - # note: innermost\n"
        "          # between entries\n"
        "          - 2\n"
    )
    once = format_text(text)
    assert format_text(once) == once
    assert comment_census(once) == comment_census(text)
    lines = once.splitlines()
    lone = [n for n, line in enumerate(lines) if line.strip() == "-"]
    comments = [n for n, line in enumerate(lines) if line.lstrip().startswith("#")]
    assert not any(n - 1 in lone for n in comments)  # never a comment right under a lone dash


COMPLEX_KEY = (
    "topics:\n  attention: {title: Attention}\nresources:\n"
    "  - id: a\n    ? [a, b]\n    : c\n    title: A\n"
)


def test_check_refuses_a_file_fmt_cannot_read_with_the_same_error(tmp_path: Path) -> None:
    """A complex key: validate and fmt refuse the file (exit 2); --check did print a diff of
    a layout it could not make, and exit 1."""
    path = tmp_path / "complex.yaml"
    path.write_text(COMPLEX_KEY, encoding="utf-8")
    code, _, refused = run("fmt", "-c", str(path))
    assert code == 2
    code, out, err = run("fmt", "--check", "-c", str(path))
    assert (code, out) == (2, "")
    assert err == refused
    assert f"{path}:5:7: mapping keys must be text, not list ['a', 'b']" in err
    assert path.read_text(encoding="utf-8") == COMPLEX_KEY


def _apply(before: str, patch: str) -> str:
    """``before`` with a unified diff applied, every context and removed line checked."""
    old = before.splitlines(keepends=True)
    lines = patch.splitlines(keepends=True)[2:]
    out: list[str] = []
    at = 0
    for line in lines:
        if line.startswith("@@ "):
            start, _, length = line.split()[1][1:].partition(",")
            begin = int(start) - 1 if length != "0" else int(start)
            out += old[at:begin]
            at = begin
        elif line[0] == "+":
            out.append(line[1:])
        else:
            assert old[at].rstrip("\n") == line[1:].rstrip("\n")
            if line[0] == " ":
                out.append(old[at])
            at += 1
    return "".join(out + old[at:])


@pytest.mark.parametrize("name", ["commented.yaml", "messy.yaml", "sections.yaml"])
def test_the_whole_file_diff_turns_the_file_into_its_formatted_text(name: str) -> None:
    from catalog.curate.diffs import diff

    text = _text(name)
    formatted = format_text(text)
    patch = diff(text, formatted, name)
    assert patch.startswith(f"--- {name} (before)\n+++ {name} (after)\n@@ -")
    assert _apply(text, patch) == formatted


def test_a_long_diff_is_cut_at_a_hunk_with_a_count_of_what_is_left_out() -> None:
    from catalog.curate.diffs import capped_diff

    before = "".join(f"  - id: r{i}\n    b: {i}\n    a: {i}\n" for i in range(1000))
    after = "".join(f"  - id: r{i}\n    a: {i}\n    b: {i}\n" for i in range(1000))
    whole, none_left = capped_diff(before, after, "x")
    assert none_left == 0
    assert _apply(before, whole) == after
    changed = sum(1 for line in whole.splitlines()[2:] if line[:1] in "+-")
    cut, left_out = capped_diff(before, after, "x", max_changed=100)
    shown = sum(1 for line in cut.splitlines()[2:] if line[:1] in "+-")
    assert 0 < shown <= 100
    assert shown + left_out == changed
    partly = _apply(before, cut).splitlines()  # a well-formed diff of the first changes
    assert partly[:150] == after.splitlines()[:150]
    assert partly[-300:] == before.splitlines()[-300:]


def test_check_of_a_file_far_from_formatted_shows_the_first_changes_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    from .big import catalog as big_catalog

    path = tmp_path / "big.yaml"
    path.write_text(big_catalog(400), encoding="utf-8")
    code, out, err = run("fmt", "--check", "-c", str(path))
    assert code == 1
    shown = sum(1 for line in out.splitlines()[2:] if line[:1] in "+-")
    assert 0 < shown <= 2000
    left_out = int(err.split("… and ", 1)[1].split(" more changed lines", 1)[0].replace(",", ""))
    assert left_out > 0
    assert "'catalog fmt' makes them all" in err
    assert "is not formatted" in err


_LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "u1\n", "u2\n", "u3\n", "x"]), max_size=25)


@given(before=_LINES, after=_LINES)
def test_the_whole_file_diff_of_any_two_texts_applies(before: list[str], after: list[str]) -> None:
    from catalog.curate.diffs import diff

    old = "".join(line if line.endswith("\n") else line + "\n" for line in before)
    new = "".join(line if line.endswith("\n") else line + "\n" for line in after)
    patch = diff(old, new, "x")
    assert (patch == "") == (old == new)
    assert _apply(old, patch) == new
