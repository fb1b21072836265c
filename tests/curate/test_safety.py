"""Every command leaves the file byte-identical when it fails, whatever the failure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FIXTURES, run

LIST = str(FIXTURES / "awesome-transformers.md")


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    report = tmp_path / "check.json"
    result = {"id": "illustrated", "url": "https://jalammar.github.io/illustrated-transformer/"}
    result |= {"status": "redirected", "final_url": "https://e.org/moved"}
    report.write_text(json.dumps({"summary": {}, "results": [result]}), encoding="utf-8")
    add = ["add", "https://e.org/new", "--no-fetch", "--yes", "--title", "New", "--topic", "code"]
    return {
        "fmt": ["fmt"],
        "import": ["import", LIST],
        "fix": ["fix", "--report", str(report), "--yes", "--no-archive"],
        "add": add,
    }


COMMANDS = ["fmt", "import", "fix", "add"]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_interrupted_write_leaves_the_file_as_it_was(
    command: str,
    copy_fixture: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()

    def interrupted(self: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    code, _, _ = run(*_commands(tmp_path)[command], "-c", str(path))
    assert code != 0
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["check.json", "commented.yaml"]


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
    command: str, copy_fixture: Callable[[str], Path], tmp_path: Path
) -> None:
    """The counterpart of the two tests above: the same commands do write when all is well."""
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = run(*_commands(tmp_path)[command], "-c", str(path))
    assert code == 0, err
    assert path.read_bytes() != before


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
