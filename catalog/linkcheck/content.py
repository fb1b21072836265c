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
# The title: text without markup up to its closer. The classes stop at the next "<", so an
# unclosed title costs a short scan, not one to the end of the body per "<title".
_TITLE = re.compile(rb"<title\b[^<>]*>([^<]*)</title\s*>", re.IGNORECASE)
_BODY = re.compile(rb"<body", re.IGNORECASE)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0 and C1 controls, DEL
# Markup: a hidden element whole (its text is never shown; the title is read on its own), a
# comment, or any other tag; each with the blanks after it, which are mostly the source's
# indentation. One pass of one pattern: the cost is per tag, not per byte. Every branch ends
# at its closer *or at the end of the text* (an unclosed element or comment hides the rest, as
# in a browser), and its loops are unrolled: once an opener matches, the branch succeeds
# without backtracking, so a hostile page of unclosed openers costs one pass, not one pass per
# opener (64 KB of "<svg" took 18 s with closers required).
_MARKUP = re.compile(
    rb"<(?:(script|style|noscript|template|svg|title)\b[^<]*(?:<(?!/\1)[^<]*)*"
    rb"(?:</\1[^>]*(?:>|\Z)|\Z)"
    rb"|!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z)"
    rb"|[^>]*(?:>|\Z))\s*",
    re.IGNORECASE,
)
# Words are cut out of the bytes in one translation: ASCII letters are lower-cased, ASCII
# punctuation and digits become spaces, UTF-8 letters (Persian included) stay as they are.
# Byte-level work is several times cheaper than decoding and running a Unicode word pattern.
_FOLD = bytes.maketrans(
    (string.ascii_uppercase + string.punctuation + string.digits).encode("ascii"),
    string.ascii_lowercase.encode("ascii") + b" " * len(string.punctuation + string.digits),
)
# Every word of one byte: a lone letter says nothing about a page.
_ONE_BYTE = frozenset(bytes([code]) for code in range(256))
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
# The marks as the folded text spells them ("bodis.com" becomes "bodis com").
_MARKS = tuple(b" ".join(mark.translate(_FOLD).split()) for mark in PARKING_MARKS)
# Every mark holds one of these stems (a test checks it): a first look of four searches, which
# most pages fail, before the marks themselves are looked for.
MARK_STEMS = (b"domain", b"park", b"bodis", b"afternic")


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
        if not set(map(type, sketch)) <= {int}:  # in C: the cache holds 32 per URL
            raise ValueError("a fingerprint's sketch holds integers")
        return cls(title, tuple(sketch))


def is_html(headers: Mapping[str, str]) -> bool:
    content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return content_type in _HTML_TYPES


def fingerprint(body: bytes) -> Fingerprint:
    """The fingerprint of the first bytes of an HTML page (any charset: only words count).

    The text is what is left of the ``<body>`` once markup is removed, whitespace runs
    included, cut at :data:`TEXT_CHARS`. The cost is a few passes in C over the body and one
    CRC-32 per distinct word; nothing is parsed into a tree.
    """
    found = _TITLE.search(body)
    title = clean_title(found.group(1).decode("utf-8", "replace")) if found else ""
    start = _BODY.search(body)  # the head shows nothing but its title, read above
    page = memoryview(body)[start.start() :] if start else body  # a view: no copy
    text = _MARKUP.sub(b" ", page)[:TEXT_CHARS].translate(_FOLD)
    # Numbers are noise (dates, counters, version numbers): the fold made their digits spaces,
    # so "v7" is a lone "v", dropped with every other one-byte word, and "gpt2" is "gpt".
    words = set(text.split())
    words -= _ONE_BYTE
    hashes = heapq.nsmallest(SKETCH_SIZE, map(zlib.crc32, words))
    return Fingerprint(title, tuple(hashes), parked=_parked(title, text[:PARKING_TEXT]))


def clean_title(raw: str) -> str:
    """A page's title from its HTML source, as text to show: entities decoded, then
    :func:`printable`."""
    return printable(html.unescape(raw))


def printable(text: str) -> str:
    """Text from a page, safe to show: control characters (an escape sequence could retitle
    or clear the terminal that shows a report, or forge lines in a CI log) dropped, blanks
    collapsed."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _parked(title: str, text: bytes) -> bool:
    """Whether a title and the start of a page's text carry the marks of a parking service."""
    marked = title.encode().translate(_FOLD) + b" " + text  # text: folded already
    if not any(stem in marked for stem in MARK_STEMS):
        return False
    marked = b" ".join(marked.split())  # a mark may be split over lines in the source
    return any(mark in marked for mark in _MARKS)


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
    if a == b:
        return True  # the common case on a nightly run, without the word cut
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
