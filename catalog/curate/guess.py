"""Guesses made from a URL or a title: the kind of resource, its arXiv id, a slug for its id.

Pure functions; ``add`` and ``import`` both use them. A guess that cannot be made returns None
and the caller writes a placeholder, so that nothing is ever silently invented.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import parse_qs, urlsplit

from catalog.urls import normalize_url

_ARXIV_PATH = re.compile(
    r"^/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)(?:\.pdf)?/?$"
)
_PAPER_HOSTS = (
    "openreview.net",
    "aclanthology.org",
    "proceedings.neurips.cc",
    "papers.nips.cc",
    "proceedings.mlr.press",
    "jmlr.org",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "link.springer.com",
    "biorxiv.org",
    "nature.com",
    "semanticscholar.org",
)
_COURSE_HOSTS = (
    "coursera.org",
    "edx.org",
    "udemy.com",
    "udacity.com",
    "course.fast.ai",
    "fast.ai",
    "deeplearning.ai",
    "ocw.mit.edu",
    "classcentral.com",
)
_BOOK_HOSTS = ("oreilly.com", "manning.com", "d2l.ai", "packtpub.com", "nostarch.com", "amazon.com")
_ARTICLE_HOSTS = (
    "medium.com",
    "towardsdatascience.com",
    "substack.com",
    "distill.pub",
    "lilianweng.github.io",
    "jalammar.github.io",
    "wordpress.com",
    "blogspot.com",
    "dev.to",
)
# Latin letters that Unicode normalisation does not split into a base letter and a mark.
_NOT_DECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe"}
)
_INTERACTIVE_HOSTS = (
    "colab.research.google.com",
    "observablehq.com",
    "kaggle.com",
    "poloclub.github.io",
)
_REPOSITORY_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")


def _host(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    return host, parts.path


def _on(host: str, names: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in names)


def arxiv_id(url: str) -> str | None:
    """The arXiv id in an arxiv.org abstract or PDF URL (``1706.03762v7``), or None."""
    host, path = _host(url)
    if host not in ("arxiv.org", "export.arxiv.org"):
        return None
    match = _ARXIV_PATH.match(path)
    return match.group(1) if match else None


def year_of_arxiv(identifier: str) -> int | None:
    """The year a new-style arXiv id was submitted (``1706.03762`` -> 2017)."""
    match = re.match(r"^(\d{2})(\d{2})\.", identifier)
    if match is None:
        match = re.search(r"/(\d{2})(\d{2})\d{3}", identifier)
    if match is None:
        return None
    year = int(match.group(1))
    return (1900 if year >= 91 else 2000) + year


def guess_kind(url: str) -> str | None:
    """The catalog kind a URL most likely points at, or None when the host says nothing."""
    host, path = _host(url)
    lowered = path.lower()
    if host in ("youtube.com", "youtu.be", "youtube-nocookie.com"):
        query = parse_qs(urlsplit(url).query)
        if lowered.startswith("/playlist") or ("list" in query and "v" not in query):
            return "playlist"
        if lowered.startswith(("/watch", "/embed/", "/shorts/", "/live/")) or host == "youtu.be":
            return "video"
        return None  # a channel page: could be either
    if host in ("vimeo.com", "player.vimeo.com") or _on(host, ("videolectures.net",)):
        return "video"
    if arxiv_id(url) or _on(host, _PAPER_HOSTS) or lowered.endswith(".pdf"):
        return "paper"
    if _on(host, _REPOSITORY_HOSTS):
        return "repository" if len([p for p in path.split("/") if p]) >= 2 else None
    if host == "huggingface.co":
        if lowered.startswith(("/learn", "/course")):
            return "course"
        if lowered.startswith("/blog"):
            return "article"
        if lowered.startswith("/docs"):
            return "tutorial"
        if lowered.startswith("/spaces"):
            return "interactive"
        return None
    if _on(host, _INTERACTIVE_HOSTS):
        return "interactive"
    if _on(host, _COURSE_HOSTS) or re.search(r"/(?:class|course|courses)/", lowered):
        return "course"
    if _on(host, _BOOK_HOSTS):
        return "book"
    if _on(host, _ARTICLE_HOSTS) or host.startswith("blog.") or "/blog/" in lowered:
        return "article"
    if host.endswith(".github.io"):
        return "article"
    return None


def kind_of_og_type(og_type: str | None) -> str | None:
    """The catalog kind an ``og:type`` names (``article``, ``video.*``, ``book``), or None."""
    value = (og_type or "").strip().lower()
    if value in ("article", "blog", "blogposting"):
        return "article"
    if value.startswith("video"):
        return "video"
    if value.startswith("book"):
        return "book"
    return None


def slugify(text: str, max_length: int = 60) -> str:
    """A catalog id from free text: lower-case ASCII letters, digits and hyphens."""
    text = text.translate(_NOT_DECOMPOSABLE)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def url_slug(url: str, max_length: int = 48) -> str:
    """An id from a URL, for a title with no Latin letters («مکانیزم توجه»): the host without
    ``www.`` and the last part of the path (``virgool-io-attention-explained``)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    host = slugify((parts.hostname or "").removeprefix("www."))
    path = [p for p in parts.path.split("/") if p]
    last = path[-1].rsplit(".", 1)[0] if path else ""
    tail = slugify(last, max_length=max(max_length - len(host) - 1, 0))
    return "-".join(p for p in (host, tail) if p)[:max_length].strip("-")


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not yet taken; records the choice."""
    base = base or "resource"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def identity_keys(resource: Any) -> list[str]:
    """What makes two entries the same resource: the canonical URL, and the arXiv id."""
    if not isinstance(resource, dict):
        return []
    keys = []
    url = resource.get("url")
    identifier = resource.get("arxiv")
    if isinstance(url, str):
        keys.append(normalize_url(url))
        identifier = identifier or arxiv_id(url)
    if isinstance(identifier, str):
        keys.append("arxiv:" + re.sub(r"v\d+$", "", identifier))
    return keys
