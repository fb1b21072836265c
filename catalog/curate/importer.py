"""``catalog import``: add the resources of a Markdown list to a catalog document.

Headings become topics (an existing topic is reused when the heading's slug is its id or an
alias); list items become resources appended at the end, under a comment naming the list.
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

from catalog.curate.comments import append_item, comment_above_item, insert_key
from catalog.curate.guess import (
    arxiv_id,
    guess_kind,
    identity_keys,
    slugify,
    unique_id,
    year_of_arxiv,
)
from catalog.curate.mdlist import Heading, Item, ParsedList, Unparsed
from catalog.curate.yamledit import Document, flow_list, folded, placeholder_path
from catalog.urls import url_problem

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
    """Add ``parsed`` to ``doc`` (in memory); the caller renders and commits the document."""
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
    topic_of = _topics(doc, used, report)
    resources = doc.resources
    first_new = len(resources)
    taken = {str(r.get("id")) for r in resources if isinstance(r, dict)}
    known: dict[str, int] = {}
    for index, resource in enumerate(resources):
        for key in identity_keys(resource):
            known.setdefault(key, index)
    for item in items:
        topic = topic_of.get(item.heading.line) if item.heading else None
        keys = identity_keys({"url": item.url})
        match = next((known[k] for k in keys if k in known), None)
        if match is not None:
            target = resources[match]
            added = _add_topic(doc, target, topic)
            report.merged.append(Merged(item.line, item.url, str(target.get("id")), added))
            continue
        entry, placeholders = _entry(item, topic, taken, language, today)
        if not resources:
            resources.fa.set_block_style()
        for key in keys:
            known[key] = len(resources)
        append_item(resources, entry)
        report.placeholders.update(placeholder_path(entry["id"], name) for name in placeholders)
        report.imported.append(
            Imported(item.line, entry["id"], item.title, item.url, topic, placeholders)
        )
    report.unparsed.sort(key=lambda u: u.line)
    if len(resources) > first_new:
        comment_above_item(resources, first_new, f"--- Imported from {source} ---")
    return report


def _topics(doc: Document, headings: list[Heading], report: ImportReport) -> dict[int, str]:
    """Map each heading's line to a topic id, creating topics that do not exist yet."""
    from ruamel.yaml.comments import CommentedMap

    topics = doc.topics
    names = _topic_names(topics)
    result: dict[int, str] = {}
    for heading in headings:
        slug = slugify(heading.title) or "topic"
        if slug in names:
            result[heading.line] = names[slug]
            continue
        if not topics:
            topics.fa.set_block_style()
        topic = CommentedMap()
        topic["title"] = heading.title or slug
        topic["description"] = heading.description
        insert_key(topics, slug, topic, ())  # at the end, before any blank line or comment
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


def _add_topic(doc: Document, resource: Any, topic: str | None) -> str | None:
    """Give an already-catalogued resource the list's topic, if it lacks it."""
    topics = resource.get("topics") if isinstance(resource, dict) else None
    if topic is None or not isinstance(topics, list):
        return None
    names = _topic_names(doc.topics)
    if topic in {names.get(str(t), str(t)) for t in topics}:
        return None
    topics.append(topic)
    return topic


def _entry(
    item: Item, topic: str | None, taken: set[str], language: str, today: dt.date
) -> tuple[Any, tuple[str, ...]]:
    """A new resource mapping in schema key order, and the names of its placeholder fields."""
    from ruamel.yaml.comments import CommentedMap

    arxiv = arxiv_id(item.url)
    kind = guess_kind(item.url)
    year = item.year or (year_of_arxiv(arxiv) if arxiv else None)
    if year is not None and not 1950 <= year <= today.year:
        year = None  # a year the schema would refuse is no better than none
    entry = CommentedMap()
    entry["id"] = unique_id(slugify(item.title), taken)
    entry["title"] = item.title
    entry["url"] = item.url
    entry["kind"] = kind or TODO
    entry["topics"] = flow_list([topic or TODO])
    entry["authors"] = flow_list(list(item.authors)) if item.authors else TODO
    entry["year"] = year or TODO
    entry["level"] = TODO
    entry["language"] = language
    entry["description"] = folded(item.description)
    if item.labels:
        entry["tags"] = flow_list(list(dict.fromkeys(item.labels)))
    if arxiv:
        entry["arxiv"] = arxiv
    # A fresh date object per entry: ruamel.yaml would write a shared one as an &anchor.
    entry["added"] = dt.date(today.year, today.month, today.day)
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
    return entry, tuple(placeholders)
