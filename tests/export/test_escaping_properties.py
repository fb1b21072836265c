"""Property test: whatever a title or description holds, the Markdown line renders it as text."""

from __future__ import annotations

import dataclasses
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from catalog.export import ExportOptions, Format, render
from catalog.export.markup import clean
from catalog.export.slug import Slugger
from catalog.models import Catalog

from . import mdparse

TEXT = st.text(
    alphabet=st.sampled_from(
        [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\nabcXYZ019", "ت", "\u200c", "é"]
    ),
    min_size=1,
    max_size=40,
)


@pytest.mark.parametrize("lang", ["en", "fa"])
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=TEXT, description=TEXT)
def test_any_text_renders_as_itself(
    fixture_catalog: Catalog, lang: str, title: str, description: str
) -> None:
    assume(clean(title) and clean(description))
    assume("http" not in description)  # bare URLs become autolinks; tested with the fixture
    resource = dataclasses.replace(
        fixture_catalog.resources[0],
        title=title,
        description={"en": description, "fa": description},
    )
    one = fixture_catalog.replace(resources=[resource], paths={})
    markdown = render(one, Format.markdown, ExportOptions(lang=lang))
    html = MarkdownIt("commonmark").render(markdown)
    assert "<script" not in html
    items = [i for i in mdparse.list_items(mdparse.parse(markdown)) if i[0].url.startswith("http")]
    assert len(items) == 1
    link, *rest = items[0]
    assert link.type == "link"
    assert link.text.strip("\u200e") == clean(title)
    text = "".join(n.text for n in rest if n.type == "text")
    assert text.startswith(" - ")
    assert clean(description) in text.replace("\u200e", "")


@pytest.mark.parametrize("lang", ["en", "fa"])
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(heading=TEXT)
def test_any_heading_gets_the_anchor_github_gives_it(
    fixture_catalog: Catalog, lang: str, heading: str
) -> None:
    assume(clean(heading))
    topics = dict(fixture_catalog.topics)
    topics["attention"] = dataclasses.replace(topics["attention"], title=heading)
    one = fixture_catalog.replace(topics=topics)
    tokens = mdparse.parse(render(one, Format.markdown, ExportOptions(lang=lang)))
    slugger = Slugger()
    anchors = [slugger.slug(text) for _, text in mdparse.headings(tokens)]
    links = [
        unquote(str(c.attrGet("href"))[1:])
        for t in tokens
        if t.type == "inline"
        for c in t.children or []
        if c.type == "link_open" and str(c.attrGet("href")).startswith("#")
    ]
    assert links == anchors[2:]  # everything after the title and "Contents"
