"""Relevance ranking: BM25F over the index, with prefix, typo and glossary matches, and boosts.

A query is split into clauses: one per word, or one per run of words that names a glossary term
(``positional encoding``). A resource matches a clause through the clause's own words (each
word exactly, as another form of it, as a prefix, or with one typo) or through another form of
its glossary term, in any language. Per word, credit is BM25: the word's rarity (inverse
document frequency) times its saturated weight in the resource (the index holds that weight,
summed over fields and normalised by field length: :data:`catalog.index.FIELDS`), times the
quality of the match: exact > another form (plural, Persian ending) > prefix = glossary > typo.

The best candidates are then boosted: a title equal to the query, a title that starts with it,
a short name of the resource (``BERT`` in "BERT: Pre-training of...", ``ViT`` in "...(ViT)",
``nanoGPT`` in "karpathy/nanoGPT", or its id) equal to the query, and the query's words
appearing together as a phrase.

Resources that match every clause are returned; when none does, the resources that match some
are returned instead, most clauses first, marked partial.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.glossary import Glossary, Phrase
from catalog.index import SCALE
from catalog.textnorm import SUFFIXES, within_one_edit, words

if TYPE_CHECKING:
    from catalog.index import Index
    from catalog.models import Resource

# Match quality per query word.
EXACT, INFLECTED, PREFIX, GLOSSARY, TYPO = 1.0, 0.9, 0.6, 0.6, 0.35
K1 = 1.2  # BM25 saturation: how fast repeated occurrences stop adding credit
# Boosts: the score is multiplied by 1 + boost x match quality.
TITLE_EXACT, TITLE_START, NAME, PHRASE_TITLE, PHRASE_TEXT = 2.0, 0.6, 1.5, 0.6, 0.3
TIE = 0.1  # scores this close (relative) are a tie, which the older resource wins
RERANK = 100  # how many of the best candidates are checked for boosts
_ARTICLES = frozenset({"the", "a", "an"})
_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")
_REPOSITORY = re.compile(r"^[\w.-]+/([\w.-]+)$")
Tokens = dict[str, float]  # an index word and the quality of its match


@dataclass(frozen=True)
class Ranking:
    """``(position in catalog.resources, score)`` pairs, best first, and whether they match
    only part of the query (no resource matched all of it)."""

    order: list[tuple[int, float]]
    partial: bool


@dataclass(frozen=True)
class _Clause:
    words: Phrase  # the query's own words
    forms: tuple[Phrase, ...]  # other forms of its glossary term, if any


def rank_positions(index: Index, text: str, allowed: set[int] | None = None) -> Ranking:
    """Every resource that matches ``text`` (all of it, else part of it), best first."""
    query = tuple(dict.fromkeys(words(text)))
    if not query:
        return Ranking([], False)
    scorer = _Scorer(index, allowed)
    clauses = _clauses(query, index.glossary)
    results = [scorer.clause(clause) for clause in clauses]
    full = set.intersection(*(set(scores) for scores, _ in results))
    matched: dict[int, int] = {}
    if full:
        base = {p: sum(scores[p] for scores, _ in results) for p in full}
    else:
        base = {}
        for clause, (scores, some) in zip(clauses, results, strict=True):
            for p, value in scores.items():
                matched[p] = matched.get(p, 0) + len(clause.words)
                base[p] = base.get(p, 0.0) + value
            for p, (count, value) in some.items():
                matched[p] = matched.get(p, 0) + count
                base[p] = base.get(p, 0.0) + value
    resources = index.catalog.resources
    boosts = _Boosts(query, clauses, scorer)
    scores = dict(base)
    for p in heapq.nlargest(RERANK, base, key=base.__getitem__):
        scores[p] = base[p] * boosts.factor(resources[p])
    order = sorted(scores, key=lambda p: (-matched.get(p, 0), -scores[p], p))
    ranked = _older_first(order, scores, matched, index)
    return Ranking([(p, round(scores[p], 3)) for p in ranked], not full)


def _older_first(
    order: list[int], scores: dict[int, float], matched: dict[int, int], index: Index
) -> list[int]:
    """``order`` with near ties (scores within :data:`TIE` of the best of their run) put older
    first: the original before its successors, translations and later write-ups."""
    resources = index.catalog.resources
    out: list[int] = []
    i = 0
    while i < len(order):
        first = order[i]
        floor = scores[first] * (1 - TIE)
        j = i + 1
        while (
            j < len(order)
            and scores[order[j]] >= floor
            and matched.get(order[j], 0) == matched.get(first, 0)
        ):
            j += 1
        out += sorted(order[i:j], key=lambda p: (resources[p].year, p))
        i = j
    return out


def _clauses(query: Phrase, glossary: Glossary) -> list[_Clause]:
    expansions = {e.start: e for e in glossary.expand(query)}
    clauses = []
    i = 0
    while i < len(query):
        found = expansions.get(i)
        if found is None:
            clauses.append(_Clause((query[i],), ()))
            i += 1
        else:
            clauses.append(_Clause(query[found.start : found.end], found.forms))
            i = found.end
    return clauses


class _Scorer:
    """BM25 credit of query words and clauses, with the index words each word matched."""

    def __init__(self, index: Index, allowed: set[int] | None) -> None:
        self.index = index
        self.allowed = allowed
        self.count = len(index.catalog.resources)
        self.tokens: dict[tuple[str, bool], Tokens] = {}
        self._scores: dict[tuple[str, bool], tuple[float, dict[int, float]]] = {}

    def matches(self, word: str, fuzzy: bool) -> Tokens:
        """The index words that ``word`` matches, with the quality of each match."""
        key = (word, fuzzy)
        found = self.tokens.get(key)
        if found is None:
            found = self.tokens[key] = _word_matches(word, self.index, fuzzy)
        return found

    def word(self, word: str, fuzzy: bool) -> tuple[float, dict[int, float]]:
        """The inverse document frequency of one query word, and position -> its saturated
        weight in that resource times the quality of the match."""
        key = (word, fuzzy)
        found = self._scores.get(key)
        if found is not None:
            return found
        credit: dict[int, float] = {}
        allowed = self.allowed
        for token, quality in self.matches(word, fuzzy).items():
            flat = self.index.hits(token)
            for j in range(0, len(flat), 2):
                position = flat[j]
                if allowed is not None and position not in allowed:
                    continue
                weight = flat[j + 1] / SCALE
                value = quality * weight / (K1 + weight)
                if credit.get(position, 0.0) < value:
                    credit[position] = value
        df = len(credit)
        idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        found = self._scores[key] = (idf, credit)
        return found

    def clause(self, clause: _Clause) -> tuple[dict[int, float], dict[int, tuple[int, float]]]:
        """Scores of resources that match the whole clause, and (matched words, score) of those
        that match only some of its own words.

        Another form of a glossary term counts at :data:`GLOSSARY` quality, spread over the
        words it stands for, and none of its words counts as rarer than the rarest word the
        query wrote: a rare spelling of a common term must not outweigh the term itself."""
        own = [self.word(w, True) for w in clause.words]
        full = _all_of(own, 1.0, None)
        cap = max(idf for idf, _ in own)
        for form in clause.forms:
            value = GLOSSARY * len(clause.words) / len(form)
            for p, s in _all_of([self.word(w, False) for w in form], value, cap).items():
                if full.get(p, 0.0) < s:
                    full[p] = s
        some: dict[int, tuple[int, float]] = {}
        if len(own) > 1:
            for idf, credit in own:
                for p, v in credit.items():
                    if p not in full:
                        count, total = some.get(p, (0, 0.0))
                        some[p] = (count + 1, total + idf * v)
        return full, some


def _all_of(
    words: list[tuple[float, dict[int, float]]], factor: float, cap: float | None
) -> dict[int, float]:
    """Scores of the resources that every word matches: the sum of idf x credit, times
    ``factor``, each idf at most ``cap``."""
    common = set(words[0][1]).intersection(*(credit for _, credit in words[1:]))
    idfs = [idf if cap is None else min(idf, cap) for idf, _ in words]
    pairs = list(zip(idfs, (credit for _, credit in words), strict=True))
    return {p: factor * sum(idf * credit[p] for idf, credit in pairs) for p in common}


def _word_matches(word: str, index: Index, fuzzy: bool) -> Tokens:
    vocabulary = index.postings
    found: Tokens = {}
    if word in vocabulary:
        found[word] = EXACT
    for suffix in SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 2 and base in vocabulary:
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
        for token in sorted_words:
            if (
                len(token) >= size - 1
                and token not in found
                and (
                    within_one_edit(word, token)
                    or (len(token) > size and within_one_edit(word, token[:size]))
                )
            ):
                found[token] = TYPO
    return found


class _Boosts:
    """The boost factor of a candidate: its title and short names against the query, and the
    query's words as a phrase."""

    def __init__(self, query: Phrase, clauses: list[_Clause], scorer: _Scorer) -> None:
        # The query word itself counts too: ids and years need not be indexed words.
        own = [{**scorer.matches(w, True), w: EXACT} for w in query]
        start = 1 if len(query) > 1 and query[0] in _ARTICLES else 0
        # Compared in order with titles and names: the query's own words (without a leading
        # article, as titles are compared), and the other forms of a query that is one term.
        self.ordered: list[tuple[list[Tokens], float]] = [(own[start:], 1.0)]
        self.phrases: list[list[Tokens]] = [own] if len(query) > 1 else []
        # Compared in any order (Persian puts the noun first, English last): per query word,
        # its own matches and those of the single-word forms of its glossary term.
        self.mixed: list[Tokens] = []
        self.mixed_complete: list[Tokens] = []  # the same, whole words only (see _complete)
        single = all(len(c.words) == 1 for c in clauses)
        for i, clause in enumerate(clauses):
            forms = [[scorer.matches(w, False) for w in form] for form in clause.forms]
            if len(clauses) == 1:
                self.ordered += [(tokens, GLOSSARY) for tokens in forms]
            self.phrases += [tokens for tokens in forms if len(tokens) > 1]
            if single and i >= start:
                mixed = dict(own[i])
                complete = _complete([own[i]])[0]
                for tokens in forms:
                    for token, quality in tokens[0].items() if len(tokens) == 1 else ():
                        mixed[token] = max(mixed.get(token, 0.0), GLOSSARY * quality)
                        if quality >= INFLECTED:
                            complete[token] = max(complete.get(token, 0.0), GLOSSARY * quality)
                self.mixed.append(mixed)
                self.mixed_complete.append(complete)
        if not (single and len(self.mixed) > 1 and any(c.forms for c in clauses)):
            self.mixed = self.mixed_complete = []

    def factor(self, resource: Resource) -> float:
        title = words(resource.title)
        if title and title[0] in _ARTICLES and len(title) > 1:
            title = title[1:]
        factor = 1.0
        for tokens, weight in self.ordered:
            if len(title) == len(tokens):
                quality = _starts(title, _complete(tokens))
                factor = max(factor, 1 + TITLE_EXACT * quality * weight)
            factor = max(factor, 1 + TITLE_START * _starts(title, tokens) * weight)
        mixed = self.mixed_complete
        factor = max(factor, 1 + TITLE_EXACT * _any_order(title, mixed))
        name = 0.0
        for found in _names(resource):
            name = max(name, _any_order(found, mixed))
            for tokens, weight in self.ordered:
                if len(found) == len(tokens):
                    name = max(name, _starts(found, _complete(tokens)) * weight)
        factor *= 1 + NAME * name
        if self.phrases or self.mixed:
            factor *= 1 + self._phrase(resource, title)
        return factor

    def _phrase(self, resource: Resource, title: list[str]) -> float:
        """The phrase boost: the query's words together in the title, else in a description."""
        texts = [title, *(words(text) for text in resource.descriptions.values())]
        for n, text in enumerate(texts):
            if any(_contains(text, tokens) for tokens in self.phrases) or _window(text, self.mixed):
                return PHRASE_TITLE if n == 0 else PHRASE_TEXT
        return 0.0


