"""Text normalisation and fuzzy matching for search, in any script (Persian included)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
# Arabic code points that Persian text often carries in place of the Persian letters.
_PERSIAN = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u200c": None,  # zero-width non-joiner: "مدل‌ها" and "مدلها" are the same word
        "\u200d": None,
        "\u0640": None,  # tatweel
        # Persian and Arabic-Indic digits: a year copied from the Persian list is a year
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x0660 + d): str(d) for d in range(10)},
    }
)
_MARKS = re.compile(r"[\u064b-\u065f\u0670]")  # Arabic diacritics
# Endings that make another form of the same word: English plurals; Persian plurals, the ezafe
# and indefinite "ی" (written after a zero-width non-joiner, which normalising removes).
SUFFIXES = frozenset({"s", "es", "ها", "های", "هایی", "ی", "ای", "یی"})
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u200c\u200d]")


def normalize(text: str) -> str:
    """Case-fold and unify the spellings a reader may type (NFKC, Persian letters and digits,
    no ZWNJ)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    # The Arabic-script fixes are only needed when such characters are there (most text is
    # Latin, and str.translate with a mapping is slow on long strings).
    if _ARABIC_SCRIPT.search(text):
        text = _MARKS.sub("", text.translate(_PERSIAN))
    return text


def folding() -> tuple[dict[str, str], str]:
    """What :func:`normalize` does after NFKC and case folding, as data, for a program that
    must fold text as search does (the HTML export's script): each replaced character and its
    replacement ("" when it is dropped), and the pattern of the marks it removes."""
    table = {chr(code): "" if value is None else str(value) for code, value in _PERSIAN.items()}
    return table, _MARKS.pattern


def words(text: str) -> list[str]:
    """The words of ``text``, normalised."""
    return _WORD.findall(normalize(text))


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or
    swap of neighbours (Damerau-Levenshtein distance <= 1)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if i == la:
        return True  # equal, or b has one extra character at the end
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]  # swap
    return a[i:] == b[i + 1 :]  # one insertion into a
