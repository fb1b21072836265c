"""Every command leaves the file byte-identical when it fails, whatever the failure, and keeps
every comment and every entry when it succeeds: on the small fixture and on 1,000 entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.curate.yamledit import comment_census

from .big import catalog, url
from .conftest import FIXTURES, data_of, run, write_report
from .stub import Stub, page, serving

LIST = str(FIXTURES / "awesome-transformers.md")
COMMANDS = ["fmt", "import", "fix", "add"]
ADD = ["--no-fetch", "--yes", "--title", "New", "--topic", "code", "--level", "beginner"]
ADD += ["--year", "2024", "--author", "Ann Author", "--description", "A new page."]


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    """The commands on commented.yaml."""
    result = {"id": "illustrated", "url": "https://jalammar.github.io/illustrated-transformer/"}
    result |= {"status": "redirected", "final_url": "https://e.org/moved"}
    return {
        "fmt": ["fmt"],
        "import": ["import", LIST],
        "fix": ["fix", "--report", str(write_report(tmp_path, result)), "--yes", "--no-archive"],
        "add": ["add", "https://e.org/new", *ADD],
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_an_interrupted_write_leaves_the_file_as_it_was(
    command: str,
    commented: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = commented.read_bytes()

    def interrupted(self: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    code, _, _ = run(*_commands(tmp_path)[command], "-c", str(commented))
    assert code != 0
    assert commented.read_bytes() == before
    assert sorted(p.name for p in commented.parent.iterdir()) == ["check.json", "commented.yaml"]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreadable_catalog_is_left_alone(command: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(b"topics: {a: [unclosed\nresources: []\n")
    code, _, err = run(*_commands(tmp_path)[command], "-c", str(path))
    assert code == 2
    assert "not valid YAML" in err
    assert path.read_bytes() == b"topics: {a: [unclosed\nresources: []\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_succeeds_on_the_fixture(
    command: str, commented: Path, tmp_path: Path
) -> None:
    """The counterpart of the two tests above: the same commands do write when all is well."""
    before = commented.read_bytes()
    code, _, err = run(*_commands(tmp_path)[command], "-c", str(commented))
    assert code == 0, err
    assert commented.read_bytes() != before


@pytest.mark.parametrize("command", COMMANDS)
def test_edits_default_to_the_resources_file_here_and_never_to_the_packaged_one(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if command == "import":  # import creates the file it is asked to fill
        assert run(*_commands(tmp_path)[command])[0] == 0
        assert (tmp_path / "resources.yaml").is_file()
        return
    code, _, err = run(*_commands(tmp_path)[command])
    assert code == 2
    assert "resources.yaml: file not found; pass --catalog PATH" in err


@pytest.mark.parametrize("command", ["fix", "add"])
def test_a_change_made_while_the_command_waits_at_its_prompt_is_not_overwritten(
    command: str,
    commented: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import typer

    someone_else = commented.read_text(encoding="utf-8").replace("year: 2018", "year: 2017")

    def meanwhile(*_: object, **__: object) -> bool:
        commented.write_text(someone_else, encoding="utf-8")
        return True

    monkeypatch.setattr(typer, "confirm", meanwhile)
    args = [a for a in _commands(tmp_path)[command] if a != "--yes"]
    code, _, err = run(*args, "-c", str(commented), input="\n" * 10)  # defaults to the questions
    assert code == 1
    assert "changed on disk while this command ran; nothing was written" in err
    assert commented.read_text(encoding="utf-8") == someone_else


# --- 1,000 entries ----------------------------------------------------------------------------

BIG = catalog(1000)


@pytest.fixture(scope="module")
def pages() -> Iterator[Stub]:
    with serving({"/page": page("<html><head><title>A page</title></head></html>")}) as stub:
        yield stub


def _big_commands(tmp_path: Path, pages: Stub) -> dict[str, list[str]]:
    results: list[dict[str, object]] = [
        {"id": f"resource-{i:04d}", "url": url(i), "status": "redirected"}
        | {"final_url": f"https://moved.example.org/{i}"}
        for i in range(0, 1000, 20)
    ]
    results.append(
        {"id": "resource-0007", "url": url(7), "status": "drifted", "title": "Now: another page"}
    )
    fix = ["fix", "--report", str(write_report(tmp_path, *results)), "--yes", "--no-archive"]
    add = ["add", pages.url("/page"), "--allow-network", "127.0.0.0/8", *ADD[1:]]
    return {"fmt": ["fmt"], "import": ["import", LIST], "fix": fix, "add": add}


def _ids(text: str) -> Counter[str]:
    return Counter(str(r["id"]) for r in data_of(text)["resources"])


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_every_comment_and_entry_survives_each_command_on_1000_entries(
    command: str, tmp_path: Path, pages: Stub
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(BIG, encoding="utf-8")
    code, _, err = run(*_big_commands(tmp_path, pages)[command], "-c", str(path))
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after != BIG
    assert comment_census(after) - comment_census(BIG) == Counter() or command == "import"
    assert not comment_census(BIG) - comment_census(after)
    assert not _ids(BIG) - _ids(after)
    if command == "fmt":
        assert comment_census(after) == comment_census(BIG)
        assert data_of(after) == data_of(BIG)
        assert run("fmt", "--check", "-c", str(path))[0] == 0
    if command in ("add", "fix"):
        old, new = BIG.splitlines(), after.splitlines()
        assert len(new) - len(old) == (11 if command == "add" else 1)  # one key for the review
    assert run("validate", "-c", str(path))[0] in (0, 1)  # import leaves placeholders


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_an_interrupted_write_leaves_1000_entries_byte_identical(
    command: str, tmp_path: Path, pages: Stub, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(BIG.encode())

    def interrupted(self: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    code, _, _ = run(*_big_commands(tmp_path, pages)[command], "-c", str(path))
    assert code != 0
    assert path.read_bytes() == BIG.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml", "check.json"]
