"""The built site in real headless Chromium (Debian's binary, driven by Playwright).

The site is served on 127.0.0.1 and every other request is refused and recorded: styles,
scripts and fonts must all come from the site itself. The Persian
list must be laid out right to left as a whole page, its nested table of contents must nest, and
every in-page link must reach a heading, Persian anchors included. Screenshots go to
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .refresh import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
ANCHORS_RESOLVE = """() => [...document.querySelectorAll('article a[href^="#"]')]
    .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter(id => id && !document.getElementById(id))"""
LIST_STYLES = """() => [...document.querySelectorAll('article ol')]
    .map(e => getComputedStyle(e).listStyleType)"""
DIRECTIONS = """selector => [...document.querySelectorAll(selector)]
    .map(e => getComputedStyle(e).direction)"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def open_page(browser: Any, served: str) -> Iterator[Any]:
    contexts: list[Any] = []
    outside: list[str] = []
    errors: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(served):
            route.continue_()
        else:
            outside.append(f"{route.request.resource_type} {route.request.url}")
            route.abort()

    def opener(path: str) -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + path)
        page.wait_for_load_state("load")
        return page

    yield opener
    for context in contexts:
        context.close()
    assert errors == []
    # The site brings its own styles, scripts and fonts. Only the README's badges (images) and
    # the theme's look-up of the repository's stars may try to leave, and they are refused.
    assert all(
        r.startswith(("image ", "fetch https://api.github.com/", "xhr https://api.github.com/"))
        for r in outside
    ), outside


def test_the_persian_list_reads_right_to_left(open_page: Any) -> None:
    page = open_page("resources.fa/")
    assert page.evaluate("document.documentElement.lang") == "fa"
    assert page.evaluate("document.body.dir") == "rtl"
    for selector in ("article h1", "article h2", "article h3", "article p", "article li"):
        directions = page.evaluate(DIRECTIONS, selector)
        assert directions, selector
        assert set(directions) == {"rtl"}, selector
    # The text starts at the right: a list item's right edge is the article's.
    article = page.locator("article").bounding_box()
    item = page.locator("article ul li").first.bounding_box()
    assert item["x"] + item["width"] > article["x"] + article["width"] - 60
    assert page.locator("article ul ul li").count() >= 4  # the paths nest under their heading
    assert page.evaluate(ANCHORS_RESOLVE) == []
    assert set(page.evaluate(LIST_STYLES)) == {"persian"}  # numbered like the text around
    page.locator("article ul li a").first.click()
    assert page.evaluate("decodeURIComponent(location.hash)") == "#مسیرهای-یادگیری"
    page.wait_for_timeout(500)  # let the header finish its title transition
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-resources-fa.png"))


def test_the_english_list_and_the_home_page(open_page: Any) -> None:
    page = open_page("resources.en/")
    assert page.evaluate("document.body.dir") == "ltr"
    assert page.locator("article ul ul li").count() >= 4
    assert page.evaluate(ANCHORS_RESOLVE) == []
    home = open_page("")
    assert home.locator("article h1").inner_text().rstrip("¶") == "catalog"
    code = home.locator("article pre").all_inner_texts()
    assert any("pip install . && catalog search attention" in c for c in code)
    assert home.locator('article a[href$="/resources.fa/"]').count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    home.screenshot(path=str(ARTIFACTS / "docs-index.png"))
    home.goto(home.url + "querying/#command-help")
    home.screenshot(path=str(ARTIFACTS / "docs-querying-help.png"))
