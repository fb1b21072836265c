"""The edits curation makes, as splices of a catalog file (:mod:`catalog.yamldoc.splice`).

Each function returns the splice and touches nothing outside it. New text is written the way
``catalog fmt`` writes it (:mod:`catalog.yamldoc.emit`), in the file's own indentation where it
joins existing lines, so an edit of a formatted file leaves it formatted.
"""

from __future__ import annotations

from typing import Any

from catalog.curate.editdoc import Document
from catalog.curate.errors import EditUnsafe
from catalog.yamldoc import emit, scalars
from catalog.yamldoc.log import MAPPING, SCALAR, SEQUENCE
from catalog.yamldoc.splice import (
    Splice,
    after_line,
    append_item,
    dash_column,
    indent_of,
    insert_pair,
    replace_node,
    replace_scalar,
)


def append_resources(
    doc: Document, entries: list[dict[str, Any]], heading: str | None = None
) -> Splice:
    """Add resources after the last one (``heading``: a comment line above them, after a blank
    line), creating the list when the file has none."""
    yaml, log = doc.yaml, doc.yaml.log
    _check_editable(doc, "resources")
    key = _key(doc, "resources")
    value = doc.entry("resources")
    if value >= 0 and log.kinds[value] == SEQUENCE and value not in log.flow:
        column = dash_column(yaml, yaml.items(value)[-1])
        lines = _items(entries, column, heading, blank=True)
        return append_item(yaml, value, lines)
    if value >= 0 and log.kinds[value] == SEQUENCE and yaml.items(value):  # [a, b]: one more
        end = yaml.tail(value) - 1
        return Splice(end, end, "".join(", " + emit.flow(entry) for entry in entries))
    if key >= 0 and (value < 0 or _empty(doc, value)):
        column = indent_of(yaml, key)
        lines = _items(entries, column + 2, heading, blank=False)
        end = yaml.tail(value) if value >= 0 else yaml.tail(key)
        return Splice(yaml.start(key), end, doc.newline().join(["resources:", *lines]))
    if key >= 0:
        raise EditUnsafe(f"{doc.path}: 'resources' is not a list; nothing was written")
    lines = ["", "resources:", *_items(entries, 2, heading, blank=False)]
    return _at_end(doc, lines)


def add_topics(doc: Document, topics: dict[str, dict[str, Any]]) -> Splice:
    """Add topics after the existing ones, creating the mapping when the file has none."""
    yaml, log = doc.yaml, doc.yaml.log
    _check_editable(doc, "topics")
    key = _key(doc, "topics")
    value = doc.entry("topics")
    if value >= 0 and log.kinds[value] == MAPPING and value not in log.flow and yaml.pairs(value):
        column = indent_of(yaml, next(iter(yaml.pairs(value).values()))[0])
        lines = emit.mapping_lines(topics, column)
        last = list(yaml.pairs(value).values())[-1][1]
        return after_line(yaml, yaml.tail(last), lines)
    if value >= 0 and log.kinds[value] == MAPPING and yaml.pairs(value):  # {a: ...}: more
        end = yaml.tail(value) - 1
        pairs = (f", {scalars.text(k, flow=True)}: {emit.flow(v)}" for k, v in topics.items())
        return Splice(end, end, "".join(pairs))
    if key >= 0 and (value < 0 or _empty(doc, value)):
        lines = emit.mapping_lines(topics, indent_of(yaml, key) + 2)
        end = yaml.tail(value) if value >= 0 else yaml.tail(key)
        return Splice(yaml.start(key), end, doc.newline().join(["topics:", *lines]))
    if key >= 0:
        raise EditUnsafe(f"{doc.path}: 'topics' is not a mapping; nothing was written")
    return _at_end(doc, ["", "topics:", *emit.mapping_lines(topics, 2)])


def set_key(doc: Document, mapping: int, key: str, value: Any, order: list[str]) -> Splice:
    """Give a mapping ``key: value``: replace the value if the key is there (a scalar or a flow
    collection), else insert the pair where ``order`` puts it among the keys present."""
    yaml = doc.yaml
    pairs = yaml.pairs(mapping)
    flow = mapping in yaml.log.flow
    if key in pairs:
        entry = pairs[key][1]
        text = emit.flow(value) if flow else emit.value_lines(value, 0)[0]
        if yaml.kind(entry) == SCALAR:
            return replace_scalar(yaml, entry, text)
        return replace_node(yaml, entry, text)
    rank = {name: position for position, name in enumerate(order)}
    mine = rank.get(key, len(order))
    keys = list(pairs)
    position = next((i for i, k in enumerate(keys) if rank.get(k, len(order)) > mine), len(keys))
    if flow:
        key_text = scalars.text(key, flow=True)
        return insert_pair(yaml, mapping, position, key_text, [emit.flow(value)])
    column = indent_of(yaml, next(iter(pairs.values()))[0]) if pairs else 0
    return insert_pair(yaml, mapping, position, scalars.text(key), emit.value_lines(value, column))


def add_to_list(doc: Document, sequence: int, values: list[str]) -> Splice:
    """Append text items to a flow or block list."""
    yaml = doc.yaml
    items = yaml.items(sequence)
    if sequence in yaml.log.flow:
        end = yaml.tail(sequence) - 1  # before the closing bracket
        written = ", ".join(scalars.text(value, flow=True) for value in values)
        return Splice(end, end, (", " if items else "") + written)
    column = dash_column(yaml, items[0])
    lines = [" " * column + "- " + scalars.text(value) for value in values]
    return append_item(yaml, sequence, lines)


def _check_editable(doc: Document, name: str) -> None:
    if not doc.editable(name):
        raise EditUnsafe(
            f"{doc.path}: '{name}' is written with an anchor or an alias, which an edit would "
            "change in every place it is repeated; nothing was written (edit it by hand)"
        )


def _key(doc: Document, name: str) -> int:
    yaml = doc.yaml
    if not yaml.log.kinds or yaml.kind(0) != MAPPING:
        return -1
    pair = yaml.pairs(0).get(name)
    return pair[0] if pair else -1


def _empty(doc: Document, entry: int) -> bool:
    """An empty value: nothing, null, ``[]`` or ``{}``."""
    yaml = doc.yaml
    kind = yaml.kind(entry)
    if kind == SCALAR:
        return (yaml.log.values[entry] or "") in ("", "~", "null") and entry not in yaml.log.styles
    return kind in (MAPPING, SEQUENCE) and not (
        yaml.pairs(entry) if kind == MAPPING else yaml.items(entry)
    )


def _items(
    entries: list[dict[str, Any]], column: int, heading: str | None, *, blank: bool
) -> list[str]:
    lines: list[str] = []
    if heading:
        lines += ([""] if blank else []) + [" " * column + "# " + heading]
    for entry in entries:
        lines += emit.item_lines(entry, column)
    return lines


def _at_end(doc: Document, lines: list[str]) -> Splice:
    yaml = doc.yaml
    if not yaml.log.kinds:
        text = doc.text
        newline = doc.newline()
        lead = newline if text and not text.endswith("\n") else ""
        return Splice(len(text), len(text), lead + newline.join(lines[1:]) + newline)
    return after_line(yaml, yaml.tail(0), lines)
