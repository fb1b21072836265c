"""What a web page says about itself: title, description, authors, date, language.

Read from the ``<head>`` with the standard library's HTML parser (tolerant of broken markup,
entities decoded). Sources, best first:

* title: ``citation_title``, ``og:title``, ``twitter:title``, then ``<title>``;
* description: ``og:description``, ``description``, ``twitter:description``;
* authors: ``citation_author`` (one tag each), ``article:author`` and ``author`` (names, not
  profile URLs), ``dc.creator``;
* date: ``citation_publication_date``, ``citation_date``, ``article:published_time``,
  ``dc.date``, ``date``;
* language: ``<html lang>``, then ``og:locale``;
* arXiv id: ``citation_arxiv_id``;
* kind of page: ``og:type`` (``article``, ``video.*``, ``book``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from catalog.linkcheck.content import printable

# citation_title first: on paper pages og:title and <title> often carry "[1706.03762] ...".
_TITLE_KEYS = ("citation_title", "og:title", "twitter:title")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_AUTHOR_KEYS = ("citation_author", "article:author", "author", "dc.creator")
_DATE_KEYS = (
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "article:published_time",
    "dc.date",
    "date",
)
_YEAR = re.compile(r"\b(1[89]\d{2}|2\d{3})\b")


@dataclass(frozen=True)
class PageMetadata:
    """Metadata proposed from one page; None (or empty) where the page says nothing."""

    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    language: str | None = None
    arxiv: str | None = None
    site_name: str | None = None
    og_type: str | None = None

    @property
    def persian(self) -> bool:
        """A Persian page: ``lang="fa"``, or text mostly in Arabic script."""
        if self.language == "fa":
            return True
        text = self.description or self.title or ""
        letters = [c for c in text if c.isalpha()]
        arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff")
        return bool(letters) and arabic > len(letters) / 2


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title_parts: list[str] = []
        self.lang: str | None = None
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"]
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").strip().lower()
            content = " ".join(values.get("content", "").split())
            if key and content:
                self.meta.setdefault(key, []).append(content)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)


# The tags the reader uses, each whole and short: the classes stop at the next "<" or ">", so
# finding them is one pass. Only these reach the standard library's parser, which is quadratic
# on some malformed markup ('<a b="' repeated took 10 s on 64 KB, '<a' minutes on 512 KB).
_HEAD_TAGS = re.compile(r"<(?:html|meta)\b[^<>]*>|<title\b[^<>]*>[^<]*</title\s*>", re.IGNORECASE)


def extract(html: str) -> PageMetadata:
    """Read the metadata of an HTML page (only its head matters; the rest is ignored)."""
    reader = _HeadReader()
    head_end = html.lower().find("</head>")
    head = html if head_end == -1 else html[: head_end + len("</head>")]
    try:
        reader.feed("".join(_HEAD_TAGS.findall(head)))
        reader.close()
    except (AssertionError, ValueError):
        pass  # markup it cannot read: keep what was read before it
    meta = reader.meta

    def first(keys: tuple[str, ...]) -> str | None:
        found = next((meta[k][0] for k in keys if meta.get(k)), None)
        return printable(found) or None if found else None  # no control characters

    title = first(_TITLE_KEYS) or printable("".join(reader.title_parts)) or None
    authors: list[str] = []
    for key in _AUTHOR_KEYS:
        names = [_name(a) for a in meta.get(key, []) if not a.lower().startswith("http")]
        authors = [n for n in names if n]
        if authors:
            break
    date = first(_DATE_KEYS)
    year_match = _YEAR.search(date) if date else None
    language = reader.lang or first(("og:locale",))
    return PageMetadata(
        title=title,
        description=first(_DESCRIPTION_KEYS),
        authors=tuple(dict.fromkeys(authors)),
        year=int(year_match.group(1)) if year_match else None,
        language=_language(language),
        arxiv=first(("citation_arxiv_id",)),
        site_name=first(("og:site_name",)),
        og_type=first(("og:type",)),
    )


def _name(text: str) -> str:
    """``Vaswani, Ashish`` (the citation_* order) becomes ``Ashish Vaswani``."""
    text = printable(text)
    if text.count(",") == 1:
        last, given = (part.strip() for part in text.split(","))
        if last and given:
            return f"{given} {last}"
    return text


def _language(tag: str | None) -> str | None:
    """``en-US`` or ``en_US`` -> ``en``; None unless it is a two-letter code."""
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2}", code) else None
