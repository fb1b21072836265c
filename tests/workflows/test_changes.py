"""`catalog.changes.changed_resource_ids` against a real temporary git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from catalog.changes import ChangesError, changed_resource_ids, old_urls
from catalog.errors import CatalogError

from .helpers import HEAD, entry


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "test@example.invalid")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "commit.gpgsign", "false")
    return tmp_path


def commit(repo: Path, text: str, name: str = "resources.yaml") -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", "update")


def test_added_and_repointed_resources_are_reported(repo: Path) -> None:
    commit(
        repo,
        HEAD + entry("alpha", "https://example.org/a") + entry("beta", "https://example.org/b"),
    )
    path = repo / "resources.yaml"
    path.write_text(
        HEAD
        + entry("alpha", "https://example.org/a")  # unchanged
        + entry("beta", "https://example.org/b2")  # URL changed
        + entry("gamma", "https://example.org/c"),  # added
        encoding="utf-8",
    )
    assert changed_resource_ids(path, "HEAD") == {"beta", "gamma"}


def test_scheme_change_counts_as_a_change(repo: Path) -> None:
    commit(repo, HEAD + entry("alpha", "http://example.org/a"))
    path = repo / "resources.yaml"
    path.write_text(HEAD + entry("alpha", "https://example.org/a"), encoding="utf-8")
    assert changed_resource_ids(path, "HEAD") == {"alpha"}


def test_nothing_changed_and_removals_are_ignored(repo: Path) -> None:
    commit(
        repo,
        HEAD + entry("alpha", "https://example.org/a") + entry("beta", "https://example.org/b"),
    )
    path = repo / "resources.yaml"
    path.write_text(HEAD + entry("alpha", "https://example.org/a"), encoding="utf-8")
    assert changed_resource_ids(path, "HEAD") == set()


def test_a_branch_name_and_a_commit_sha_both_work(repo: Path) -> None:
    commit(repo, HEAD + entry("alpha", "https://example.org/a"))
    sha = git(repo, "rev-parse", "HEAD")
    commit(
        repo,
        HEAD + entry("alpha", "https://example.org/a") + entry("beta", "https://example.org/b"),
    )
    path = repo / "resources.yaml"
    assert changed_resource_ids(path, sha) == {"beta"}
    assert changed_resource_ids(path, "main") == set()


def test_file_missing_at_ref_means_everything_is_new(repo: Path) -> None:
    commit(repo, "unrelated\n", name="README.md")
    path = repo / "resources.yaml"
    path.write_text(HEAD + entry("alpha", "https://example.org/a"), encoding="utf-8")
    assert changed_resource_ids(path, "HEAD") == {"alpha"}


def test_invalid_old_catalog_is_read_tolerantly(repo: Path) -> None:
    # 'year' is text and the topic is unknown: invalid for the loader, but ids and URLs are there.
    broken = (HEAD + entry("alpha", "https://example.org/a")).replace("year: 2020", "year: soon")
    commit(repo, broken + entry("beta", "https://example.org/b").replace("[basics]", "[nope]"))
    path = repo / "resources.yaml"
    path.write_text(
        HEAD + entry("alpha", "https://example.org/a") + entry("beta", "https://example.org/b9"),
        encoding="utf-8",
    )
    assert changed_resource_ids(path, "HEAD") == {"beta"}


def test_old_file_that_is_not_yaml_makes_everything_changed(repo: Path) -> None:
    commit(repo, "resources: [unclosed\n  - : :\n")
    path = repo / "resources.yaml"
    path.write_text(HEAD + entry("alpha", "https://example.org/a"), encoding="utf-8")
    assert changed_resource_ids(path, "HEAD") == {"alpha"}


def test_catalog_in_a_subfolder_is_resolved_relative_to_it(repo: Path) -> None:
    commit(repo, HEAD + entry("alpha", "https://example.org/a"), name="data/list.yaml")
    path = repo / "data" / "list.yaml"
    path.write_text(HEAD + entry("alpha", "https://example.org/z"), encoding="utf-8")
    assert old_urls(path, "HEAD") == {"alpha": "https://example.org/a"}
    assert changed_resource_ids(path, "HEAD") == {"alpha"}


def test_unknown_ref_says_how_to_fix_it(repo: Path) -> None:
    commit(repo, HEAD + entry("alpha", "https://example.org/a"))
    with pytest.raises(ChangesError, match=r"unknown git revision 'origin/nope'.*fetch"):
        changed_resource_ids(repo / "resources.yaml", "origin/nope")


def test_option_like_ref_is_refused(repo: Path) -> None:
    commit(repo, HEAD + entry("alpha", "https://example.org/a"))
    with pytest.raises(ChangesError, match="not a git revision"):
        changed_resource_ids(repo / "resources.yaml", "--output=/tmp/x")


def test_outside_a_git_work_tree(tmp_path: Path) -> None:
    path = tmp_path / "resources.yaml"
    path.write_text(HEAD + entry("alpha", "https://example.org/a"), encoding="utf-8")
    with pytest.raises(ChangesError, match="not in a git work tree"):
        changed_resource_ids(path, "HEAD")


def test_invalid_working_tree_catalog_raises_catalog_error(repo: Path) -> None:
    commit(repo, HEAD + entry("alpha", "https://example.org/a"))
    path = repo / "resources.yaml"
    path.write_text(HEAD + entry("alpha", "not a url"), encoding="utf-8")
    with pytest.raises(CatalogError):
        changed_resource_ids(path, "HEAD")


def test_git_missing_from_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, HEAD + entry("alpha", "https://example.org/a"))
    monkeypatch.setenv("PATH", str(repo / "no-bin-here"))
    with pytest.raises(ChangesError, match="git is not installed"):
        changed_resource_ids(repo / "resources.yaml", "HEAD")
