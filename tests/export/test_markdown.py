"""Markdown: GitHub anchors, escaping, awesome-lint and markdownlint rules, Persian layout."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from catalog.export import ExportOptions, Format, GroupBy, render
from catalog.export.markup import clean
from catalog.export.slug import Slugger
from catalog.models import Catalog

from . import awesome, mdparse
from .helpers import ROOT, node_package

VARIANTS = [
    ExportOptions(),
    ExportOptions(lang="fa"),
    ExportOptions(group_by=GroupBy.kind),
    ExportOptions(lang="fa", group_by=GroupBy.level),
    ExportOptions(lang="fa", group_by=GroupBy.year, paths=False),
    ExportOptions(standalone=False, taken_headings=("Contents", "Attention", "Learning paths")),
]
IDS = ["en", "fa", "en-kind", "fa-level", "fa-year", "block-after-headings"]


def _anchors(texts: list[str]) -> list[str]:
    slugger = Slugger()
    return [slugger.slug(t) for t in texts]


@pytest.mark.parametrize("options", VARIANTS, ids=IDS)
def test_every_toc_anchor_is_a_heading_anchor(
    fixture_catalog: Catalog, options: ExportOptions
) -> None:
    tokens = mdparse.parse(render(fixture_catalog, Format.markdown, options))
    heads = [text for _, text in mdparse.headings(tokens)]
    anchors = _anchors([*options.taken_headings, *heads])[len(options.taken_headings) :]
    links = [
        unquote(str(c.attrGet("href"))[1:])  # markdown-it percent-encodes non-ASCII hrefs
        for t in tokens
        if t.type == "inline"
        for c in t.children or []
        if c.type == "link_open" and str(c.attrGet("href")).startswith("#")
    ]
    # The TOC links to every heading below it (paths, path titles, sections), in order.
    assert links == anchors[anchors.index(links[0]) :]
    assert len(set(links)) == len(links)


def test_anchors_of_persian_and_punctuated_headings(fixture_catalog: Catalog) -> None:
    text = render(fixture_catalog, Format.markdown, ExportOptions(lang="fa"))
    assert "(#مسیرهای-یادگیری)" in text
    assert "(#توجه-از-صفر)" in text
    # ZWNJ and the left-to-right marks are format characters: GitHub's slugger drops them.
    assert "(#genomics-و-زیستشناسی-به-انگلیسی)" in text
    assert "(#c--rust-fast-code-به-انگلیسی)" in text
    english = render(fixture_catalog, Format.markdown, ExportOptions())
    assert "- [Attention](#attention-1) (3)" in english  # the path "Attention" came first


def test_slugs_match_github_slugger_itself(fixture_catalog: Catalog, tmp_path: Path) -> None:
    package = node_package("github-slugger")
    texts = []
    for options in VARIANTS:
        tokens = mdparse.parse(render(fixture_catalog, Format.markdown, options))
        texts.append([t for _, t in mdparse.headings(tokens)])
    script = (
        f"const {{default: S}} = await import({json.dumps(str(package / 'index.js'))});"
        "const docs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(docs.map(d => { const s = new S(); return d.map(t => s.slug(t)); })));"
    )
    script = script.replace("require('fs')", "(await import('node:fs'))")
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [_anchors(t) for t in texts]


def _rendered_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_titles_and_descriptions_cannot_inject(fixture_catalog: Catalog, lang: str) -> None:
    markdown = render(fixture_catalog, Format.markdown, ExportOptions(lang=lang))
    html = _rendered_html(markdown)
    assert "<script" not in html
    assert "<b>" not in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
    tokens = mdparse.parse(markdown)
    items = mdparse.list_items(tokens)
    links = {n.url: n.text for item in items for n in item[:1] if n.type == "link"}
    for resource in fixture_catalog.resources:
        target = resource.url.replace("(", "%28").replace(")", "%29")
        target = target.replace("<", "%3C").replace(">", "%3E")
        assert target in links, resource.id
        # Escapes render as nothing: the link shows exactly the title (plus LRMs in Persian).
        assert links[target].strip("\u200e") == clean(resource.title)
    assert "$5" in html  # the dollar stays a dollar (GitHub math needs an unescaped $)
    assert "\\$" not in html


def test_resource_line_carries_link_authors_year_kind_level_price(
    fixture_catalog: Catalog,
) -> None:
    markdown = render(fixture_catalog, Format.markdown, ExportOptions())
    assert (
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) - The paper that "
        "introduced the transformer; dense but short. *Ashish Vaswani, Noam Shazeer, Niki Parmar "
        "et al., 2017 · paper · advanced · free*\n"
    ) in markdown


def test_english_fallback_is_marked_in_persian(fixture_catalog: Catalog) -> None:
    markdown = render(fixture_catalog, Format.markdown, ExportOptions(lang="fa"))
    assert markdown.startswith('<div dir="rtl" lang="fa">\n\n# ')
    assert markdown.endswith("\n\n</div>\n")
    line = next(x for x in markdown.splitlines() if "arxiv.org/abs/1706.03762" in x and x[0] == "-")
    assert "(به انگلیسی) \u200eThe paper that introduced" in line
    assert "۲۰۱۷" in line
    assert "2017" not in line.split("*")[-2]
    translated = next(x for x in markdown.splitlines() if "PLs8w1" in x and x.startswith("-"))
    assert "به انگلیسی" not in translated
    assert "سازوکار توجه" in translated


@pytest.mark.parametrize("options", VARIANTS, ids=IDS)
def test_lists_follow_awesome_lint_list_item_rules(
    fixture_catalog: Catalog, options: ExportOptions
) -> None:
    tokens = mdparse.parse(render(fixture_catalog, Format.markdown, options))
    contents = [
        i for i, (_, t) in enumerate(mdparse.headings(tokens)) if t in ("Contents", "فهرست مطالب")
    ]
    items = mdparse.list_items(tokens, after_heading=contents[-1] + 2)
    assert items
    if options.lang != "en":  # casing rules are for English; separators and links still hold
        assert all(i[0].type == "link" and i[1].text.startswith(" - ") for i in items)
        return
    found = {i[0].text: awesome.problems(i) for i in items if awesome.problems(i)}
    # The fixture's one description that starts with a formula breaks the casing rule: a data
    # problem (the exporter does not rewrite descriptions), not a layout one.
    casing = ["List item description must start with valid casing"]
    assert found == {"Attention Is All You Need (talk)": casing}


def test_shipped_catalog_follows_awesome_lint(shipped_catalog: Catalog) -> None:
    tokens = mdparse.parse(render(shipped_catalog, Format.markdown, ExportOptions()))
    items = mdparse.list_items(tokens, after_heading=3)
    assert len(items) >= len(shipped_catalog.resources)
    found = {i[0].text: awesome.problems(i) for i in items if awesome.problems(i)}
    assert found == {}


def test_awesome_checker_catches_broken_items() -> None:
    bad = mdparse.parse(
        "- [A](https://a.example) – en dash.\n- [B](https://b.example) - lower case.\n"
        "- [C](https://c.example) - No punctuation\n- [D](ftp://d.example) - Bad URL.\n"
    )
    found = [awesome.problems(i) for i in mdparse.list_items(bad)]
    assert found == [
        ["List item link and description must be separated with a dash"],
        ["List item description must start with valid casing"],
        ["List item description must end with proper punctuation"],
        ["Invalid list item link URL"],
    ]


def _markdownlint(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    package = node_package("markdownlint-cli2")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return subprocess.run(
        [
            "node",
            str(package / "markdownlint-cli2-bin.mjs"),
            "--config",
            str(ROOT / ".markdownlint-cli2.jsonc"),
            *files,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_english_markdown_passes_markdownlint(
    fixture_catalog: Catalog, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    files = {
        f"{i}.md": render(fixture_catalog, Format.markdown, options)
        for i, options in enumerate(VARIANTS)
        if options.lang == "en" and options.standalone
    }
    files["shipped.md"] = render(shipped_catalog, Format.markdown, ExportOptions())
    result = _markdownlint(tmp_path, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdownlint_sees_real_problems(tmp_path: Path) -> None:
    result = _markdownlint(tmp_path, {"bad.md": "# A\n# B\n"})
    assert result.returncode == 1
    assert "MD022" in result.stdout + result.stderr


def test_without_paths_every_url_appears_once(shipped_catalog: Catalog) -> None:
    """awesome-lint's double-link rule: learning paths link resources a second time."""
    tokens = mdparse.parse(render(shipped_catalog, Format.markdown, ExportOptions(paths=False)))
    urls = [
        str(c.attrGet("href"))
        for t in tokens
        if t.type == "inline"
        for c in t.children or []
        if c.type == "link_open" and not str(c.attrGet("href")).startswith("#")
    ]
    assert len(urls) == len(set(urls))
    assert len(urls) >= len(shipped_catalog.resources)
