"""``catalog add``: propose an entry for a URL and insert it into the catalog file.

The CLI fetches the page (through the link checker's guard), asks for what is missing and calls
:func:`build_entry` and :func:`insert_entry`. ``add`` never writes a placeholder: every required
field has a value (asked for, given by a flag, or proposed), or the CLI refuses and names the
flag that supplies it. The entry is one block, keys in the schema's order, inserted after the
last resource as ``catalog fmt`` would write it, so the diff holds only added lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalog.curate.editdoc import Document
from catalog.curate.errors import DuplicateResource, UnreadableInput
from catalog.curate.guess import (
    arxiv_id,
    guess_kind,
    identity_keys,
    kind_of_og_type,
    slugify,
    url_slug,
    year_of_arxiv,
)
from catalog.curate.metadata import PageMetadata
from catalog.curate.questions import ASKED, REQUIRED, Question, question
from catalog.yamldoc.emit import Flow, Folded
from catalog.yamldoc.splice import Splice


@dataclass(frozen=True)
class Fetched:
    """What fetching the page gave: its metadata (None for a page that is not HTML or could
    not be fetched), where it ended up, and why it could not be fetched (with the link-check
    status it would get, ``broken`` for a 404)."""

    page: PageMetadata | None = None
    final_url: str | None = None
    problem: str | None = None
    status: str | None = None


def fetch_metadata(url: str, allow_networks: tuple[str, ...], timeout: float) -> Fetched:
    """Fetch ``url`` through the link checker. An address the network guard refuses raises
    :class:`UnreadableInput`."""
    from catalog.curate.metadata import extract
    from catalog.linkcheck import BlockedAddressError, FetchError, LinkCheckError, fetch_page

    try:
        page = fetch_page(url, allow_networks=allow_networks, timeout=timeout)
    except BlockedAddressError as exc:
        raise UnreadableInput(str(exc)) from None
    except FetchError as exc:
        return Fetched(problem=str(exc), status=exc.status)
    except LinkCheckError as exc:
        return Fetched(problem=str(exc), status="error")
    content_type = str(page.headers.get("content-type", "text/html")).lower()
    if "html" not in content_type:
        return Fetched(final_url=page.final_url)
    return Fetched(extract(page.text), page.final_url)


def find_duplicate(doc: Document, *urls: str) -> None:
    """Raise :class:`DuplicateResource` when any of ``urls`` (or its arXiv id) is catalogued."""
    from urllib.parse import urlsplit

    wanted = {key for url in urls if url for key in identity_keys({"url": url})}
    # Only an entry whose URL names one of the hosts, or an arXiv paper, can match: the others
    # are not worth normalising (10,000 of them take a tenth of a second).
    hosts = {(urlsplit(url).hostname or "").removeprefix("www.") for url in urls if url}
    papers = any(key.startswith("arxiv:") for key in wanted)
    for index, resource in enumerate(doc.resource_fields("id", "url", "arxiv")):
        url = resource.get("url")
        lowered = url.lower() if isinstance(url, str) else ""
        maybe = any(host and host in lowered for host in hosts)
        if not maybe and not (papers and ("arxiv" in lowered or resource.get("arxiv"))):
            continue
        if wanted & set(identity_keys(resource)):
            raise DuplicateResource(urls[0], str(resource.get("id")), doc.line_of(index))


def propose(
    url: str,
    page: PageMetadata | None,
    *,
    final_url: str | None = None,
    taken: set[str] | None = None,
) -> dict[str, Any]:
    """Default values for every asked field, from the page and the URL.

    The kind comes from the host (arXiv, YouTube, GitHub...), then the page's ``og:type``, and
    is ``article`` for an ordinary page. A Persian page's description is proposed as the
    Persian one."""
    page = page or PageMetadata()
    address = final_url or url
    arxiv = arxiv_id(address) or arxiv_id(url) or page.arxiv
    year = page.year or (year_of_arxiv(arxiv) if arxiv else None)
    title = (page.title or "").strip()
    kind = guess_kind(address) or guess_kind(url) or kind_of_og_type(page.og_type) or "article"
    description = (page.description or "").strip()
    persian = page.persian
    values: dict[str, Any] = {
        "url": address,
        "title": title,
        "kind": kind,
        "topics": [],
        "authors": list(page.authors),
        "year": year,
        "level": None,
        "language": "fa" if persian else (page.language or "en"),
        "description": "" if persian else description,
        "fa_description": description if persian else "",
        "free": None,
        "arxiv": arxiv,
    }
    values["id"] = suggest_id(values, taken or set())
    return values


def suggest_id(values: dict[str, Any], taken: set[str]) -> str:
    """``vaswani-2017-attention-is-all``: first author's last name, year, title words."""
    parts = []
    authors = values.get("authors") or []
    if authors:
        parts.append(str(authors[0]).split()[-1])
    if values.get("year"):
        parts.append(str(values["year"]))
    prefix = slugify(" ".join(parts))
    words = slugify(str(values.get("title") or ""), max_length=48 - len(prefix))
    base = "-".join(p for p in (prefix, words) if p) or url_slug(str(values.get("url", "")))
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def missing(values: dict[str, Any]) -> dict[str, str]:
    """The required fields still without a value, each with the flag that gives one."""
    return {name: flag for name, flag in REQUIRED.items() if values.get(name) in (None, "", [])}


