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

import html
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

READ_BYTES = 65_536  # at most this much of an HTML body is read
TEXT_CHARS = 16_384  # the fingerprint covers the title and this much visible text
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
_WORD = re.compile(r"\w+")
# Words for the sketch: two characters or more, starting with a letter (numbers are noise:
# dates, counters, version numbers).
_SKETCH_WORD = re.compile(r"[^\W\d_]\w+")
# arXiv's "[1706.03762v7] Title", and version words that a title may gain
_TITLE_NOISE = re.compile(r"^\s*\[[^\]]*\]\s*|\bv\d+(?:\.\d+)*\b", re.IGNORECASE)
_PARKING = re.compile(
    r"domain (?:name )?(?:is|may be) for sale|buy this domain|this domain (?:is|has been) parked"
    r"|parked (?:free|domain)|domain (?:has )?expired|sedoparking|parkingcrew|bodis\.com"
    r"|hugedomains|afternic|dan\.com/buy-domain|this domain name is available",
    re.IGNORECASE,
)


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
    title = _text(found.group(1)) if found else ""
    visible = _text(_TAG.sub(b" ", _HIDDEN.sub(b" ", body)))[:TEXT_CHARS]
    words = set(_SKETCH_WORD.findall(visible.casefold()))
    hashes = sorted({zlib.crc32(w.encode()) for w in words})
    marks = _PARKING.search(title) or _PARKING.search(visible)
    return Fingerprint(title, tuple(hashes[:SKETCH_SIZE]), parked=marks is not None)


def _text(raw: bytes) -> str:
    return " ".join(html.unescape(raw.decode("utf-8", "replace")).split())


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
