"""Companions are grouped under their main entry in every export that has a layout."""

from __future__ import annotations

import csv
import io
import json

from catalog.export import ExportOptions, Format, render, select
from catalog.export.options import GroupBy
from catalog.models import Catalog

from . import mdparse

TALK = "https://example.org/talks/attention?lang=en&t=1"


def test_markdown_nests_a_companion_under_its_main_entry(fixture_catalog: Catalog) -> None:
    markdown = render(fixture_catalog, Format.markdown, ExportOptions(group_by=GroupBy.kind))
    lines = markdown.splitlines()
    paper = next(i for i, x in enumerate(lines) if x.startswith("- [Attention Is All You Need]("))
    assert lines[paper + 1].startswith(f"  - [Attention Is All You Need (talk)]({TALK})")
    assert "*video · Ashish Vaswani, 2017 · video · intermediate*" in lines[paper + 1]
    assert "## Videos" not in markdown  # the talk sits with its paper, not in its own section
    assert "- [Papers](#papers) (2)" in markdown  # counts include companions
    links = [i[0].url for i in mdparse.list_items(mdparse.parse(markdown)) if i[0].type == "link"]
    assert links.count(TALK) == 1


def test_a_companion_without_its_main_entry_stands_alone(fixture_catalog: Catalog) -> None:
    alone = select(fixture_catalog, {"vaswani-2017-talk", "serrano-playlist"})
    markdown = render(alone, Format.markdown, ExportOptions(group_by=GroupBy.kind))
    assert f"- [Attention Is All You Need (talk)]({TALK})" in markdown
    assert "## Videos" in markdown


def test_persian_markdown_names_the_role_in_persian(fixture_catalog: Catalog) -> None:
    markdown = render(fixture_catalog, Format.markdown, ExportOptions(lang="fa"))
    line = next(x for x in markdown.splitlines() if TALK in x)
    assert line.startswith("  - [")
    assert "*ویدیو · \u200eAshish Vaswani" in line


def test_html_puts_a_companion_after_its_main_entry(fixture_catalog: Catalog) -> None:
    page = render(fixture_catalog, Format.html)
    main = page.index('id="r-vaswani-2017"')
    talk = page.index('<li class="resource companion" id="r-vaswani-2017-talk"')
    assert main < talk
    assert page.index("</li>", main) < talk
    assert '<p class="companion-of">video · <a href="#r-vaswani-2017"' in page


def test_json_and_csv_carry_both_directions(fixture_catalog: Catalog) -> None:
    data = json.loads(render(fixture_catalog, Format.json))
    by_id = {r["id"]: r for r in data["resources"]}
    assert by_id["vaswani-2017"]["companions"] == [{"id": "vaswani-2017-talk", "role": "video"}]
    assert by_id["vaswani-2017"]["companion_of"] is None
    assert by_id["vaswani-2017-talk"]["companion_of"] == {"id": "vaswani-2017", "role": "video"}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(render(fixture_catalog, Format.csv)))}
    assert (
        rows["vaswani-2017-talk"]["companion_of"],
        rows["vaswani-2017-talk"]["companion_role"],
    ) == (
        "vaswani-2017",
        "video",
    )
    assert rows["vaswani-2017"]["companion_of"] == ""
