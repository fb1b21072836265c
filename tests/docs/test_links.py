"""Every link of the README and the docs leads somewhere.

Links between pages are checked by ``mkdocs build --strict`` (the ``site`` fixture), headings
included. The README is also PyPI's page, so it links only with absolute URLs: those into the
site must name a built page and a heading on it, and those into the repository on GitHub must
name a file or folder that exists.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

from .refresh import ROOT

SITE = "https://transformers-catalog.github.io/catalog/"
REPO = "https://github.com/transformers-catalog/catalog/"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def links(path: Path) -> list[str]:
    """The target of every link and image in a Markdown file, in order."""
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8")):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
            elif child.type == "image":
                found.append(str(child.attrs["src"]))
    return found


def _ids(page: Path) -> set[str]:
    return {html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', page.read_text("utf-8"))}


def test_the_site_builds_strictly(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "resources.fa" / "index.html").is_file()


def test_the_links_are_found() -> None:
    # Guards the extraction: if it found nothing, the tests below would pass on anything.
    readme = links(ROOT / "README.md")
    assert f"{SITE}resources.fa/" in readme
    assert any(link.startswith(REPO + "blob/main/") for link in readme)


def test_the_readme_links_absolutely_so_pypi_can_follow() -> None:
    relative = [link for link in links(ROOT / "README.md") if not urlsplit(link).scheme]
    assert relative == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_into_the_site_reach_a_page_and_heading(page: Path, site: Path) -> None:
    for link in links(page):
        if not link.startswith(SITE):
            continue
        parts = urlsplit(link)
        built = site / unquote(parts.path[len(urlsplit(SITE).path) :]) / "index.html"
        assert built.is_file(), f"{page.name}: {link}: no such page on the site"
        if parts.fragment:
            assert unquote(parts.fragment) in _ids(built), f"{page.name}: {link}: no such heading"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_into_the_repository_name_what_exists(page: Path) -> None:
    for link in links(page):
        match = re.match(re.escape(REPO) + r"(blob|tree|edit)/main/([^#?]+)", link)
        workflow = re.match(re.escape(REPO) + r"actions/workflows/([^/]+\.yml)", link)
        if match:
            target = ROOT / unquote(match[2])
            wanted = target.is_dir() if match[1] == "tree" else target.is_file()
            assert wanted, f"{page.name}: {link}: no such {match[1]} in the repository"
        elif workflow:
            assert (ROOT / ".github" / "workflows" / workflow[1]).is_file(), link
