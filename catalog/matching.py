"""How one query word matches the words of the index, and how a query splits into clauses.

A query word matches an index word exactly, as another form of it (an English plural, a Persian
ending: :data:`catalog.textnorm.SUFFIXES`), as a prefix (``atten``), or, in words of five
letters or more, with one typo (``atention``). Each way has a quality, which ranking multiplies
into the word's credit. A match through the glossary counts like a prefix.

A clause is one query word, or a run of words that names a glossary term (``positional
encoding``), with the other forms of that term.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from catalog.glossary import Glossary, Phrase
from catalog.textnorm import SUFFIXES, within_one_edit

if TYPE_CHECKING:
    from catalog.index import Index

# Match quality per query word.
EXACT, INFLECTED, PREFIX, GLOSSARY, TYPO = 1.0, 0.9, 0.6, 0.6, 0.35
Tokens = dict[str, float]  # index words a query word matches, and the quality of each match


class Clause:
    """Query words that must match together: their own words, or another form of their
    glossary term."""

    __slots__ = ("forms", "words")

    def __init__(self, words: Phrase, forms: tuple[Phrase, ...] = ()) -> None:
        self.words = words
        self.forms = forms


def clauses(query: Phrase, glossary: Glossary) -> list[Clause]:
    """``query`` (normalised words) as clauses, left to right."""
    expansions = {e.start: e for e in glossary.expand(query)}
    out = []
    i = 0
    while i < len(query):
        found = expansions.get(i)
        if found is None:
            out.append(Clause((query[i],), ()))
            i += 1
        else:
            out.append(Clause(query[found.start : found.end], found.forms))
            i = found.end
    return out


def word_matches(word: str, index: Index, fuzzy: bool) -> Tokens:
    """The index words that ``word`` matches, with the quality of each match (typos only when
    ``fuzzy``)."""
    found: Tokens = {}
    if word in index:
        found[word] = EXACT
    for suffix in SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 2 and base in index:
            found[base] = INFLECTED
    size = len(word)
    if size < 2:
        return found
    sorted_words = index.words
    i = bisect.bisect_right(sorted_words, word)  # words that start with ``word`` follow it
    while i < len(sorted_words) and sorted_words[i].startswith(word):
        token = sorted_words[i]
        found[token] = INFLECTED if token[size:] in SUFFIXES else PREFIX
        i += 1
    if fuzzy and size >= 5:
        # One edit changes at most two neighbouring letters: a word of five letters or more
        # and a word one edit away from it share their first two letters or their last two.
        # Testing that first skips most words without a call.
        head, tail = word[:2], word[-2:]
        for token in sorted_words:
            if len(token) < size - 1 or token in found:
                continue
            same_head = token.startswith(head)
            whole = (same_head or token.endswith(tail)) and within_one_edit(word, token)
            if whole or (
                len(token) > size
                and (same_head or token.endswith(tail, 0, size))
                and within_one_edit(word, token[:size])
            ):
                found[token] = TYPO
    return found
