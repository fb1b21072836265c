"""The catalog as BibTeX, for papers and theses.

Entry types: books are ``@book``, papers ``@article``, repositories ``@misc`` and everything
else (posts, videos, courses...) ``@online`` (biblatex; classic BibTeX reads it as ``@misc``).
Keys follow Google Scholar's habit, ``vaswani2017attention``: first author's family name, year,
first significant title word, ASCII only; a clash gets ``b``, ``c``... appended. LaTeX's special
characters are escaped in every field but ``url`` and ``doi``; titles are double-braced so
BibTeX styles keep their capitals.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalog.export.options import ExportOptions
    from catalog.models import Catalog, Resource

ENTRY_TYPES = {"book": "book", "paper": "article", "repository": "misc"}
DEFAULT_TYPE = "online"
_STOP_WORDS = frozenset({"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "from"})
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _SPECIAL))


def escape(text: str) -> str:
    """``text`` on one line with LaTeX's special characters escaped (braces stay balanced)."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], " ".join(text.split()))


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded.lower())


def base_key(resource: Resource) -> str:
    """``family-name + year + title-word``, falling back to the resource id for non-Latin text."""
    family = _ascii_words(resource.authors[0])
    words = [w for w in _ascii_words(resource.title) if w not in _STOP_WORDS and not w.isdigit()]
    if not family or not words:
        return re.sub(r"[^a-z0-9]", "", resource.id) + str(resource.year)
    return f"{family[-1]}{resource.year}{words[0]}"


def _url_value(url: str) -> str:
    # Braces are the field delimiters; the schema's URLs never hold any, but be sure.
    return url.replace("{", "%7B").replace("}", "%7D")


def entry(resource: Resource, key: str) -> str:
    fields: list[tuple[str, str]] = [
        ("title", "{" + escape(resource.title) + "}"),
        ("author", " and ".join(escape(a) for a in resource.authors)),
        ("year", str(resource.year)),
        ("url", _url_value(resource.url)),
    ]
    if resource.doi:
        fields.append(("doi", _url_value(resource.doi)))
    if resource.arxiv:
        fields += [("eprint", resource.arxiv), ("archiveprefix", "arXiv")]
        if resource.kind == "paper":  # @article wants a journal; Google Scholar's wording
            fields.append(("journal", f"arXiv preprint arXiv:{resource.arxiv}"))
    if resource.isbn:
        fields.append(("isbn", escape(resource.isbn)))
    if resource.added:
        fields.append(("urldate", resource.added.isoformat()))
    fields.append(("langid", resource.language))
    fields.append(("note", escape(f"{resource.kind}, {resource.level}")))
    fields.append(("abstract", escape(resource.text("en")[0])))
    kind = ENTRY_TYPES.get(resource.kind, DEFAULT_TYPE)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def render(catalog: Catalog, options: ExportOptions) -> str:
    taken: set[str] = set()
    entries = []
    for resource in catalog.resources:
        base = key = base_key(resource)
        suffix = ord("b")
        while key in taken:
            key = f"{base}{chr(suffix)}" if suffix <= ord("z") else f"{base}{suffix}"
            suffix += 1
        taken.add(key)
        entries.append(entry(resource, key))
    return "\n".join(entries)
