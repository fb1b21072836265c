"""GitHub's heading anchors, exactly: a port of the npm package ``github-slugger``.

GitHub lower-cases the heading's text, removes every character in one fixed class (punctuation,
symbols, controls and format characters, including ZWNJ U+200C and the bidi marks; letters,
marks and decimal numbers of every script stay), turns each space into ``-`` and de-duplicates
repeats with ``-1``, ``-2``... The class is copied from github-slugger (``_slug_table.py``)
rather than rebuilt from :mod:`unicodedata`, because Python's Unicode version differs from the
one the slugger was generated with. ``tests/export/test_slug.py`` compares both, code point by
code point, when node and github-slugger are installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from catalog.export._slug_table import REMOVED


def _class(table: str) -> str:
    parts = []
    for item in table.split():
        start, _, end = item.partition("-")
        parts.append(re.escape(chr(int(start, 16))))
        if end:
            parts.append("-" + re.escape(chr(int(end, 16))))
    return "[" + "".join(parts) + "]"


_REMOVED = re.compile(_class("".join(REMOVED)))


def slug(text: str) -> str:
    """The anchor GitHub gives a heading whose rendered text is ``text`` (before de-duplication)."""
    return _REMOVED.sub("", text.lower()).replace(" ", "-")


class Slugger:
    """Unique anchors for the headings of one document, in document order (GitHub's rule)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._seen: dict[str, int] = {}
        for text in taken:
            self.slug(text)

    def slug(self, text: str) -> str:
        """The anchor of the next heading with this text: ``a``, then ``a-1``, ``a-2``..."""
        base = result = slug(text)
        while result in self._seen:
            self._seen[base] += 1
            result = f"{base}-{self._seen[base]}"
        self._seen[result] = 0
        return result
