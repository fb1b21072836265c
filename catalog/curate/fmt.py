"""Canonical formatting of a catalog file, keeping every comment.

The rules (documented in the README):

* top-level sections in the order ``topics``, ``paths``, ``glossary``, ``check``,
  ``resources`` (the long list last, so the taxonomy stays at the top);
* keys of every entry in the order the schema declares its fields (``catalog schema``), with
  unknown keys kept after them; translated texts list ``en`` first, then the other languages
  in alphabetical order;
* two-space indentation, list dashes two spaces in under their key, one blank line between
  top-level sections, full-line comments indented like the line they introduce;
* quotes only where YAML needs them (double quotes then), and also around text that a YAML 1.1
  reader would take for something else (``yes``, ``on``, ``1:30``);
* resources stay in the curator's order (entries are grouped by theme under comments);
  ``sort="id"`` or ``sort="topic"`` puts them in a canonical order instead, each entry taking
  the comments above it along.

Flow or block style, blank lines, block scalars (``>-``) and comments are kept as written.
Formatting never changes a value: the result is parsed again and compared before it is used.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Callable, Hashable
from typing import Any

from catalog.curate.comments import align_comments, reorder_mapping, reorder_sequence
from catalog.curate.errors import EditUnsafe
from catalog.curate.yamledit import CANONICAL_INDENT, Document, new_yaml, plain_data

TOP_LEVEL = ("topics", "paths", "glossary", "check", "resources")


class SortOrder(str, enum.Enum):
    """How ``fmt --sort`` orders resources."""

    id = "id"
    topic = "topic"


def format_document(doc: Document, sort: SortOrder | None = None) -> str:
    """Format ``doc`` in place (canonical layout) and return the new text."""
    from ruamel.yaml.comments import CommentedSeq

    explicit_start = doc.yaml.explicit_start
    doc.yaml = new_yaml(CANONICAL_INDENT)
    doc.yaml.explicit_start = explicit_start
    data = doc.data
    _requote(data)
    _order(data, list(TOP_LEVEL))
    _each_value(data.get("topics"), _format_topic)
    _each_value(data.get("paths"), _format_path)
    _each_value(data.get("glossary"), lambda term: _order(term, _fields("GlossaryTerm")))
    check = data.get("check")
    _order(check, _fields("CheckSettings", "settings"))
    if isinstance(check, dict):
        _each_value(
            check.get("hosts"), lambda host: _order(host, _fields("HostSettings", "settings"))
        )
    resources = data.get("resources")
    if isinstance(resources, CommentedSeq):
        for index, resource in enumerate(resources):
            _format_resource(resource, (resources, index))
        if sort is not None:
            key = _sort_key(data, sort)
            order = sorted(range(len(resources)), key=lambda i: key(resources[i]))
            reorder_sequence(resources, order)
    text = separate_sections(align_comments(doc.render()))
    _same_values(doc, text, sort is not None)
    return text


def separate_sections(text: str) -> str:
    """Exactly one blank line before each top-level section after the first (and before the
    comment lines that introduce it). Only blank lines change, never a value or a comment."""
    lines = text.split("\n")
    out: list[str] = []
    seen_key = False
    for line in lines:
        if line[:1].strip() and not line.startswith(("#", "---", "...")):
            if seen_key:
                block = len(out)
                while block and out[block - 1].startswith("#"):
                    block -= 1
                start = block
                while start and not out[start - 1].strip():
                    start -= 1
                out[start:block] = [""]
            seen_key = True
        out.append(line)
    return "\n".join(out)


def format_text(text: str, *, source: str = "resources.yaml", sort: SortOrder | None = None) -> str:
    """The canonical form of catalog text."""
    return format_document(Document.parse(text, source), sort)


def _fields(model: str, module: str = "models") -> list[str]:
    import importlib

    from catalog.modelkit import field_names

    return field_names(getattr(importlib.import_module(f"catalog.{module}"), model))


def _order(node: Any, wanted: list[str], item_of: Any = None) -> None:
    """Reorder a mapping's keys: ``wanted`` first (those present), the others after, as found."""
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(node, CommentedMap):
        return
    keys = list(node)
    order: list[Hashable] = [k for k in wanted if k in node]
    order += [k for k in keys if k not in wanted]
    reorder_mapping(node, order, item_of=item_of)


def _each_value(node: Any, action: Callable[[Any], None]) -> None:
    if isinstance(node, dict):
        for value in node.values():
            action(value)


def _localized(owner: Any, key: str) -> None:
    value = owner.get(key) if isinstance(owner, dict) else None
    if isinstance(value, dict):
        others = sorted(k for k in value if k != "en")
        _order(value, ["en", *others])


def _format_topic(topic: Any) -> None:
    _order(topic, _fields("Topic"))
    _localized(topic, "title")
    _localized(topic, "description")


def _format_resource(resource: Any, item_of: tuple[Any, int]) -> None:
    if not isinstance(resource, dict):
        return
    _order(resource, _fields("Resource"), item_of)
    _localized(resource, "description")
    companions = resource.get("companions")
    if isinstance(companions, list):
        for index, companion in enumerate(companions):
            _order(companion, _fields("Companion"), (companions, index))
    _order(resource.get("check"), _fields("ResourceCheck", "settings"))


def _format_path(path: Any) -> None:
    if not isinstance(path, dict):
        return
    _order(path, _fields("LearningPath"))
    _localized(path, "title")
    _localized(path, "description")
    steps = path.get("steps")
    if isinstance(steps, list):
        for index, step in enumerate(steps):
            _order(step, _fields("PathStep"), (steps, index))
            _localized(step, "note")


def _requote(node: Any) -> None:
    """Drop quotes YAML does not need, so the emitter chooses (double quotes where needed)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        PlainScalarString,
        SingleQuotedScalarString,
    )

    items: Any
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return
    for key, value in items:
        if isinstance(value, (SingleQuotedScalarString, DoubleQuotedScalarString)):
            plain = str(value)
            # A str would inherit the old style on assignment; "plain" lets the emitter choose.
            node[key] = (
                DoubleQuotedScalarString(plain) if _ambiguous(plain) else PlainScalarString(plain)
            )
        elif isinstance(value, str) and type(value) is str and _ambiguous(value):
            node[key] = DoubleQuotedScalarString(value)
        else:
            _requote(value)


def _ambiguous(text: str) -> bool:
    """True when a YAML 1.1 reader (PyYAML, many editors) would not read plain ``text`` as text."""
    import yaml

    if "\n" in text:
        return False
    resolved = _resolver().resolve(yaml.ScalarNode, text, (True, False))
    return bool(resolved != "tag:yaml.org,2002:str")


@functools.cache
def _resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


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


def _same_values(doc: Document, text: str, sorted_resources: bool) -> None:
    """Formatting must not change a single value; compare the parsed data of both texts."""
    before = plain_data(doc.text, str(doc.path))
    after = plain_data(text, str(doc.path))
    if sorted_resources and isinstance(before, dict) and isinstance(after, dict):
        before = {**before, "resources": _multiset(before.get("resources"))}
        after = {**after, "resources": _multiset(after.get("resources"))}
    if before != after:
        raise EditUnsafe(f"{doc.path}: formatting would change a value; nothing was written")


def _multiset(items: Any) -> Any:
    if not isinstance(items, list):
        return items
    return sorted(json.dumps(item, sort_keys=True, default=str) for item in items)
