"""Boosts for the best candidates of a ranking: their titles and short names against the query,
and the query's words together as a phrase.

A title equal to the query, or starting with it ("illustrated transformer" for "The Illustrated
Transformer"); a short name of the resource equal to the query (``BERT`` in "BERT: Pre-training
of...", ``ViT`` in "...(ViT)", ``nanoGPT`` in "karpathy/nanoGPT", or its id); the query's words
side by side in the title or a description. Another form of a glossary term counts, at glossary
quality, and across languages in any order (Persian puts the noun first).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from catalog.matching import EXACT, GLOSSARY, INFLECTED, Clause, Tokens
from catalog.textnorm import words

if TYPE_CHECKING:
    from catalog.glossary import Phrase
    from catalog.models import Resource

# The score of a candidate is multiplied by 1 + boost x the quality of the match.
TITLE_EXACT, TITLE_START, NAME, PHRASE_TITLE, PHRASE_TEXT = 2.0, 0.6, 1.5, 0.6, 0.3
_ARTICLES = frozenset({"the", "a", "an"})
_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")
_REPOSITORY = re.compile(r"^[\w.-]+/([\w.-]+)$")
Matcher = Callable[[str, bool], Tokens]  # (word, fuzzy) -> the index words it matches


class Boosts:
    """The boost factor of a candidate: its title and short names against the query, and the
    query's words as a phrase."""

    def __init__(self, query: Phrase, clauses: list[Clause], matches: Matcher) -> None:
        # The query word itself counts too: ids and years need not be indexed words.
        own = [{**matches(w, True), w: EXACT} for w in query]
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
            forms = [[matches(w, False) for w in form] for form in clause.forms]
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
