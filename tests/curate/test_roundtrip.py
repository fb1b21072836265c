"""Round trips: Markdown list -> import -> export -> the same links (and back again)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .conftest import FIXTURES, run

LIST = FIXTURES / "awesome-transformers.md"
FILLED = {
    "year: TODO": "year: 2020",
    "level: TODO": "level: beginner",
    "kind: TODO": "kind: article",
    "authors: TODO": "authors: [Someone]",
    'description: ""': "description: Filled in.",
}


def _links(markdown: str) -> set[str]:
    return set(re.findall(r"\]\((https?://[^)\s]+)\)", markdown))


def _import_and_fill(markdown: Path, catalog: Path) -> dict[str, str]:
    """Import a list, fill every placeholder as a curator would, return {url: title}."""
    code, _, err = run("import", str(markdown), "-c", str(catalog))
    assert code == 0, err
    text = catalog.read_text(encoding="utf-8")
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    catalog.write_text(text, encoding="utf-8")
    assert run("validate", "-c", str(catalog))[0] == 0
    return {r["url"]: r["title"] for r in yaml.safe_load(text)["resources"]}


def test_import_then_export_gives_the_same_links(tmp_path: Path) -> None:
    imported = _import_and_fill(LIST, tmp_path / "catalog.yaml")
    assert len(imported) >= 100
    code, exported, err = run(
        "export", "--format", "markdown", "-c", str(tmp_path / "catalog.yaml")
    )
    assert code == 0, err
    assert _links(exported) == set(imported)


def test_the_exported_list_imports_back_to_the_same_resources(tmp_path: Path) -> None:
    imported = _import_and_fill(LIST, tmp_path / "first.yaml")
    code, exported, _ = run("export", "--format", "markdown", "-c", str(tmp_path / "first.yaml"))
    assert code == 0
    listing = tmp_path / "exported.md"
    listing.write_text(exported, encoding="utf-8")
    code, _, err = run("import", str(listing), "-c", str(tmp_path / "second.yaml"))
    assert code == 0, err
    again = yaml.safe_load((tmp_path / "second.yaml").read_text(encoding="utf-8"))["resources"]
    assert {r["url"]: r["title"] for r in again} == imported
