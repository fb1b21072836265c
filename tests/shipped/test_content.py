"""Checks on the catalog we ship: what the content audit asked of its text.

Whole author names, Persian numbers with Persian units, one Persian term per concept, no
advertising superlatives, translations that say what they cover, original Persian material,
enough on embeddings and tokenization, and a level mix that does not lean on advanced material.
"""

from __future__ import annotations

import re
from collections import Counter

from .helpers import descriptions, shipped, text

MIN_EMBEDDINGS = 20  # the audit found only 7 entries on embeddings and tokenization
MIN_PERSIAN_ORIGINALS = 3
MAX_ADVANCED_SHARE = 0.45  # 70 of 141 (50%) were advanced before the second content round
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
# A Persian digit glued to a Latin letter ("۱۲۴M"): write the unit in Persian instead.
MIXED_NUMBER = re.compile(f"[{PERSIAN_DIGITS}][A-Za-z]|[A-Za-z][{PERSIAN_DIGITS}]")
# One Persian term per concept (see the glossary): the rejected variants and the term to use.
# One term per concept is the glossary's job: its `avoid` forms make validate warn, and the
# catalog must have no warnings (test_structure.py). What a glossary cannot say is checked here.
REJECTED_PERSIAN_TERMS = {
    "هٔ": "ه‌ی (one ezafe style)",
}
# Persian "question" is fine; "query" next to key and value is پرس‌وجو.
QUERY_AS_QUESTION = re.compile("پرسش[،, و]*\\s*(و\\s*)?کلید")
ADVERTISING = re.compile(
    r"\b(probably the|the best|one of the best|the clearest|one of the clearest|exceptional|"
    r"the most approachable|the quickest way|must-read)\b",
    re.IGNORECASE,
)


def test_author_names_are_whole() -> None:
    # A bracketed YAML list splits "et al. (InstaDeep, NVIDIA, TUM)" at its commas; the pieces
    # show up as names with an unbalanced parenthesis.
    broken = [
        (r.id, author)
        for r in shipped().resources
        for author in r.authors
        if author.count("(") != author.count(")") or author.strip() != author or not author
    ]
    assert not broken, broken


def test_persian_numbers_use_persian_units() -> None:
    mixed = []
    for resource in shipped().resources:
        fa = descriptions(resource).get("fa", "")
        mixed += [(resource.id, m.group()) for m in MIXED_NUMBER.finditer(fa)]
    assert not mixed, mixed


def _persian_texts() -> list[tuple[str, str]]:
    catalog = shipped()
    texts = [(r.id, descriptions(r).get("fa", "")) for r in catalog.resources]
    texts += [
        (f"topic {tid}", text(t.title, "fa") + " " + text(t.description, "fa"))
        for tid, t in catalog.topics.items()
    ]
    for pid, path in catalog.paths.items():
        texts.append((f"path {pid}", text(path.title, "fa") + " " + text(path.description, "fa")))
        texts += [(f"path {pid}/{s.id}", text(s.note, "fa")) for s in path.steps]
    return texts


def test_persian_uses_one_term_per_concept() -> None:
    found = [
        (where, rejected, use)
        for where, text in _persian_texts()
        for rejected, use in REJECTED_PERSIAN_TERMS.items()
        if rejected in text
    ]
    found += [
        (where, "پرسش (query)", "پرس‌وجو")
        for where, text in _persian_texts()
        if QUERY_AS_QUESTION.search(text)
    ]
    assert not found, found


def test_descriptions_do_not_advertise() -> None:
    ads = []
    for resource in shipped().resources:
        en = descriptions(resource).get("en", "")
        ads += [(resource.id, m.group()) for m in ADVERTISING.finditer(en)]
    assert not ads, ads


def test_translations_say_what_they_cover() -> None:
    thin = [
        r.id
        for r in shipped().resources
        if "translation" in r.tags and len(descriptions(r).get("en", "").split()) < 35
    ]
    assert not thin, f"translation entries that do not describe their content: {thin}"


def test_has_original_persian_material() -> None:
    originals = [
        r.id for r in shipped().resources if r.language == "fa" and "translation" not in r.tags
    ]
    assert len(originals) >= MIN_PERSIAN_ORIGINALS, originals


def test_embeddings_and_tokenization_are_covered() -> None:
    count = sum("embeddings" in r.topics for r in shipped().resources)
    assert count >= MIN_EMBEDDINGS


def test_level_mix_does_not_lean_advanced() -> None:
    levels = Counter(r.level for r in shipped().resources)
    total = sum(levels.values())
    assert levels["advanced"] / total <= MAX_ADVANCED_SHARE, dict(levels)
    assert levels["beginner"] + levels["intermediate"] > levels["advanced"], dict(levels)
