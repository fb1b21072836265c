"""Search ranking and filters, on small catalogs written for these cases."""

from __future__ import annotations

import itertools
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog import Filters, Resource, load, loads
from catalog.index import Index
from catalog.matching import GLOSSARY, PREFIX
from catalog.search import UnknownTopicError, filter_resources, rank, search

CATALOG = """\
topics:
  attention: {title: Attention, description: Attention., aliases: [attn]}
  genomics: {title: Genomics, description: DNA models., aliases: [dna]}
  proteins: {title: Proteins, description: Protein models.}
glossary:
  attention: {en: attention, fa: توجه}
  mechanism: {en: mechanism, fa: سازوکار, avoid: {fa: [مکانیزم]}}
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
    topics: [proteins]
    authors: [مترجم]
    year: 2016
    level: beginner
    language: fa
    description: {en: A Persian translation of an illustrated guide., fa: ترجمهٔ فارسی یک راهنمای مصور درباره‌ی توجه.}
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    path = tmp_path_factory.mktemp("search") / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return Index.build(load(path))


def ids(index: Index, query: str, filters: Filters | None = None) -> list[str]:
    return [hit.resource.id for hit in rank(index, query, filters)]


def entry(rid: str, title: str, year: int = 2020, description: str = "A resource.") -> str:
    return f"""\
  - id: {rid}
    title: "{title}"
    url: https://example.org/{rid}
    kind: article
    topics: [t]
    authors: [Someone]
    year: {year}
    level: beginner
    language: en
    description: {{en: "{description}", fa: متنی کوتاه.}}