def resolve_topics(names: list[str], topics: dict[str, Any]) -> list[str]:
    """Topic names (ids or aliases) as topic ids, each once, in the order given; an unknown
    name is kept as written (validation reports it)."""
    from catalog.models import topic_names

    known = topic_names(
        (str(key), [str(a) for a in t.get("aliases") or []] if isinstance(t, dict) else [])
        for key, t in topics.items()
    )
    return list(dict.fromkeys(known.get(name, name) for name in names))


def build_entry(values: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """A resource mapping with its keys in the schema's order (``catalog fmt``'s)."""
    from catalog.curate.order import resource_fields

    today = today or dt.date.today()
    fields: dict[str, Any] = {
        "id": values["id"],
        "title": values["title"],
        "url": values["url"],
        "kind": values["kind"],
        "topics": Flow(list(values["topics"])),
        "authors": Flow(list(values["authors"])),
        "year": values["year"],
        "level": values["level"],
        "language": values["language"],
        "arxiv": values.get("arxiv") or None,
        "free": None if values.get("free") is None else bool(values["free"]),
        "added": dt.date(today.year, today.month, today.day),
    }
    english = Folded(str(values["description"]))
    persian = values.get("fa_description") or ""
    fields["description"] = {"en": english, "fa": Folded(persian)} if persian else english
    return {name: fields[name] for name in resource_fields() if fields.get(name) is not None}


def insert_entry(doc: Document, entry: dict[str, Any]) -> tuple[Splice, int]:
    """The splice that puts ``entry`` after the last resource, and the line the entry starts
    on in the edited text."""
    from catalog.curate.splices import append_resources

    splice = append_resources(doc, [entry])
    return splice, first_item_line(doc, splice)


def first_item_line(doc: Document, splice: Splice) -> int:
    """The line (1-based, in the edited text) of the first list item a splice inserts."""
    newline = doc.newline()
    lines = splice.new.split(newline)
    before = doc.text.count("\n", 0, splice.start)
    for number, line in enumerate(lines):
        if line.lstrip().startswith("- "):
            return before + number + 1
    return before + 1


def fill(
    values: dict[str, Any],
    given: dict[str, Any],
    topics: dict[str, Any],
    taken: set[str],
    ask: Callable[[Question], Any] | None,
) -> None:
    """Set each field from ``given`` (the flags), else from ``ask`` (None: keep the proposal).
    Topics end up as topic ids, each once."""
    for name in ASKED:
        if given.get(name) not in (None, [], ""):  # an empty flag (no --topic) is not an answer
            values[name] = given[name]
            continue
        if name == "id":  # suggested last, from the answers given so far
            values["id"] = suggest_id(values, taken)
        if ask is not None:
            values[name] = ask(question(name, values, topics))
    values["topics"] = resolve_topics(list(values.get("topics") or []), topics)
