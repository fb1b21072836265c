"""The HTML page in real headless Chromium (Debian's binary, driven by Playwright).

The page loads from file://, every request it makes is recorded (only file:// may appear), the
Content-Security-Policy must report nothing (so its hashes match the inline style and script),
filters and search narrow the list, the keyboard reaches the controls, and screenshots go to
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.export import ExportOptions, Format, render
from catalog.models import Catalog

from .helpers import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"


class Page:
    """One page with every request and console problem recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.context = browser.new_context(viewport={"width": 1000, "height": 900})
        self.page = self.context.new_page()
        self.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.goto(path.as_uri())

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file://") or url.startswith(("http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(message.text)

    def visible_ids(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "li.resource:not([hidden])", "items => items.map(i => i.dataset.id)"
        )
        return ids

    def status(self) -> str:
        return str(self.page.text_content("#status")).strip()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path, fixture_catalog: Catalog) -> Iterator[Any]:
    pages: list[Page] = []

    def opener(options: ExportOptions) -> Page:
        path = tmp_path / f"page.{options.lang}.html"
        path.write_text(render(fixture_catalog, Format.html, options), encoding="utf-8")
        page = Page(browser, path)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        assert page.problems == []  # no CSP report, no script error
        assert all(u.startswith("file://") for u in page.requests), page.requests
        page.context.close()


def test_page_filters_searches_and_stays_offline(open_page: Any, fixture_catalog: Catalog) -> None:
    view = open_page(ExportOptions())
    page = view.page
    every = [r.id for r in fixture_catalog.resources]
    assert page.title() == "Transformer learning resources"
    assert sorted(view.visible_ids()) == sorted(every)
    assert view.status() == "Showing 7 of 7"

    page.select_option("#f-kind", "paper")
    assert view.visible_ids() == ["vaswani-2017"]
    assert view.status() == "Showing 1 of 7"
    assert page.is_hidden("section.group:has(#r-dna-repo)")
    assert page.text_content("section.group:has(#r-vaswani-2017) .count") == "(1)"

    page.select_option("#f-kind", "")
    page.select_option("#f-topics", "bio")
    assert sorted(view.visible_ids()) == ["dna-repo", "persian-post"]
    page.select_option("#f-language", "fa")
    assert view.visible_ids() == ["persian-post"]
    page.select_option("#f-topics", "")
    page.select_option("#f-language", "")

    page.fill("#q", "dnabert genome")
    assert view.visible_ids() == ["dna-repo"]
    page.fill("#q", "no such thing")
    assert view.visible_ids() == []
    assert page.is_visible("#empty")
    page.fill("#q", "")
    assert len(view.visible_ids()) == len(every)

    # The injected title is text, not markup: no script ran, no element was created.
    assert page.eval_on_selector("#r-injection-title a bdi", "e => e.children.length") == 0
    assert "<script>" in str(page.text_content("#r-injection-title a"))

    ARTIFACTS.mkdir(exist_ok=True)
    page.select_option("#f-level", "beginner")
    page.screenshot(path=str(ARTIFACTS / "export-page-en.png"), full_page=True)


def test_page_is_usable_from_the_keyboard(open_page: Any) -> None:
    view = open_page(ExportOptions())
    page = view.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("vaswani")
    assert sorted(view.visible_ids()) == ["vaswani-2017", "vaswani-2017-talk"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-topics"
    labels = page.eval_on_selector_all(
        "input, select", "els => els.map(e => e.labels.length === 1 && e.labels[0].textContent)"
    )
    assert all(labels), labels
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring


def test_persian_page_is_right_to_left(open_page: Any) -> None:
    view = open_page(ExportOptions(lang="fa"))
    page = view.page
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "fa"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert view.status() == "نمایش ۷ از ۷"
    description = "#r-serrano-playlist p.description"
    assert page.get_attribute(description, "lang") == "fa"
    assert page.get_attribute(description, "dir") == "rtl"
    fallback = page.eval_on_selector("#r-vaswani-2017 p.description bdi", "e => [e.lang, e.dir]")
    assert fallback == ["en", "ltr"]
    assert page.text_content("#r-vaswani-2017 .fallback") == "به انگلیسی"
    # Search folds Arabic yeh/kaf and ZWNJ: typed without ZWNJ, with Arabic yeh, it still finds.
    page.fill("#q", "نوشته اي")
    assert view.visible_ids() == ["persian-post"]
    page.fill("#q", "")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "export-page-fa.png"), full_page=True)