"""


def catalog_of(*entries: str, glossary: str = "") -> Index:
    text = "topics:\n  t: {title: T, description: A topic.}\n" + glossary + "resources:\n"
    return Index.build(loads(text + "".join(entries)))


def test_title_outranks_topic_outranks_description(index: Index) -> None:
    assert ids(index, "attention") == ["title-hit", "topic-hit", "description-hit", "persian"]


def test_exact_beats_another_form_beats_prefix_beats_typo() -> None:
    # Listed worst first and oldest first, so neither catalog order nor age can explain the
    # result: only the quality of each title's match.
    index = catalog_of(
        entry("typo", "Kernal tricks", 2001),
        entry("prefix", "Kernelized tricks", 2002),
        entry("plural", "Kernels tricks", 2003),
        entry("exact", "Kernel tricks", 2004),
    )
    hits = rank(index, "kernel")
    assert [h.resource.id for h in hits] == ["exact", "plural", "prefix", "typo"]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(a > b * 1.1 for a, b in itertools.pairwise(scores))  # no near tie


def test_a_glossary_match_weighs_like_a_prefix_match() -> None:
    glossary = "glossary:\n  kernel: {en: kernel, fa: کرنل}\n"
    index = catalog_of(
        entry("prefix", "Kernelized tricks"),
        entry("glossary", "کرنل tricks"),
        entry("exact", "Kernel tricks"),
        glossary=glossary,
    )
    hits = {h.resource.id: h.score for h in rank(index, "kernel")}
    assert GLOSSARY == PREFIX
    assert hits["glossary"] == pytest.approx(hits["prefix"])
    assert hits["exact"] > hits["prefix"]


def test_the_glossary_expands_queries_both_ways(index: Index) -> None:
    # English "mechanism" is only in this resource's Persian text, as «سازوکار».
    assert ids(index, "mechanism") == ["description-hit"]
    # Persian «توجه» reaches the English-only title; «مکانیزم», a form to avoid, is understood.
    assert "title-hit" in ids(index, "توجه")
    assert ids(index, "مکانیزم توجه") == ["description-hit"]
    # Without the glossary, neither query would find these.
    bare = Index.build(index.catalog.replace(glossary={}))
    assert ids(bare, "mechanism") == []
    assert "title-hit" not in ids(bare, "توجه")


def test_a_near_tie_goes_to_the_older_resource() -> None:
    index = catalog_of(
        entry("successor", "Flash tricks, version 2", 2023, "Faster flash tricks."),
        entry("original", "Flash tricks", 2022, "The flash tricks."),
        entry("later-post", "Flash tricks", 2024, "The flash tricks."),
    )
    assert ids(index, "flash tricks")[:2] == ["original", "later-post"]


def test_exact_title_and_short_name_are_boosted() -> None:
    index = catalog_of(
        entry("robust", "RoBERTa: A Robustly Optimized BERT Pretraining Approach", 2019),
        entry("bert", "BERT: Pre-training of Deep Bidirectional Transformers", 2018),
        entry("look", "What Does BERT Look At?", 2019),
        entry("plain", "Attention Is All You Need", 2017),
        entry("longer", "Attention Is All You Need, Annotated", 2016),
    )
    assert ids(index, "bert")[0] == "bert"
    assert ids(index, "attention is all you need")[0] == "plain"
    assert ids(index, "look")[0] == "look"  # an id is a name too


def test_no_full_match_gives_partial_matches_most_words_first(index: Index) -> None:
    full = rank(index, "attention vaswani")
    assert [h.resource.id for h in full] == ["title-hit"]
    assert not full[0].partial
    partial = rank(index, "attention vaswani nonexistentword")
    assert partial[0].resource.id == "title-hit"  # two of the three words
    assert all(h.partial for h in partial)
    assert {h.resource.id for h in partial} == {
        "title-hit",
        "topic-hit",
        "description-hit",
        "persian",
    }
    assert rank(index, "nonexistentword") == []


def test_one_typo_in_a_long_word_still_matches(index: Index) -> None:
    assert ids(index, "atention")[:2] == ["title-hit", "topic-hit"]
    assert ids(index, "protien") == ["description-hit", "persian"]  # title, then topic


def test_short_words_need_an_exact_or_prefix_match(index: Index) -> None:
    assert ids(index, "gide") == []  # four letters: no typo allowance
    assert ids(index, "genom") == ["title-hit"]  # prefix of "genomics"


def test_persian_query_finds_persian_descriptions(index: Index) -> None:
    assert ids(index, "ترنسفورمر")[0] == "persian"
    # Written without the zero-width non-joiner and with an Arabic yeh, as people often type.
    assert ids(index, "دنبالههاي") == ["description-hit"]


def test_persian_and_arabic_digits_are_the_same_numbers() -> None:
    """The Persian list prints years in Persian digits; a reader copies one into a query."""
    from catalog.textnorm import words

    assert words("سال ۲۰۱۷") == words("سال ٢٠١٧") == ["سال", "2017"]


def test_filters_narrow_search_and_accept_aliases(index: Index) -> None:
    assert ids(index, "attention", Filters(topics=("attn",))) == ["topic-hit"]
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
    assert [h.resource.id for h in hits] == ["title-hit"]
    assert hits[0].score > 0
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
    built = None
    for _ in range(2):  # built, then served from the cache
        index = catalog.load_index(str(path))
        hits = search(index, "مکانیزم توجه", Filters(topics=("proteins",)))
        assert [h.resource.id for h in hits] == ["description-hit"]
        assert index.catalog.line_of("topic-hit") == 20
        assert set(index.catalog.glossary) == {"attention", "mechanism"}
        found = [(h.resource.id, h.score) for h in search(index, "attention")]
        assert built is None or found == built  # the cache ranks as the fresh index does
        built = found


def _one_edit(word: str, kind: int, at: int, letter: str) -> str:
    at %= len(word)
    if kind == 0:  # substitution
        return word[:at] + letter + word[at + 1 :]
    if kind == 1:  # insertion
        return word[:at] + letter + word[at:]
    if kind == 2:  # deletion
        return word[:at] + word[at + 1 :]
    at = min(at, len(word) - 2)  # swap of neighbours
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@settings(max_examples=400, deadline=None)
@given(
    word=st.text("abcd", min_size=5, max_size=8),
    edits=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 9), st.sampled_from("abcdz"), st.text("ab")),
        max_size=12,
    ),
    others=st.lists(st.text("abcd", min_size=3, max_size=10), max_size=20),
)
def test_the_typo_scan_finds_every_word_one_edit_away(
    word: str, edits: list[tuple[int, int, str, str]], others: list[str]
) -> None:
    """word_matches skips index words whose first and last two letters both differ from the
    query word's before it compares them; the skip must never lose a typo match (of the
    whole word, or of its first letters: ``atention`` finds ``attentional``)."""
    from catalog.matching import TYPO, word_matches
    from catalog.textnorm import within_one_edit

    vocabulary = [_one_edit(word, *edit[:3]) + edit[3] for edit in edits] + others
    words = sorted(set(vocabulary))
    index = Index(loads(CATALOG), words, array("I"), array("I", [0] * (len(words) + 1)))
    found = word_matches(word, index, fuzzy=True)
    size = len(word)
    expected = {
        token
        for token in vocabulary
        if token not in found or found[token] == TYPO
        if len(token) >= size - 1
        and (
            within_one_edit(word, token)
            or (len(token) > size and within_one_edit(word, token[:size]))
        )
    }
    assert {token for token, quality in found.items() if quality == TYPO} == expected
