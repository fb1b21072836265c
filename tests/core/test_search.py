"""Search ranking and filters, on a small catalog written for these cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Filters, Resource, load
from catalog.index import Index
from catalog.search import UnknownTopicError, filter_resources, rank, search

CATALOG = """\
topics:
  attention: {title: Attention, description: Attention., aliases: [attn]}
  genomics: {title: Genomics, description: DNA models., aliases: [dna]}
  proteins: {title: Proteins, description: Protein models.}
resources:
  - id: title-hit
    title: Attention Is All You Need
    url: https://example.org/a
    kind: paper
    topics: [genomics]
    authors: [Ashish Vaswani]
    year: 2017
    level: advanced
    language: en
    free: true
    description: {en: The original architecture paper., fa: مقالهٔ اصلی معماری ترنسفورمر.}
  - id: topic-hit
    title: A Gentle Guide
    url: https://example.org/b
    kind: article
    topics: [attention]
    authors: [Jay Alammar]
    year: 2018
    level: beginner
    language: en
    free: true
    description: {en: Pictures of every step., fa: تصویرهایی از همهٔ گام‌ها.}
  - id: description-hit
    title: Protein Language Models
    url: https://example.org/c
    kind: video
    topics: [proteins]
    authors: [Someone Else]
    year: 2023
    level: intermediate
    language: en
    free: false
    description: {en: Why attention works on amino-acid sequences., fa: چرا سازوکار توجه روی دنباله‌های آمینواسید کار می‌کند.}
  - id: persian
    title: ترنسفورمر مصور
    url: https://example.org/d
    kind: article
    topics: [attention]
    authors: [مترجم]
    year: 2016
    level: beginner
    language: fa
    description: {en: A Persian translation of an illustrated guide., fa: ترجمهٔ فارسی یک راهنمای مصور.}
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    path = tmp_path_factory.mktemp("search") / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return Index.build(load(path))


def ids(index: Index, query: str, filters: Filters | None = None) -> list[str]:
    return [hit.resource.id for hit in rank(index, query, filters)]


def test_title_outranks_topic_outranks_description(index: Index) -> None:
    assert ids(index, "attention") == ["title-hit", "topic-hit", "persian", "description-hit"]


def test_every_word_must_match(index: Index) -> None:
    assert ids(index, "attention vaswani") == ["title-hit"]
    assert ids(index, "attention nonexistentword") == []


def test_one_typo_in_a_long_word_still_matches(index: Index) -> None:
    assert ids(index, "atention")[:2] == ["title-hit", "topic-hit"]
    assert ids(index, "protien") == ["description-hit"]


def test_short_words_need_an_exact_or_prefix_match(index: Index) -> None:
    assert ids(index, "gide") == []  # four letters: no typo allowance
    assert ids(index, "genom") == ["title-hit"]  # prefix of "genomics"


def test_persian_query_finds_persian_descriptions(index: Index) -> None:
    assert ids(index, "ترنسفورمر")[0] == "persian"
    # Written without the zero-width non-joiner and with an Arabic yeh, as people often type.
    assert ids(index, "دنبالههاي") == ["description-hit"]


def test_filters_narrow_search_and_accept_aliases(index: Index) -> None:
    assert ids(index, "attention", Filters(topics=("attn",))) == ["topic-hit", "persian"]
    assert ids(index, "attention", Filters(levels=("beginner",), languages=("fa",))) == ["persian"]
    assert ids(index, "attention", Filters(free=False)) == ["description-hit"]
    assert ids(index, "attention", Filters(since=2018)) == ["topic-hit", "description-hit"]


def test_unknown_topic_filter_suggests_the_closest(index: Index) -> None:
    with pytest.raises(UnknownTopicError) as caught:
        rank(index, "x", Filters(topics=("genomic",)))
    assert caught.value.hint == "did you mean 'genomics'?"


def test_library_search_and_filter_on_a_catalog(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    catalog = load(path)
    hits = search(catalog, "attention", limit=1)
    assert [(h.resource.id, h.score) for h in hits] == [("title-hit", 8.0)]
    chosen = filter_resources(catalog, Filters(topics=("dna",), kinds=("paper",)))
    assert [r.id for r in chosen] == ["title-hit"]


def test_search_returns_the_catalogs_own_resources(tmp_path: Path) -> None:
    # It used to return index entries that restated some of a resource's fields.
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    catalog = load(path)
    for source in (catalog, Index.build(catalog)):
        hits = search(source, "attention")
        assert all(isinstance(h.resource, Resource) for h in hits)
        assert all(any(h.resource is r for r in catalog.resources) for h in hits)
        assert hits[0].resource == catalog.get("title-hit")


def test_library_search_on_the_cached_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import catalog

    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    for _ in range(2):  # built, then served from the cache
        index = catalog.load_index(str(path))
        hits = search(index, "attention", Filters(topics=("attn",)))
        assert [h.resource.id for h in hits] == ["topic-hit", "persian"]
        assert index.catalog.line_of("topic-hit") == 17
