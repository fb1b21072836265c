"""The shared editor: splices that touch only what they change, guarded atomic writes."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog.curate.diffs import diff
from catalog.curate.errors import EditRejected, EditUnsafe, UnreadableInput
from catalog.curate.splices import append_resources, set_key
from catalog.curate.yamledit import Document, comment_census, commit
from catalog.files import write_text
from catalog.yamldoc.emit import Flow, Folded, item_lines
from catalog.yamldoc.splice import replace_scalar

from .conftest import FIXTURES, data_of

SHIPPED = Path(__file__).parents[2] / "resources.yaml"
NEW = {
    "id": "new-entry",
    "title": "A new entry",
    "url": "https://example.org/new",
    "kind": "article",
    "topics": Flow(["code"]),
    "authors": Flow(["Ann Author"]),
    "year": 2024,
    "level": "beginner",
    "language": "en",
    "description": "New.",
}


def _set_year(doc: Document, index: int, year: int) -> str:
    entry = doc.entry("resources", index, "year")
    return doc.apply([replace_scalar(doc.yaml, entry, str(year))])


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in diff(before, after, "x").splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_replacing_a_value_changes_that_line_only(copy_fixture: Callable[[str], Path]) -> None:
    doc = Document.read(copy_fixture("commented.yaml"))
    after = _set_year(doc, 2, 2022)
    assert _changed_lines(doc.text, after) == ["-    year: 2023", "+    year: 2022"]


@pytest.mark.parametrize("path", [FIXTURES / "commented.yaml", FIXTURES / "messy.yaml", SHIPPED])
def test_an_inserted_entry_adds_lines_and_changes_none(path: Path) -> None:
    doc = Document.read(path)
    after = doc.apply([append_resources(doc, [NEW])])
    changed = _changed_lines(doc.text, after)
    assert changed
    assert all(line.startswith("+") for line in changed)
    assert data_of(after)["resources"][-1]["id"] == "new-entry"
    assert comment_census(after) == comment_census(doc.text)


def test_an_inserted_entry_follows_the_list_s_own_indentation() -> None:
    doc = Document.read(FIXTURES / "messy.yaml")  # dashes at column 0, keys at 2
    after = doc.apply([append_resources(doc, [NEW])])
    assert "\n- id: new-entry\n  title: A new entry\n" in after


def test_census_finds_comments_but_not_hashes_inside_values() -> None:
    text = 'a: "x # not a comment"  # real\n# full line\nb: |\n  # inside a block\nc: d#e\n'
    assert comment_census(text) == {"# real": 1, "# full line": 1}


def test_commit_writes_a_valid_edit_and_keeps_permissions(
    copy_fixture: Callable[[str], Path],
) -> None:
    path = copy_fixture("commented.yaml")
    path.chmod(0o640)
    doc = Document.read(path)
    commit(doc, _set_year(doc, 0, 2019))
    text = path.read_text(encoding="utf-8")
    assert "    year: 2019\n" in text
    assert comment_census(text) == comment_census(doc.text)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_an_invalid_edit_is_refused_and_nothing_is_written(
    copy_fixture: Callable[[str], Path],
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    doc = Document.read(path)
    level = doc.entry("resources", 1, "level")
    with pytest.raises(EditRejected) as caught:
        commit(doc, doc.apply([replace_scalar(doc.yaml, level, "expert")]))
    [problem] = caught.value.problems
    assert problem.path == "resources[1].level"
    assert problem.message == "text 'expert' is not one of: beginner, intermediate, advanced"
    assert problem.line == 58
    assert path.read_bytes() == before


def test_errors_the_file_already_had_do_not_block_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = (FIXTURES / "commented.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("level: beginner", "level: TODO"), encoding="utf-8")
    doc = Document.read(path)
    commit(doc, _set_year(doc, 2, 2022))
    assert "    year: 2022\n" in path.read_text(encoding="utf-8")


def test_dropping_a_comment_or_an_entry_is_refused(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    doc = Document.read(path)
    with pytest.raises(EditUnsafe, match="drop 1 comment"):
        commit(doc, doc.text.replace("  # the core idea", ""))
    start = doc.text.index("  - id: nanogpt")
    with pytest.raises(EditUnsafe, match="drop resources: nanogpt"):
        commit(doc, doc.text[:start] + "# end of file\n")
    assert path.read_bytes() == before


def test_an_edit_that_breaks_the_yaml_is_refused(copy_fixture: Callable[[str], Path]) -> None:
    doc = Document.read(copy_fixture("commented.yaml"))
    with pytest.raises(EditUnsafe, match="unreadable YAML"):
        commit(doc, doc.text + "  - [unclosed\n", write=False)


def test_an_interrupted_write_leaves_the_file_and_no_debris(
    copy_fixture: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    # Path.replace, not os.replace: on Python 3.10 pathlib holds its own reference to the
    # function, so patching os.replace would not interrupt anything there.
    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text(path, "topics: {}\nresources: []\n")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_write_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_text(link, "new\n")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = (FIXTURES / "commented.yaml").read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    doc = Document.read(path)
    commit(doc, doc.apply([append_resources(doc, [NEW])]))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert b"  - id: new-entry\r\n    title: A new entry\r\n" in raw


def test_mixed_line_endings_and_a_missing_final_newline_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = (FIXTURES / "commented.yaml").read_text(encoding="utf-8").removesuffix("\n")
    lines = text.split("\n")
    mixed = "\r\n".join(lines[:10]) + "\r\n" + "\n".join(lines[10:])  # no final newline
    path.write_bytes(mixed.encode())
    doc = Document.read(path)
    commit(doc, _set_year(doc, 2, 2022))
    raw = path.read_bytes().decode()
    assert raw == mixed.replace("year: 2023", "year: 2022")
    doc = Document.read(path)
    commit(doc, doc.apply([append_resources(doc, [NEW])]))
    raw = path.read_bytes().decode()
    assert raw.startswith("\r\n".join(lines[:10]) + "\r\n")
    assert not raw.endswith("\n")
    assert raw.endswith("# end of file")


def test_a_key_goes_where_the_schema_puts_it_before_the_comments_of_the_next(
    copy_fixture: Callable[[str], Path],
) -> None:
    from catalog.curate.order import resource_fields

    doc = Document.read(copy_fixture("commented.yaml"))
    vaswani = doc.entry("resources", 1)
    after = doc.apply([set_key(doc, vaswani, "free", True, resource_fields())])
    assert '    arxiv: "1706.03762"\n    level: advanced' in after  # as written, untouched
    assert "    language: en\n    free: true\n    description: 'The original" in after


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"topics: [unclosed\n", "not valid YAML"),
        (b"- a list\n", "top level must be a mapping"),
    ],
)
def test_unreadable_files_are_reported(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match=message):
        Document.read(path)


def test_a_missing_file_can_start_empty(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="file not found"):
        Document.read(tmp_path / "none.yaml")
    doc = Document.read(tmp_path / "none.yaml", create=True)
    assert doc.text.startswith("# yaml-language-server: $schema=catalog.schema.json\n")
    assert list(doc.data) == ["topics", "resources"]


def test_long_text_is_written_as_a_folded_block_that_reads_back_the_same() -> None:
    text = " ".join(["A description long enough to need several lines"] * 6) + "."
    lines = item_lines({"id": "a", "title": Folded("Short  title"), "description": Folded(text)}, 2)
    rendered = "resources:\n" + "\n".join(lines) + "\n"
    assert "    description: >-\n      A description long enough" in rendered
    assert "    title: Short title\n" in rendered
    assert all(len(line) <= 6 + 88 for line in rendered.splitlines())
    assert data_of(rendered)["resources"][0]["description"] == text


def test_a_change_made_on_disk_meanwhile_is_not_overwritten(
    copy_fixture: Callable[[str], Path],
) -> None:
    path = copy_fixture("commented.yaml")
    doc = Document.read(path)
    edited = _set_year(doc, 2, 2022)
    someone_else = path.read_text(encoding="utf-8").replace("year: 2018", "year: 2017")
    path.write_text(someone_else, encoding="utf-8")
    with pytest.raises(EditUnsafe, match="changed on disk while this command ran"):
        commit(doc, edited)
    assert path.read_text(encoding="utf-8") == someone_else


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        # after a kept block, whose blank line is part of its value
        ("  - id: a\n    description: |+\n      text\n\n", "      text\n\n  - id: new-entry\n"),
        # a dash on its own line
        ("  -\n    id: a\n    description: d\n", "    description: d\n  - id: new-entry\n"),
        # a flow list stays one
        (
            "  [{id: a, description: d}]\n",
            "[{id: a, description: d}, {id: new-entry, title: A new entry, url: https://example.org/new",
        ),
    ],
)
def test_an_entry_goes_in_whatever_the_list_looks_like(resources: str, expected: str) -> None:
    text = "topics: {code: {title: C, description: D}}\nresources:\n" + resources + "check: {}\n"
    doc = Document.parse(text, "x")
    after = doc.apply([append_resources(doc, [NEW])])
    assert expected in after
    old, new = data_of(text)["resources"], data_of(after)["resources"]
    assert new[:-1] == old
    assert new[-1]["id"] == "new-entry"


def test_a_list_written_as_an_alias_is_not_edited_through_it() -> None:
    text = "topics: {}\nall: &r [{id: a}]\nresources: *r\n"
    doc = Document.parse(text, "x")
    with pytest.raises(EditUnsafe, match="'resources' is written with an anchor or an alias"):
        append_resources(doc, [NEW])
    assert not doc.editable("resources", 0)
    assert doc.editable("topics")
