"""Whole outputs against golden files, and determinism."""

from __future__ import annotations

import pytest

from catalog.export import MODULES, ExportOptions, Format, GroupBy, render
from catalog.models import Catalog

from .helpers import check_golden

CASES = [
    ("markdown.en.md", Format.markdown, ExportOptions()),
    ("markdown.fa.md", Format.markdown, ExportOptions(lang="fa")),
    (
        "markdown.by-level.no-paths.en.md",
        Format.markdown,
        ExportOptions(group_by=GroupBy.level, paths=False),
    ),
    ("markdown.by-year.fa.md", Format.markdown, ExportOptions(lang="fa", group_by=GroupBy.year)),
    (
        "markdown.by-kind.block.en.md",
        Format.markdown,
        ExportOptions(group_by=GroupBy.kind, standalone=False),
    ),
    ("markdown.none.en.md", Format.markdown, ExportOptions(group_by=GroupBy.none)),
    ("catalog.json", Format.json, ExportOptions()),
    ("catalog.en.csv", Format.csv, ExportOptions()),
    ("catalog.fa.csv", Format.csv, ExportOptions(lang="fa")),
    ("catalog.bib", Format.bibtex, ExportOptions()),
    ("page.en.html", Format.html, ExportOptions()),
    ("page.fa.html", Format.html, ExportOptions(lang="fa", group_by=GroupBy.kind)),
]


@pytest.mark.parametrize(("name", "format", "options"), CASES, ids=[c[0] for c in CASES])
def test_golden(
    fixture_catalog: Catalog, name: str, format: Format, options: ExportOptions
) -> None:
    text = render(fixture_catalog, format, options)
    check_golden(name, text)
    assert render(fixture_catalog, format, options) == text  # byte-identical on re-run


def test_every_format_has_a_module_and_a_golden_file() -> None:
    assert set(MODULES) == set(Format)
    assert {c[1] for c in CASES} == set(Format)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        ExportOptions(lang="de")


@pytest.mark.parametrize("format", list(Format))
def test_the_index_cache_serves_the_same_catalog_to_every_format(
    fixture_catalog: Catalog, shipped_catalog: Catalog, format: Format
) -> None:
    from catalog.index import Index, cache_key

    for loaded in (fixture_catalog, shipped_catalog):
        cached = Index.loads(Index.build(loaded).dumps("k"), "k", "x.yaml").catalog
        assert cached == loaded
        for options in (ExportOptions(), ExportOptions(lang="fa", group_by=GroupBy.kind)):
            assert render(cached, format, options) == render(loaded, format, options)
    assert cache_key(b"a") != cache_key(b"b")


@pytest.mark.parametrize("format", list(Format))
@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("group_by", list(GroupBy))
def test_every_combination_lists_every_resource(
    shipped_catalog: Catalog, format: Format, lang: str, group_by: GroupBy
) -> None:
    text = render(shipped_catalog, format, ExportOptions(lang=lang, group_by=group_by))
    for resource in shipped_catalog.resources:
        if format is Format.bibtex:
            assert resource.url in text
        elif format is Format.markdown:
            assert f"]({resource.url.replace('(', '%28').replace(')', '%29')})" in text
        else:
            assert resource.id in text


@pytest.mark.parametrize("format", list(Format))
def test_an_empty_selection_still_renders(fixture_catalog: Catalog, format: Format) -> None:
    from catalog.export import select

    text = render(select(fixture_catalog, set()), format, ExportOptions())
    if format is Format.markdown:
        assert text.endswith("## Contents\n\nNo resource matches these filters.\n")
    elif format is Format.bibtex:
        assert text == ""
    else:
        assert "serrano" not in text
