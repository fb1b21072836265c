"""Which resources a working tree adds or re-points, compared with a git revision.

Pull-request CI link-checks only these, so that old link rot never blocks a contributor::

    >>> changed_resource_ids(Path("resources.yaml"), "origin/main")
    {'new-paper', 'moved-course'}

Errors::

    ChangesError        git is missing, the folder is not a git work tree, or REF is unknown
    CatalogError        the working-tree catalog itself is invalid (from :func:`catalog.load`)

The old file is read as leniently as possible: if it was invalid at REF (a broken base branch must
not stop a fix), only its ids and URLs are read with a plain YAML parser; if it did not exist,
every resource counts as added.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from catalog.errors import ChangesError

__all__ = ["ChangesError", "changed_resource_ids", "old_urls"]


def changed_resource_ids(catalog_path: Path, ref: str) -> set[str]:
    """Ids of resources in ``catalog_path`` that are new or whose ``url`` differs at ``ref``.

    URLs are compared exactly (after trimming white space): a switch from http to https, or a
    new query string, is a different request and gets checked.
    """
    from catalog.loader import load

    catalog_path = Path(catalog_path)
    current = load(catalog_path)
    before = old_urls(catalog_path, ref)
    return {r.id for r in current.resources if before.get(r.id) != r.url.strip()}


def old_urls(catalog_path: Path, ref: str) -> dict[str, str]:
    """``{id: url}`` of the catalog file as it was at ``ref`` (empty if it did not exist)."""
    text = _old_text(Path(catalog_path), ref)
    if text is None:
        return {}
    return _urls_from_text(text, f"{ref}:{Path(catalog_path).name}")


def _old_text(catalog_path: Path, ref: str) -> str | None:
    folder = catalog_path.resolve().parent
    if ref.startswith("-") or not ref.strip():
        raise ChangesError(f"'{ref}' is not a git revision; pass a branch, tag or commit")
    _git(folder, "rev-parse", "--is-inside-work-tree", what=f"{folder} is not in a git work tree")
    _git(
        folder,
        "rev-parse",
        "--verify",
        "--quiet",
        f"{ref}^{{commit}}",
        what=(
            f"unknown git revision '{ref}'; fetch it first (for example "
            "'git fetch origin main', or 'fetch-depth: 0' in actions/checkout)"
        ),
    )
    # "./name" makes git resolve the path relative to the folder we run in, not the repo root.
    spec = f"{ref}:./{catalog_path.name}"
    exists = _run(folder, "cat-file", "-e", spec)
    if exists.returncode != 0:
        return None
    shown = _git(folder, "show", spec, what=f"cannot read {spec} from git")
    return shown.decode("utf-8", errors="replace")


def _urls_from_text(text: str, source: str) -> dict[str, str]:
    from catalog.errors import CatalogError
    from catalog.loader import loads

    try:
        return {r.id: r.url.strip() for r in loads(text, source=source).resources}
    except CatalogError:
        return _tolerant_urls(text)


def _tolerant_urls(text: str) -> dict[str, str]:
    """Ids and URLs from any YAML that looks roughly like a catalog; {} if it is not YAML."""
    from catalog.errors import CatalogReadError
    from catalog.yamldoc import parse, to_python

    try:
        data: Any = to_python(parse(text))
    except CatalogReadError:
        return {}  # unreadable: every current resource counts as changed, the safe side
    resources = data.get("resources") if isinstance(data, dict) else None
    urls: dict[str, str] = {}
    for entry in resources if isinstance(resources, list) else []:
        if isinstance(entry, dict):
            rid, url = entry.get("id"), entry.get("url")
            if isinstance(rid, str) and isinstance(url, str):
                urls.setdefault(rid, url.strip())
    return urls


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            check=False,
            # Never prompt for credentials or open a pager inside CI.
            env=_git_env(),
        )
    except FileNotFoundError:
        raise ChangesError("git is not installed or not on PATH; install git") from None
    except OSError as exc:
        raise ChangesError(f"cannot run git: {exc}") from None


def _git(folder: Path, *args: str, what: str) -> bytes:
    result = _run(folder, *args)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise ChangesError(what + (f" (git: {detail[-1]})" if detail else ""))
    return result.stdout


def _git_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"})
    return env
