"""``catalog add``: propose an entry for a URL and append it to the catalog document.

The CLI fetches the page (through the link checker's guard), asks for what is missing and
calls :func:`build_entry` and :func:`append_entry`. Fields nobody filled get the same marked
placeholders as ``catalog import`` (``level: TODO``...), which ``catalog validate`` lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalog.curate.comments import append_item
from catalog.curate.errors import DuplicateResource, UnreadableInput
from catalog.curate.guess import arxiv_id, guess_kind, identity_keys, slugify, year_of_arxiv
from catalog.curate.importer import TODO
from catalog.curate.metadata import PageMetadata
from catalog.curate.yamledit import Document, flow_list, folded, placeholder_path

# The fields `add` asks for, in the order it asks.
ASKED = (
    "title",
    "kind",
    "topics",
    "authors",
    "year",
    "level",
    "language",
    "description",
    "fa_description",
    "free",
    "id",
)


def fetch_metadata(
    url: str, allow_networks: tuple[str, ...], timeout: float
) -> tuple[PageMetadata | None, str | None, str | None]:
    """Fetch ``url`` through the link checker: (metadata, final URL, warning).

    A page that cannot be fetched proposes nothing (the warning says why); an address the
    network guard refuses raises :class:`UnreadableInput`.
    """
    from catalog.curate.metadata import extract
    from catalog.linkcheck import BlockedAddressError, LinkCheckError, fetch_page

    try:
        page = fetch_page(url, allow_networks=allow_networks, timeout=timeout)
    except BlockedAddressError as exc:
        raise UnreadableInput(str(exc)) from None
    except LinkCheckError as exc:
        return None, None, f"{exc}; nothing proposed from the page"
    content_type = str(page.headers.get("content-type", "text/html")).lower()
    if "html" not in content_type:
        return None, page.final_url, None
    return extract(page.text), page.final_url, None


def find_duplicate(doc: Document, *urls: str) -> None:
    """Raise :class:`DuplicateResource` when any of ``urls`` (or its arXiv id) is catalogued."""
    wanted = {key for url in urls if url for key in identity_keys({"url": url})}
    for index, resource in enumerate(doc.resources):
        if wanted & set(identity_keys(resource)):
            raise DuplicateResource(urls[0], str(resource.get("id")), doc.line_of(index))


def propose(
    url: str,
    page: PageMetadata | None,
    *,
    final_url: str | None = None,
    taken: set[str] | None = None,
) -> dict[str, Any]:
    """Default values for every asked field, from the page and the URL."""
    page = page or PageMetadata()
    address = final_url or url
    arxiv = arxiv_id(address) or arxiv_id(url) or page.arxiv
    year = page.year or (year_of_arxiv(arxiv) if arxiv else None)
    title = (page.title or "").strip()
    values: dict[str, Any] = {
        "url": address,
        "title": title,
        "kind": guess_kind(address) or guess_kind(url),
        "topics": [],
        "authors": list(page.authors),
        "year": year,
        "level": None,
        "language": page.language or "en",
        "description": (page.description or "").strip(),
        "fa_description": "",
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
    base = "-".join(p for p in (prefix, words) if p) or slugify(str(values.get("url", "")))
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def build_entry(values: dict[str, Any], today: dt.date | None = None) -> tuple[Any, list[str]]:
    """A resource mapping in schema key order, and the names of fields left as placeholders."""
    from ruamel.yaml.comments import CommentedMap

    today = today or dt.date.today()
    entry = CommentedMap()
    missing: list[str] = []

    def put(name: str, value: Any, placeholder: Any = TODO) -> None:
        if value in (None, "", []):
            missing.append(name)
            value = placeholder
        entry[name] = value

    entry["id"] = values["id"]
    put("title", values.get("title"), "")
    entry["url"] = values["url"]
    put("kind", values.get("kind"))
    put("topics", flow_list(list(values.get("topics") or [])) or None, flow_list([TODO]))
    put("authors", flow_list(list(values.get("authors") or [])) or None)
    put("year", values.get("year"))
    put("level", values.get("level"))
    entry["language"] = values.get("language") or "en"
    description = values.get("description") or ""
    persian = values.get("fa_description") or ""
    if not description:
        missing.append("description")
    if persian:
        entry["description"] = _localized(folded(description), folded(persian))
    else:
        entry["description"] = folded(description)
    if values.get("arxiv"):
        entry["arxiv"] = values["arxiv"]
    if values.get("free") is not None:
        entry["free"] = bool(values["free"])
    entry["added"] = dt.date(today.year, today.month, today.day)
    return entry, missing


def _localized(english: str, persian: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    texts = CommentedMap()
    texts["en"] = english
    texts["fa"] = persian
    return texts


def append_entry(doc: Document, entry: Any, missing: list[str]) -> frozenset[str]:
    """Append ``entry`` to the resources; return the placeholder paths it may leave invalid."""
    resources = doc.resources
    if not resources:
        resources.fa.set_block_style()
    append_item(resources, entry)  # a duplicate id is reported by the validation before writing
    return frozenset(placeholder_path(entry["id"], name) for name in missing)


def fill(
    values: dict[str, Any],
    given: dict[str, Any],
    topics: Any,
    taken: set[str],
    ask: Callable[[Question], Any] | None,
) -> None:
    """Set each field from ``given`` (the flags), else from ``ask`` (None: keep the proposal)."""
    for name in ASKED:
        if given.get(name) not in (None, [], ""):  # an empty flag (no --topic) is not an answer
            values[name] = given[name]
            continue
        if name == "id":  # suggested last, from the answers given so far
            values["id"] = suggest_id(values, taken)
        if ask is not None:
            values[name] = ask(question(name, values, topics))


@dataclass(frozen=True)
class Question:
    """How to ask for one field: the label, the default answer, and how to read an answer.

    ``parse`` raises ValueError with a message to show when the answer is not acceptable; an
    empty answer gives None (the field becomes a placeholder).
    """

    label: str
    default: str
    parse: Callable[[str], Any]


def question(name: str, values: dict[str, Any], topics: Any) -> Question:
    """The question for field ``name``, with the current value as its default."""
    from catalog.models import KINDS, LEVELS

    value = values.get(name)
    if name in ("topics", "authors"):
        known = f" (known: {', '.join(map(str, topics))})" if name == "topics" else ""
        label = f"{name.capitalize()}, comma-separated{known}"
        check = (lambda t: _known_topic(topics, t)) if name == "topics" else None
        return Question(label, ", ".join(value or []), lambda a: _list(a, check))
    if name in ("kind", "level"):
        choices = KINDS if name == "kind" else LEVELS
        label = f"{name.capitalize()} ({', '.join(choices)})"
        return Question(label, value or "", lambda a: _choice(a, choices))
    if name == "year":
        return Question("Year", str(value or ""), _year)
    if name == "free":
        return Question("Free to use? (y/n, empty if unknown)", "", _yes_no)
    labels = {"fa_description": "Persian description (optional)", "id": "Id"}
    return Question(labels.get(name, name.capitalize()), str(value or ""), lambda a: a or None)


def _list(answer: str, check: Callable[[str], bool] | None) -> list[str]:
    items = [a.strip() for a in answer.split(",") if a.strip()]
    unknown = [i for i in items if check is not None and not check(i)]
    if unknown:
        raise ValueError(f"unknown topic(s): {', '.join(unknown)}")
    return items


def _choice(answer: str, choices: tuple[str, ...]) -> str | None:
    if answer and answer not in choices:
        raise ValueError(f"'{answer}' is not one of: {', '.join(choices)}")
    return answer or None


def _year(answer: str) -> int | None:
    if answer and not answer.isdigit():
        raise ValueError("a year is a number such as 2017")
    return int(answer) if answer else None


def _yes_no(answer: str) -> bool | None:
    lowered = answer.lower()
    if lowered not in ("", "y", "yes", "n", "no"):
        raise ValueError("answer y, n, or nothing")
    return lowered.startswith("y") if lowered else None


def _known_topic(topics: Any, name: str) -> bool:
    for topic_id, topic in topics.items():
        aliases = topic.get("aliases") if isinstance(topic, dict) else None
        if name == topic_id or (isinstance(aliases, list) and name in aliases):
            return True
    return False
