"""Guesses from URLs and titles."""

from __future__ import annotations

import pytest

from catalog.curate.guess import (
    arxiv_id,
    guess_kind,
    identity_keys,
    slugify,
    unique_id,
    year_of_arxiv,
)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://arxiv.org/abs/1706.03762", "paper"),
        ("https://arxiv.org/pdf/1706.03762v7.pdf", "paper"),
        ("https://openreview.net/forum?id=abc", "paper"),
        ("https://example.org/files/notes.pdf", "paper"),
        ("https://www.youtube.com/watch?v=abc", "video"),
        ("https://youtu.be/abc", "video"),
        ("https://www.youtube.com/playlist?list=PL1", "playlist"),
        ("https://www.youtube.com/@SomeChannel", None),
        ("https://github.com/karpathy/nanoGPT", "repository"),
        ("https://github.com/karpathy", None),
        ("https://www.coursera.org/learn/x", "course"),
        ("https://web.stanford.edu/class/cs224n/", "course"),
        ("https://huggingface.co/learn/llm-course", "course"),
        ("https://huggingface.co/blog/moe", "article"),
        ("https://huggingface.co/docs/transformers", "tutorial"),
        ("https://colab.research.google.com/drive/1", "interactive"),
        ("https://www.oreilly.com/library/view/x/1/", "book"),
        ("https://jalammar.github.io/illustrated-transformer/", "article"),
        ("https://someone.substack.com/p/post", "article"),
        ("https://example.org/", None),
    ],
)
def test_kind_from_url(url: str, kind: str | None) -> None:
    assert guess_kind(url) == kind


def test_arxiv_ids_and_years() -> None:
    assert arxiv_id("https://arxiv.org/abs/1706.03762v7") == "1706.03762v7"
    assert arxiv_id("https://arxiv.org/pdf/2101.01234.pdf") == "2101.01234"
    assert arxiv_id("https://arxiv.org/abs/cs/0112017") == "cs/0112017"
    assert arxiv_id("https://example.org/abs/1706.03762") is None
    assert year_of_arxiv("1706.03762") == 2017
    assert year_of_arxiv("cs/9912017") == 1999


def test_identity_keys_merge_abs_and_pdf_links() -> None:
    abs_keys = identity_keys({"url": "https://arxiv.org/abs/1706.03762v2"})
    pdf_keys = identity_keys({"url": "http://www.arxiv.org/pdf/1706.03762"})
    assert set(abs_keys) & set(pdf_keys) == {"arxiv:1706.03762"}


def test_slugs() -> None:
    assert slugify("Attention Is All You Need!") == "attention-is-all-you-need"
    assert slugify("Łukasz's “Café” — 2017") == "lukasz-s-cafe-2017"
    assert slugify("one two three", max_length=8) == "one-two"
    assert slugify("🤖") == ""
    taken = {"a"}
    assert [unique_id("a", taken), unique_id("a", taken), unique_id("", taken)] == [
        "a-2",
        "a-3",
        "resource",
    ]
