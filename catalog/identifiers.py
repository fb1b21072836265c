"""Checks for the identifiers a resource may carry: ISBN, DOI, arXiv id, language code."""

from __future__ import annotations

import re

# ISO 639-1, the two-letter language codes (184 of them).
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu
    """.split()
)

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}(v\d+)?$")
_ARXIV_OLD = re.compile(r"^[a-z-]+(\.[A-Z]{2})?/\d{7}(v\d+)?$")


def is_language_code(code: str) -> bool:
    return code in ISO_639_1


def is_doi(value: str) -> bool:
    return bool(_DOI.match(value))


def is_arxiv_id(value: str) -> bool:
    return bool(_ARXIV_NEW.match(value) or _ARXIV_OLD.match(value))


def isbn_problem(value: str) -> str | None:
    """Why ``value`` is not a valid ISBN-10 or ISBN-13, or None when it is."""
    digits = value.replace("-", "").replace(" ", "")
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] in "xX"):
        total = sum((10 - i) * int(c) for i, c in enumerate(digits[:9]))
        total += 10 if digits[9] in "xX" else int(digits[9])
        if total % 11:
            return f"ISBN-10 '{value}' fails its checksum; check the digits"
        return None
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(digits))
        if total % 10:
            return f"ISBN-13 '{value}' fails its checksum; check the digits"
        return None
    return f"'{value}' is not an ISBN (expected 10 or 13 digits, hyphens allowed)"
