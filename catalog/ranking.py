"""Relevance ranking: BM25F over the index, with match tiers, glossary expansion and boosts.

A query splits into clauses (:mod:`catalog.matching`): a word, or a run of words naming a
glossary term. A resource matches a clause through its own words or through another form of the
term, in any language. Per word, credit is BM25: the word's rarity (inverse document frequency)
times its saturated weight in the resource (the index holds that weight, summed over fields and
normalised by field length: :data:`catalog.index.FIELDS`), times the quality of the match:
exact > another form of the word > prefix = glossary > typo.

The best candidates are then boosted (:mod:`catalog.boosts`). Resources that match every clause
are returned; when none does, those that match some, most query words first, marked partial.
Near ties go to the older resource.
"""

from __future__ import annotations

import heapq
import math
from typing import TYPE_CHECKING

from catalog.boosts import Boosts
from catalog.index import SCALE
from catalog.matching import GLOSSARY, Clause, Tokens, clauses, word_matches
from catalog.textnorm import words

if TYPE_CHECKING:
    from catalog.index import Index

K1 = 1.2  # BM25 saturation: how fast repeated occurrences stop adding credit
TIE = 0.1  # scores this close (relative) are a tie, which the older resource wins
RERANK = 100  # how many of the best candidates are checked for boosts


class Ranking:
    """``(position in catalog.resources, score)`` pairs, best first, and whether they match
    only part of the query (no resource matched all of it)."""

    __slots__ = ("order", "partial")

    def __init__(self, order: list[tuple[int, float]], partial: bool) -> None:
        self.order = order
        self.partial = partial


def rank_positions(index: Index, text: str, allowed: set[int] | None = None) -> Ranking:
    """Every resource that matches ``text`` (all of it, else part of it), best first."""
    query = tuple(dict.fromkeys(words(text)))
    if not query:
        return Ranking([], False)
    scorer = _Scorer(index, allowed)
    parts = clauses(query, index.glossary)
    results = [scorer.clause(clause) for clause in parts]
    full = set.intersection(*(set(scores) for scores, _ in results))
    matched: dict[int, int] = {}
    if full:
        base = {p: sum(scores[p] for scores, _ in results) for p in full}
    else:
        base = {}
        for clause, (scores, some) in zip(parts, results, strict=True):
            for p, value in scores.items():
                matched[p] = matched.get(p, 0) + len(clause.words)
                base[p] = base.get(p, 0.0) + value
            for p, (count, value) in some.items():
                matched[p] = matched.get(p, 0) + count
                base[p] = base.get(p, 0.0) + value
    resources = index.catalog.resources
    boosts = Boosts(query, parts, scorer.matches)
    scores = dict(base)
    for p in heapq.nlargest(RERANK, base, key=base.__getitem__):
        scores[p] = base[p] * boosts.factor(resources[p])
    order = sorted(scores, key=lambda p: (-matched.get(p, 0), -scores[p], p))
    ranked = _older_first(order, scores, matched, index)
    ranked = _main_before_companion(ranked, matched, index, query)
    return Ranking([(p, round(scores[p], 3)) for p in ranked], not full)


# Words that ask for a companion by its role: "hyenadna code" wants the repository. Another
# version or a translation is the same work, not an aside: its own title decides ("the
# transformer family" is the first version's title), so those roles are not here.
ROLE_WORDS = {
    "code": {"code", "repo", "repository", "github", "implementation", "کد"},
    "blog": {"blog", "post", "article", "وبلاگ"},
    "notebook": {"notebook", "colab"},
    "video": {"video", "talk", "lecture", "ویدیو"},
}


def _main_before_companion(
    ranked: list[int], matched: dict[int, int], index: Index, query: tuple[str, ...]
) -> list[int]:
    """A main entry moved up to just before its code, blog, notebook or video companion when
    both match as much of the query and the query does not name that role: the name of a
    model alone finds the paper before the post or the code that carry the name in their
    titles (``esm3``), while ``esm3 blog`` keeps the post first."""
    resources = index.catalog.resources
    position = {resources[p].id: p for p in ranked}
    wanted = set(query)
    out = list(ranked)
    for p in ranked:
        found = index.catalog.main_of(resources[p].id)
        if found is None:
            continue
        main, link = found
        q = position.get(main.id)
        if q is None or matched.get(q, 0) != matched.get(p, 0):
            continue
        if link.role not in ROLE_WORDS or wanted & ROLE_WORDS[link.role]:
            continue
        if out.index(q) > out.index(p):
            out.remove(q)
            out.insert(out.index(p), q)
    return out


def _older_first(
    order: list[int], scores: dict[int, float], matched: dict[int, int], index: Index
) -> list[int]:
    """``order`` with near ties (scores within :data:`TIE` of the best of their run) put older
    first: the original before its successors, translations and later write-ups. A main entry
    also comes before its companions in the same run, whatever their years."""
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
        run = sorted(order[i:j], key=lambda p: (resources[p].year, p))
        out += _mains_first(run, index) if len(run) > 1 else run
        i = j
    return out


def _mains_first(run: list[int], index: Index) -> list[int]:
    """``run`` with each companion moved to just after its main entry, when both are in it."""
    resources = index.catalog.resources
    ids = {resources[p].id: p for p in run}
    under: dict[int, list[int]] = {}
    moved: set[int] = set()
    for p in run:
        for companion in resources[p].companions:
            q = ids.get(companion.id)
            if q is not None:
                under.setdefault(p, []).append(q)
                moved.add(q)
    if not moved:
        return run
    out: list[int] = []
    for p in run:
        if p not in moved:
            out.append(p)
            out += [q for q in run if q in under.get(p, ())]
    return out


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
            found = self.tokens[key] = word_matches(word, self.index, fuzzy)
        return found

    def word(self, word: str, fuzzy: bool) -> tuple[float, dict[int, float]]:
        """The inverse document frequency of one query word, and position -> its saturated
        weight in that resource times the quality of the match."""
        key = (word, fuzzy)
        found = self._scores.get(key)
        if found is not None:
            return found
        credit: dict[int, float] = {}
        for token, quality in self.matches(word, fuzzy).items():
            flat = self.index.hits(token)
            for j in range(0, len(flat), 2):
                position = flat[j]
                weight = flat[j + 1] / SCALE
                value = quality * weight / (K1 + weight)
                if credit.get(position, 0.0) < value:
                    credit[position] = value
        # Rarity is the whole catalog's: filters choose resources, they do not reweigh words.
        df = len(credit)
        idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        if self.allowed is not None:
            credit = {p: v for p, v in credit.items() if p in self.allowed}
        found = self._scores[key] = (idf, credit)
        return found

    def clause(self, clause: Clause) -> tuple[dict[int, float], dict[int, tuple[int, float]]]:
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
