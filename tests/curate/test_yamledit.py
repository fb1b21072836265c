"""The shared round-trip editor: lossless reading, guarded atomic writes."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog.curate.comments import comment_census
from catalog.curate.errors import EditRejected, EditUnsafe, UnreadableInput
from catalog.curate.yamledit import Document, commit, guess_indent, plain_data
from catalog.files import write_text

from .conftest import FIXTURES

SHIPPED = Path(__file__).parents[2] / "resources.yaml"


@pytest.mark.parametrize("name", ["commented.yaml", "sections.yaml", "commented.formatted.yaml"])
def test_reading_and_writing_back_changes_nothing(name: str) -> None:
    doc = Document.read(FIXTURES / name)
    assert doc.render() == (FIXTURES / name).read_text(encoding="utf-8")


def test_the_shipped_catalog_survives_a_round_trip() -> None:
    # Its text is the curator's, still being written; what must hold is that an edit keeps
    # every comment and value (the exact bytes are checked on the fixtures above).
    doc = Document.read(SHIPPED)
    text = doc.render()
    assert comment_census(text) == comment_census(doc.text)
    assert plain_data(text, "x") == plain_data(doc.text, "x")


def test_census_finds_comments_but_not_hashes_inside_values() -> None:
    text = 'a: "x # not a comment"  # real\n# full line\nb: |\n  # inside a block\nc: d#e\n'
    assert comment_census(text) == {"# real": 1, "# full line": 1}


def test_guess_indent_follows_the_file() -> None:
    assert guess_indent("a:\n    b: 1\nc:\n- 1\n") == (4, 2, 0)
    assert guess_indent("a:\n  b: 1\nc:\n  - 1\n") == (2, 4, 2)


def test_commit_writes_a_valid_edit_and_keeps_permissions(
    copy_fixture: Callable[[str], Path],
) -> None:
    path = copy_fixture("commented.yaml")
    path.chmod(0o640)
    doc = Document.read(path)
    doc.resources[0]["year"] = 2019
    commit(doc)
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
    doc.resources[1]["level"] = "expert"
    with pytest.raises(EditRejected) as caught:
        commit(doc)
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
    doc.resources[2]["year"] = 2022
    commit(doc)
    assert "    year: 2022\n" in path.read_text(encoding="utf-8")


def test_dropping_a_comment_or_an_entry_is_refused(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    doc = Document.read(path)
    with pytest.raises(EditUnsafe, match="drop 1 comment"):
        commit(doc, doc.text.replace("  # the core idea", ""))
    del doc.resources[2]
    with pytest.raises(EditUnsafe, match="drop resources: nanogpt"):
        commit(doc)
    assert path.read_bytes() == before


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
    doc.resources[2]["year"] = 2022
    commit(doc)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert b"year: 2022\r\n" in raw


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
    from catalog.curate.yamledit import folded

    text = " ".join(["A description long enough to need several lines"] * 6) + "."
    doc = Document.parse("topics: {}\nresources:\n  - id: a\n", "x")
    doc.resources[0]["description"] = folded(text)
    doc.resources[0]["title"] = folded("Short  title")
    rendered = doc.render()
    assert "    description: >-\n      A description long enough" in rendered
    assert "    title: Short title\n" in rendered
    assert all(len(line) <= 6 + 88 for line in rendered.splitlines())
    assert plain_data(rendered, "x")["resources"][0]["description"] == text


def test_a_change_made_on_disk_meanwhile_is_not_overwritten(
    copy_fixture: Callable[[str], Path],
) -> None:
    path = copy_fixture("commented.yaml")
    doc = Document.read(path)
    doc.resources[2]["year"] = 2022
    someone_else = path.read_text(encoding="utf-8").replace("year: 2018", "year: 2017")
    path.write_text(someone_else, encoding="utf-8")
    with pytest.raises(EditUnsafe, match="changed on disk while this command ran"):
        commit(doc)
    assert path.read_text(encoding="utf-8") == someone_else
