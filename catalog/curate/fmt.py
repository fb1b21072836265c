"""Canonical formatting of a catalog file (``catalog fmt``), keeping every comment.

The rules (documented in ``docs/curating.md``):

* top-level sections in the order ``topics``, ``paths``, ``check``, ``resources`` (the long
  list last, so the taxonomy stays at the top);
* keys of every entry in the order the schema declares its fields (``catalog schema``), with
  unknown keys kept after them; translated texts list ``en`` first, then the other languages
  in alphabetical order (:mod:`catalog.curate.order`);
* two-space indentation, list dashes two spaces in under their key, one blank line between
  top-level sections, full-line comments indented like the line they introduce;
* quotes only where YAML needs them (double quotes then), and also around text that a YAML 1.1
  reader would take for something else (``yes``, ``on``, ``1:30``);
* resources stay in the curator's order (entries are grouped by theme under comments);
  ``sort="id"`` or ``sort="topic"`` puts them in a canonical order instead, each entry taking
  the comments above it along.

Flow or block style, blank lines, block scalars (``>-``) and comments are kept as written. The
text is rebuilt from the parsed document's node spans (:mod:`catalog.yamldoc.layout`); before
it is written, :func:`catalog.curate.yamledit.commit` reads it again and checks that no value
and no comment changed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from catalog.curate.editdoc import Document
from catalog.curate.order import catalog_shape
from catalog.yamldoc import Document as YamlDocument
from catalog.yamldoc.layout import reformat


class SortOrder(str, enum.Enum):
    """How ``fmt --sort`` orders resources."""

    id = "id"
    topic = "topic"


def format_document(doc: Document, sort: SortOrder | None = None) -> str:
    """The canonical text of ``doc`` (not yet checked: :func:`commit` does that)."""
    order = None if sort is None else _item_order(doc, sort)
    return reformat(doc.yaml, catalog_shape(order))


def format_text(text: str, *, source: str = "resources.yaml", sort: SortOrder | None = None) -> str:
    """The canonical form of catalog text, checked as :func:`commit` checks it."""
    from catalog.curate.yamledit import check_edit

    doc = Document.parse(text, source)
    formatted = format_document(doc, sort)
    check_edit(doc, formatted, same_values=True, reordered=sort is not None)
    return formatted


def _item_order(doc: Document, sort: SortOrder) -> Callable[[YamlDocument, list[int]], list[int]]:
    key = _sort_key(doc.data, sort)
    resources = doc.resources

    def order(_yaml: YamlDocument, items: list[int]) -> list[int]:
        positions = sorted(range(len(items)), key=lambda i: key(resources[i]))
        return [items[i] for i in positions]

    return order


def _sort_key(data: Any, sort: SortOrder) -> Callable[[Any], tuple[Any, ...]]:
    topics = data.get("topics") if isinstance(data.get("topics"), dict) else {}
    rank: dict[str, int] = {}
    for position, (topic_id, topic) in enumerate(topics.items()):
        rank[topic_id] = position
        aliases = topic.get("aliases") if isinstance(topic, dict) else None
        for alias in aliases if isinstance(aliases, list) else []:
            rank.setdefault(str(alias), position)

    def key(resource: Any) -> tuple[Any, ...]:
        if not isinstance(resource, dict):
            return (1, 0, 0, "")
        rid = str(resource.get("id", ""))
        if sort is SortOrder.id:
            return (0, 0, 0, rid)
        first = resource.get("topics")
        topic = str(first[0]) if isinstance(first, list) and first else ""
        year = resource.get("year")
        return (0, rank.get(topic, len(rank)), year if isinstance(year, int) else 10_000, rid)

    return key
