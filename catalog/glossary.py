"""The bilingual glossary at work: query expansion, lookup, and finding non-preferred forms.

The ``glossary:`` section of a catalog (:class:`~catalog.models.GlossaryTerm`) names technical
terms in English and Persian, with accepted variants and forms to avoid. Here every form is
normalised as search normalises text (:func:`catalog.textnorm.words`), so that a query word, a
form and a description compare alike, whatever the script, case or zero-width non-joiner.

* :meth:`Glossary.expand` finds the terms in a query's words (the longest form first) and gives
  the other forms of each, so that ``مکانیزم توجه`` also looks for "attention mechanism" and
  «سازوکار توجه», and ``vision transformer`` for ``ViT`` and «ترنسفورمر بینایی».
* :meth:`Glossary.find` is the lookup behind ``catalog glossary TERM``.
* :func:`uses` tells whether a text uses a form (``catalog validate`` warns about forms to
  avoid).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from catalog.textnorm import SUFFIXES, words

if TYPE_CHECKING:
    from catalog.models import GlossaryTerm

Phrase = tuple[str, ...]


class Expansion:
    """Query words ``start`` to ``end`` (exclusive) name glossary terms; ``forms`` are the
    other forms of those terms, normalised, the query's own words left out."""

    __slots__ = ("end", "forms", "start", "terms")

    def __init__(self, start: int, end: int, terms: tuple[str, ...], forms: tuple[Phrase, ...]):
        self.start = start
        self.end = end
        self.terms = terms
        self.forms = forms


class Glossary:
    """The forms of every term, normalised, for lookups in both directions. ``forms`` are
    those of an earlier ``Glossary(terms).forms`` (the index cache keeps them): normalising
    every form again would cost a cached search more than its ranking."""

    def __init__(
        self, terms: Mapping[str, GlossaryTerm], forms: Mapping[str, list[Phrase]] | None = None
    ) -> None:
        self.terms = dict(terms)
        self.forms: dict[str, list[Phrase]] = {}
        self.by_form: dict[Phrase, list[str]] = {}
        for term_id, term in self.terms.items():
            if forms is not None:
                phrases = forms[term_id]
            else:
                found = (p for _, form, _ in term.forms() if (p := phrase(form)))
                phrases = list(dict.fromkeys(found))
            self.forms[term_id] = phrases
            for p in phrases:
                self.by_form.setdefault(p, []).append(term_id)
        self.longest = max(map(len, self.by_form), default=0)

    def find(self, text: str) -> list[str]:
        """The ids of the terms that ``text`` names: an id, or any form in any language."""
        if text in self.terms:
            return [text]
        return list(self.by_form.get(phrase(text), []))

    def expand(self, query: Iterable[str]) -> list[Expansion]:
        """The glossary terms in normalised query words, left to right, longest forms first;
        words that name no term are left out."""
        keys = tuple(map(_without_ezafe, query))
        found = []
        i = 0
        while i < len(keys):
            for size in range(min(self.longest, len(keys) - i), 0, -1):
                span = keys[i : i + size]
                key = span if span in self.by_form else _singular(span)
                term_ids = self.by_form.get(key)
                if term_ids:
                    forms = [p for t in term_ids for p in self.forms[t] if p != key]
                    expansion = Expansion(i, i + size, tuple(term_ids), tuple(dict.fromkeys(forms)))
                    found.append(expansion)
                    i += size
                    break
            else:
                i += 1
        return found


def phrase(text: str) -> Phrase:
    """A form as the glossary compares it: its normalised words, each without a Persian ezafe
    after a silent heh («تعبیه‌ی واژه» is «تعبیه واژه») and the last without an English plural
    ``s`` ("attention heads" is "attention head")."""
    return _singular(tuple(map(_without_ezafe, words(text))))


def _without_ezafe(word: str) -> str:
    return word[:-1] if len(word) > 2 and word.endswith("\u0647\u06cc") else word


def _singular(found: Phrase) -> Phrase:
    last = found[-1] if found else ""
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return (*found[:-1], last[:-1])
    return found


def keyed_words(text: str) -> list[str]:
    """The words of ``text`` as the glossary compares them with a form (see :func:`uses`)."""
    return keyed(words(text))


def keyed(normalised: list[str]) -> list[str]:
    """:func:`keyed_words` of words already normalised (:func:`catalog.textnorm.words`)."""
    return list(map(_without_ezafe, normalised))


def uses(text: Sequence[str], form: Phrase) -> bool:
    """Whether words ``text`` (from :func:`keyed_words`) hold ``form`` (from :func:`phrase`) as
    whole words; its last word may carry an ending («خلوتی» uses «خلوت»)."""
    size = len(form)
    if not size:
        return False
    head, last = list(form[:-1]), form[-1]
    for i in range(len(text) - size + 1):
        word = text[i + size - 1]
        if (word == last or (word.startswith(last) and word[len(last) :] in SUFFIXES)) and list(
            text[i : i + size - 1]
        ) == head:
            return True
    return False