def _names(resource: Resource) -> list[list[str]]:
    """Short names of a resource: its id, the head of a title with a colon, a short trailing
    parenthesis (each of its parts), and the name of a repository ("owner/name")."""
    title = resource.title
    names = [resource.id.split("-")]
    head, colon, _ = title.partition(":")
    if colon:
        names.append(words(head))
    found = _PARENTHESIS.search(title)
    if found:
        names += [words(part) for part in re.split(r"[/,]", found.group(1))]
    repository = _REPOSITORY.match(title)
    if repository:
        names.append(words(repository.group(1)))
    return [n for n in names if 0 < len(n) <= 4]


def _complete(tokens: list[Tokens]) -> list[Tokens]:
    """Only the matches of whole words (exact, or another form of the word): a title or a name
    equals a query only if no word of it was left unfinished or mistyped."""
    return [{t: q for t, q in found.items() if q >= INFLECTED} for found in tokens]


def _starts(text: list[str], tokens: list[Tokens]) -> float:
    """The mean match quality when ``text`` starts with words matching ``tokens``, else 0."""
    if len(text) < len(tokens) or not tokens:
        return 0.0
    total = 0.0
    for word, matched in zip(text, tokens, strict=False):
        quality = matched.get(word)
        if quality is None:
            return 0.0
        total += quality
    return total / len(tokens)


def _any_order(text: list[str], tokens: list[Tokens]) -> float:
    """The best mean match quality of ``text`` against ``tokens`` taken in any order (as many
    words as tokens, at most four), else 0."""
    if not tokens or len(text) != len(tokens) or len(tokens) > 4:
        return 0.0
    return max(_starts(list(order), tokens) for order in itertools.permutations(text))


def _contains(text: list[str], tokens: list[Tokens]) -> bool:
    """Whether words matching ``tokens`` appear in ``text`` one after the other."""
    size = len(tokens)
    return any(
        all(text[i + k] in tokens[k] for k in range(size)) for i in range(len(text) - size + 1)
    )


def _window(text: list[str], tokens: list[Tokens]) -> bool:
    """Whether words matching ``tokens``, in any order, appear in ``text`` side by side."""
    size = len(tokens)
    if not size:
        return False
    anywhere = set().union(*tokens)
    return any(
        all(w in anywhere for w in text[i : i + size]) and _any_order(text[i : i + size], tokens)
        for i in range(len(text) - size + 1)
    )
