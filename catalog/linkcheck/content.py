"""What a page says, cheaply: fingerprints for soft 404s, parking pages and content drift.

A status code says a URL answers; it does not say the answer is still the resource. So, with
content checks on, the checker reads the first :data:`READ_BYTES` of an HTML answer and keeps a
:class:`Fingerprint`: the page's title and a bottom-k sketch of the words of its first
:data:`TEXT_CHARS` characters of visible text. Two sketches estimate how much two texts share
(the Jaccard similarity of their word sets) in microseconds, and a sketch is 32 integers, so
the link cache can keep one per URL.

Three uses, all pure functions here (the engine does the fetching):

* :func:`parked`: the marks of a domain-parking page ("this domain is for sale", the parking
  services' names) make a ``soft_404`` on their own;
* :func:`same_page`: a page that looks like the host's answer to a random path that cannot
  exist (Bar-Yossef et al., WWW 2004) is a ``soft_404``;
* :func:`drifted`: a page whose title *and* text no longer resemble the last ``ok`` answer is
  ``drifted``. Both must move: a title that gains a version or a site name, or a redesign that
  keeps the title, is the same resource.

Thresholds (documented in docs/checking.md, tested in tests/linkcheck/test_content.py):
:data:`SAME_TEXT` for "the same template", :data:`RESEMBLES_TEXT` and :data:`RESEMBLES_TITLE`
for "still the same resource".
"""

from __future__ import annotations

import heapq
import html
import re
import string
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

READ_BYTES = 65_536  # at most this much of an HTML body is read
TEXT_CHARS = 16_384  # the fingerprint covers the title and this many bytes of visible text
SKETCH_SIZE = 32  # a bottom-k sketch: the k smallest word hashes

SAME_TEXT = 0.8  # estimated Jaccard similarity at which two pages are one template
RESEMBLES_TEXT = 0.3  # at or above this, the text is still the same resource
RESEMBLES_TITLE = 0.5  # share of the shorter title's words found in the other title

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_HIDDEN = re.compile(
    rb"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->|<head\b.*?</head\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(rb"<[^>]*>")
# Words are cut out of the bytes: ASCII punctuation becomes a space, UTF-8 letters (Persian
# included) stay as they are, and case is folded for ASCII. Byte-level work is several times
# cheaper than decoding and running a Unicode word pattern over 16 KB.
_PUNCTUATION = bytes.maketrans(string.punctuation.encode("ascii"), b" " * len(string.punctuation))
_WORD = re.compile(r"\w+")
# arXiv's "[1706.03762v7] Title", and version words that a title may gain
_TITLE_NOISE = re.compile(r"^\s*\[[^\]]*\]\s*|\bv\d+(?:\.\d+)*\b", re.IGNORECASE)
# The marks of a domain-parking page, looked for as plain (lower-case) phrases.
PARKING_MARKS = (
    b"domain is for sale",
    b"domain may be for sale",
    b"domain name is for sale",
    b"buy this domain",
    b"this domain is parked",
    b"this domain has been parked",
    b"parked free",
    b"parked domain",
    b"domain has expired",
    b"domain name has expired",
    b"this domain name is available",
    b"sedoparking",
    b"parkingcrew",
    b"bodis.com",
    b"hugedomains",
    b"afternic",
)
PARKING_TEXT = 4096  # parking pages are short: their marks are in the first few KB of text


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The title and word sketch of one answer; ``parked`` when it carries parking marks."""

    title: str
    sketch: tuple[int, ...]
    parked: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"title": self.title, "sketch": list(self.sketch)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Fingerprint:
        """From the link cache; raises ValueError on anything malformed."""
        title, sketch = data.get("title"), data.get("sketch")
        if not isinstance(title, str) or not isinstance(sketch, list):
            raise ValueError("a fingerprint needs a title and a sketch")
        if not all(isinstance(v, int) for v in sketch):
            raise ValueError("a fingerprint's sketch holds integers")
        return cls(title, tuple(sketch))


def is_html(headers: Mapping[str, str]) -> bool:
    content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return content_type in _HTML_TYPES


def fingerprint(body: bytes) -> Fingerprint:
    """The fingerprint of the first bytes of an HTML page (any charset: only words count)."""
    found = _TITLE.search(body)
    title = (
        " ".join(html.unescape(found.group(1).decode("utf-8", "replace")).split()) if found else ""
    )
    visible = b" ".join(_TAG.sub(b" ", _HIDDEN.sub(b" ", body)).split())[:TEXT_CHARS].lower()
    words = {w for w in set(visible.translate(_PUNCTUATION).split()) if len(w) > 1}
    # Numbers are noise (dates, counters, version numbers): only words starting with a letter.
    hashes = heapq.nsmallest(
        SKETCH_SIZE, map(zlib.crc32, (w for w in words if not w[:1].isdigit()))
    )
    marked = title.lower().encode() + b" " + visible[:PARKING_TEXT]
    parked = any(mark in marked for mark in PARKING_MARKS)
    return Fingerprint(title, tuple(hashes), parked=parked)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two word sets behind two bottom-k sketches."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def title_words(title: str) -> frozenset[str]:
    """A title's words, without arXiv's id prefix and version markers."""
    return frozenset(_WORD.findall(_TITLE_NOISE.sub(" ", title).casefold()))


def titles_resemble(a: str, b: str) -> bool:
    """Whether two titles name the same thing: most words of the shorter one are in the other
    ("Attention Is All You Need | arXiv" and "[1706.03762v7] Attention Is All You Need")."""
    first, second = title_words(a), title_words(b)
    if not first or not second:
        return not first and not second
    shorter = min(first, second, key=len)
    return len(first & second) / len(shorter) >= RESEMBLES_TITLE


def same_page(page: Fingerprint, probe: Fingerprint) -> bool:
    """Whether ``page`` is the template the host serves for any missing path."""
    same_title = title_words(page.title) == title_words(probe.title)
    return same_title and similarity(page.sketch, probe.sketch) >= SAME_TEXT


def drifted(old: Fingerprint, new: Fingerprint) -> bool:
    """Whether the page no longer resembles the last ``ok`` answer: title and text both moved."""
    if titles_resemble(old.title, new.title):
        return False
    return similarity(old.sketch, new.sketch) < RESEMBLES_TEXT
