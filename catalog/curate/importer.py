"""``catalog import``: add the resources of a Markdown list to a catalog document.

Headings become topics (an existing topic is reused when the heading's slug is its id or an
alias); list items become resources inserted after the last one, under a comment naming the
list, keys in the schema's order. The edit is a few splices of the file's text (new topics, the
topics added to known entries, the new block), so nothing else in the file moves.
An item whose canonical URL (:func:`catalog.urls.normalize_url`) or arXiv id is already
catalogued (or listed earlier in the same list) is merged instead: the existing entry gains
the item's topic, nothing else changes.

Fields Markdown cannot give get placeholders that fail validation on purpose, so that
``catalog validate`` lists each one with its line until a person fills it in:

* ``level: TODO``: "text 'TODO' is not one of: beginner, intermediate, advanced";
* ``year: TODO``: "expected a whole number, got text 'TODO'" (unless the item says "(2017)"
  or the URL is an arXiv paper);
* ``kind: TODO`` when the URL says nothing: "text 'TODO' is not one of: video, ...";
* ``authors: TODO`` without "by ...": "expected a list, got text 'TODO'";
* ``description: ""`` without "- description": "String should have at least 1 character";
* ``topics: [TODO]`` for an item above every heading: "'TODO' is not a valid id".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from catalog.curate.editdoc import Document
from catalog.curate.guess import (
    arxiv_id,
    guess_kind,
    identity_keys,
    slugify,
    unique_id,
    url_slug,
    year_of_arxiv,
)
from catalog.curate.mdlist import Heading, Item, ParsedList, Unparsed
from catalog.curate.yamledit import placeholder_path
from catalog.urls import url_problem
from catalog.yamldoc.emit import Flow, Folded
from catalog.yamldoc.splice import Splice

TODO = "TODO"


@dataclass(frozen=True)
class Imported:
    """A new resource made from a list item."""

    line: int
    id: str
    title: str
    url: str
    topic: str | None
    placeholders: tuple[str, ...]


@dataclass(frozen=True)
class Merged:
    """A list item whose URL was already catalogued (or listed twice)."""

    line: int
    url: str
    into: str
    added_topic: str | None


@dataclass
class ImportReport:
    """What an import did. ``placeholders`` are the problem paths left invalid on purpose."""

    source: str
    imported: list[Imported] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    new_topics: list[str] = field(default_factory=list)
    placeholders: set[str] = field(default_factory=set)
    splices: list[Splice] = field(default_factory=list)  # the edit, for Document.apply

    def lines(self) -> list[tuple[str, str]]:
        """One (mark, text) per item: + imported, = merged, ? not understood."""
        out = []
        for i in self.imported:
            todo = f"  to fill: {', '.join(i.placeholders)}" if i.placeholders else ""
            out.append(("+", f"{i.line:>4}  {i.id}{todo}"))
        for m in self.merged:
            extra = f" (+ topic {m.added_topic})" if m.added_topic else ""
            out.append(("=", f"{m.line:>4}  {m.url} -> {m.into}{extra}"))
        out += [("?", f"{u.line:>4}  {u.reason}: {u.text}") for u in self.unparsed]
        return out

    def summary(self, dry_run: bool = False) -> str:
        verb = "would import" if dry_run else "imported"
        return (
            f"{self.source}: {verb} {len(self.imported)}, merged {len(self.merged)}, "
            f"not understood {len(self.unparsed)}; new topics {len(self.new_topics)}"
        )

    def as_dict(self) -> dict[str, Any]:
        """Stable JSON shape, documented in the README."""
        return {
            "source": self.source,
            "imported": [
                {
                    "line": i.line,
                    "id": i.id,
                    "title": i.title,
                    "url": i.url,
                    "topic": i.topic,
                    "placeholders": list(i.placeholders),
                }
                for i in self.imported
            ],
            "merged": [
                {"line": m.line, "url": m.url, "into": m.into, "added_topic": m.added_topic}
                for m in self.merged
            ],
            "unparsed": [
                {"line": u.line, "text": u.text, "reason": u.reason} for u in self.unparsed
            ],
            "new_topics": list(self.new_topics),
        }


def import_list(
    doc: Document,
    parsed: ParsedList,
    *,
    source: str,
    language: str = "en",
    today: dt.date | None = None,
) -> ImportReport:
    """Plan the import of ``parsed`` into ``doc``: the report, with the splices to apply."""
    from catalog.curate.splices import add_to_list, add_topics, append_resources

    report = ImportReport(source, unparsed=list(parsed.unparsed))
    today = today or dt.date.today()
    items = []
    for item in parsed.items:
        problem = url_problem(item.url)
        if problem:
            report.unparsed.append(Unparsed(item.line, item.url, problem))
        else:
            items.append(item)
    used = [h for h in parsed.headings if any(i.heading == h for i in items)]
    new_topics: dict[str, dict[str, Any]] = {}
    topic_of = _topics(doc, used, report, new_topics)
    resources = doc.resource_fields("id", "url", "arxiv", "topics")
    for index, resource in enumerate(resources):
        if not doc.editable("resources", index, "topics"):
            resource.pop("topics", None)  # written through an alias: no topic is added there
    names = _topic_names(doc.topics)
    taken = {str(r.get("id")) for r in resources if isinstance(r, dict)}
    known: dict[str, int] = {}
    for index, resource in enumerate(resources):
        for key in identity_keys(resource):
            known.setdefault(key, index)
    added_topics: dict[int, list[str]] = {}  # existing resource -> topics to add
    entries: list[dict[str, Any]] = []
    for item in items:
        topic = topic_of.get(item.heading.line) if item.heading else None
        keys = identity_keys({"url": item.url})
        match = next((known[k] for k in keys if k in known), None)
        if match is not None:
            into, added = _merge(match, topic, resources, entries, names, added_topics)
            report.merged.append(Merged(item.line, item.url, into, added))
            continue
        entry, placeholders = _entry(item, topic, taken, language, today)
        for key in keys:
            known[key] = len(resources) + len(entries)
        entries.append(entry)
        report.placeholders.update(placeholder_path(entry["id"], name) for name in placeholders)
        report.imported.append(
            Imported(item.line, entry["id"], item.title, item.url, topic, placeholders)
        )
    report.unparsed.sort(key=lambda u: u.line)
    if new_topics:
        report.splices.append(add_topics(doc, new_topics))
    for index, topics in added_topics.items():
        report.splices.append(add_to_list(doc, doc.entry("resources", index, "topics"), topics))
    if entries:
        heading = f"--- Imported from {source} ---"
        report.splices.append(append_resources(doc, entries, heading))
    return report


def _merge(
    match: int,
    topic: str | None,
    resources: list[Any],
    entries: list[dict[str, Any]],
    names: dict[str, str],
    added_topics: dict[int, list[str]],
) -> tuple[str, str | None]:
    """Give an already-catalogued (or already-imported) resource the list's topic, if it lacks
    it; (its id, the topic added or None)."""
    if match >= len(resources):  # listed twice in the same list
        entry = entries[match - len(resources)]
        listed = entry["topics"].value
        if topic is not None and topic not in listed and "TODO" not in listed:
            listed.append(topic)
            return str(entry["id"]), topic
        return str(entry["id"]), None
    resource = resources[match]
    current = resource.get("topics") if isinstance(resource, dict) else None
    rid = str(resource.get("id")) if isinstance(resource, dict) else f"#{match}"
    if topic is None or not isinstance(current, list):
        return rid, None
    pending = added_topics.setdefault(match, [])
    if topic in {names.get(str(t), str(t)) for t in current} | set(pending):
        if not pending:
            del added_topics[match]
        return rid, None
    pending.append(topic)
    return rid, topic


def _topics(
    doc: Document,
    headings: list[Heading],
    report: ImportReport,
    new_topics: dict[str, dict[str, Any]],
) -> dict[int, str]:
    """Map each heading's line to a topic id; topics that do not exist yet go to
    ``new_topics``."""
    names = _topic_names(doc.topics)
    result: dict[int, str] = {}
    for heading in headings:
        slug = slugify(heading.title) or "topic"
        if slug in names:
            result[heading.line] = names[slug]
            continue
        new_topics[slug] = {"title": heading.title or slug, "description": heading.description}
        names[slug] = slug
        result[heading.line] = slug
        report.new_topics.append(slug)
        if not heading.description:
            report.placeholders.add(f"topics.{slug}.description")
    return result


def _topic_names(topics: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for topic_id, topic in topics.items():
        aliases = topic.get("aliases") if isinstance(topic, dict) else None
        for alias in aliases if isinstance(aliases, list) else []:
            names.setdefault(str(alias), str(topic_id))
        names[str(topic_id)] = str(topic_id)
    return names


def _entry(
    item: Item, topic: str | None, taken: set[str], language: str, today: dt.date
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A new resource mapping in schema key order, and the names of its placeholder fields."""
    from catalog.curate.order import resource_fields

    arxiv = arxiv_id(item.url)
    kind = guess_kind(item.url)
    year = item.year or (year_of_arxiv(arxiv) if arxiv else None)
    if year is not None and not 1950 <= year <= today.year:
        year = None  # a year the schema would refuse is no better than none
    fields: dict[str, Any] = {
        "id": unique_id(slugify(item.title) or url_slug(item.url), taken),
        "title": item.title,
        "url": item.url,
        "kind": kind or TODO,
        "topics": Flow([topic or TODO]),
        "authors": Flow(list(item.authors)) if item.authors else TODO,
        "year": year or TODO,
        "level": TODO,
        "language": language,
        "tags": Flow(list(dict.fromkeys(item.labels))) if item.labels else None,
        "arxiv": arxiv,
        "added": today,
        "description": Folded(item.description),
    }
    placeholders = [
        name
        for name, missing in (
            ("kind", kind is None),
            ("topics", topic is None),
            ("authors", not item.authors),
            ("year", year is None),
            ("level", True),
            ("description", not item.description),
        )
        if missing
    ]
    entry = {name: fields[name] for name in resource_fields() if fields.get(name) is not None}
    return entry, tuple(placeholders)