def test_persian_markdown_renders_right_to_left(
    browser: Any, tmp_path: Path, fixture_catalog: Catalog
) -> None:
    """The Markdown as a CommonMark renderer turns it into HTML, shown the way GitHub would:
    only the outer ``<div dir="rtl" lang="fa">`` carries a direction."""
    from markdown_it import MarkdownIt

    markdown = render(fixture_catalog, Format.markdown, ExportOptions(lang="fa"))
    body = MarkdownIt("commonmark").render(markdown)
    path = tmp_path / "markdown.fa.html"
    path.write_text(
        '<!doctype html><meta charset="utf-8"><title>fa</title>'
        "<style>body{font:16px/1.5 sans-serif;max-width:60rem;margin:auto}</style>" + body,
        encoding="utf-8",
    )
    view = Page(browser, path)
    page = view.page
    directions = page.eval_on_selector_all(
        "h1, h2, h3, li, p", "els => els.map(e => getComputedStyle(e).direction)"
    )
    assert directions
    assert set(directions) == {"rtl"}
    # An English title keeps its closing parenthesis: the LRMs hold it inside the run.
    link = page.text_content("a[href='https://example.org/talks/attention?lang=en&t=1']")
    assert link == "\u200eAttention Is All You Need (talk)\u200e"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "export-markdown-fa.png"), full_page=True)
    assert view.problems == []
    view.context.close()


def test_search_folds_the_query_as_catalog_search_does_and_knows_the_glossary(
    browser: Any, tmp_path: Path, shipped_catalog: Catalog
) -> None:
    """The page gets its folding table from catalog.textnorm and each resource's text folded,
    with the other forms of its glossary terms: Persian digits, Arabic letter forms, a missing
    ZWNJ and a Persian term for an English one all find what `catalog search` would."""
    from catalog.export.html_page import _search_text
    from catalog.glossary import Glossary
    from catalog.textnorm import words

    path = tmp_path / "shipped.html"
    path.write_text(render(shipped_catalog, Format.html, ExportOptions()), encoding="utf-8")
    view = Page(browser, path)
    glossary = Glossary(shipped_catalog.glossary)
    texts = {
        r.id: f" {_search_text(r, shipped_catalog, glossary)} " for r in shipped_catalog.resources
    }

    def expected(query: str) -> list[str]:
        wanted = words(query)
        return sorted(i for i, t in texts.items() if all(w in t for w in wanted))

    def shown(query: str) -> list[str]:
        view.page.fill("#q", query)
        return sorted(view.visible_ids())

    assert "vaswani-2017-attention" in shown("۲۰۱۷ attention")
    assert shown("۲۰۱۷ attention") == shown("2017 attention") == expected("2017 attention")
    persian = shown("مدل‌های زبانی")
    assert persian
    assert shown("مدلهاي زباني") == persian  # Arabic yeh, no ZWNJ
    # "mechanism" is avoided in Persian as مکانیزم: the glossary maps it to attention mechanism
    through_glossary = shown("مکانیزم توجه")
    assert through_glossary == expected("مکانیزم توجه")
    assert through_glossary
    # most of them never write the avoided form: they are found through the glossary
    raw = {
        r.id: " ".join(words(" ".join(r.descriptions.values()) + " " + r.title))
        for r in shipped_catalog.resources
    }
    written = [i for i in through_glossary if "مکانیزم" in raw[i]]
    assert len(through_glossary) > 2 * len(written)
    # the page's own words in either language: a topic's Persian title, a level's label
    fundamentals = {r.id for r in shipped_catalog.resources if "fundamentals" in r.topics}
    assert fundamentals <= set(shown("مبانی"))
    beginner = {r.id for r in shipped_catalog.resources if r.level == "beginner"}
    assert beginner <= set(shown("مقدماتی"))
    assert view.problems == []
    view.context.close()
