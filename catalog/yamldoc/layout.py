"""A document rebuilt in a canonical layout from its node spans, keeping every comment.

What changes: keys take the order a :class:`Shape` gives (and sequence items, when it sorts
them); block collections are indented by two spaces, list dashes two spaces in under their key;
quotes are dropped where the plain form reads back as the same text (:mod:`scalars`) and added
where a YAML 1.1 reader would misread it; flow collections are written on one line; full-line
comments are indented like the line they introduce; the root's sections are one blank line
apart. What stays: every value, block scalars as written (moved with their key), flow or block
style, blank lines, the text before the first key (``---``, ``%YAML``, the header comments) and
after the last node.

Comments travel with what they belong to: a comment at the end of a line with its node, the
full-line comments above a key or item with that key or item. Comments above the first key or
item of a collection stay at its top. :class:`~catalog.errors.EditUnsafe` is raised rather
than drop a comment in a place this layout cannot hold (between a key and its value on a later
line, say).

This module lays out the block structure (keys, items, comments between them); the values on a
line (scalars, flow collections, block scalars) are written by :mod:`catalog.yamldoc.inline`.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Protocol

from catalog.errors import EditUnsafe
from catalog.yamldoc.document import Document
from catalog.yamldoc.inline import InlineWriter, KeptLine
from catalog.yamldoc.log import END, MAPPING, SEQUENCE


class Shape(Protocol):
    """What the layout needs to know about a node's place in the document."""

    def child(self, key: str | int) -> Shape:
        """The shape of the value at ``key`` (a mapping key, or a sequence item's index)."""

    def order(self, keys: list[str]) -> list[str]:
        """A mapping's keys in canonical order (a permutation of ``keys``)."""

    def order_items(self, doc: Document, items: list[int]) -> list[int]:
        """A sequence's item entries in canonical order (a permutation of ``items``)."""


def reformat(doc: Document, shape: Shape) -> str:
    """The document's text in canonical layout; line breaks become LF."""
    return _Layout(doc, shape).run()


class _Layout(InlineWriter):
    def __init__(self, doc: Document, shape: Shape) -> None:
        super().__init__(doc)
        self.shape = shape

    # --- the document -------------------------------------------------------------------------

    def run(self) -> str:
        doc, log = self.doc, self.log
        if not log.kinds:
            return self.text
        first = self.line(log.starts[0])
        lines = [self.raw_line(n) for n in range(first)]
        self.place_lines(0, first)
        head = doc.line_starts[first]  # the head's comments are kept above, as written
        if log.kinds[0] == MAPPING and 0 not in log.flow:
            lines += self.mapping(0, 0, self.shape, head, sections=True)
        elif log.kinds[0] == SEQUENCE and 0 not in log.flow:
            lines += self.sequence(0, 0, self.shape, head)
        else:
            lines += self.value(0, 0, 0, self.shape)
        end = doc.tail(0)
        last = self.line(end - 1 if end and self.text[end - 1] == "\n" else end)
        count = len(doc.line_starts) - (1 if self.text.endswith("\n") else 0)
        lines += [self.raw_line(n).rstrip() for n in range(last + 1, count)]
        self.place_lines(last + 1, count)
        missed = self.missed()
        if missed:
            raise EditUnsafe(
                f"{doc.source}:{missed[0].line}: the comment {missed[0].text!r} has no place in "
                "the canonical layout; nothing was written (move it above the key it is about)"
            )
        return "\n".join(lines) + "\n"

    def mapping(
        self, entry: int, indent: int, shape: Shape, head: int, *, sections: bool = False
    ) -> list[str]:
        """A block mapping at ``indent``; the comments above its first key are those on the
        lines after the one that holds offset ``head``."""
        top, blocks = self.pair_blocks(entry, indent, shape, head)
        out = top
        for number, (lead, body) in enumerate(blocks):
            # A blank line after a kept (|+) block would become part of its value.
            if sections and number and not (out and isinstance(out[-1], KeptLine)):
                lead = _one_blank_before(lead)
            out += lead + body
        return out

    def pair_blocks(
        self, entry: int, indent: int, shape: Shape, head: int
    ) -> tuple[list[str], list[tuple[list[str], list[str]]]]:
        """The comments at the top of a block mapping, and each pair's (comments above, lines)
        in canonical order. Keys are text and unique: the document was read as data."""
        log, doc = self.log, self.doc
        kinds, starts, values, closes = log.kinds, log.starts, log.values, log.closes
        blocks: dict[str, tuple[list[str], list[str]]] = {}
        spans: dict[str, tuple[int, int]] = {}  # each pair's entries
        top: list[str] = []
        previous = head
        index = entry + 1
        while kinds[index] != END:
            value = index + 1
            key = values[index] or ""
            lead = self.between(previous, starts[index], indent)
            if index == entry + 1:
                top, lead = lead, []
            body = self.pair(index, value, indent, shape.child(key))
            spans[key] = (index, closes.get(value, value) + 1)
            previous = doc.tail(value)
            blocks[key] = (lead, body)
            index = spans[key][1]
        order = self.keeping_anchors(shape.order(list(blocks)), spans)
        return top, [blocks[key] for key in order]

    def pair(self, key: int, value: int, indent: int, shape: Shape) -> list[str]:
        log = self.log
        start = " " * indent + self.scalar(key, flow=False) + ":"
        trailing = self.trailing
        if log.kinds[value] in (MAPPING, SEQUENCE) and value not in log.flow:
            props = self.props(value)
            line = start + (" " + props if props else "")
            if key in trailing or value in trailing:
                line += self.trail(key) + self.trail(value)
            head = log.starts[key]
            if log.kinds[value] == MAPPING:
                return [line, *self.mapping(value, indent + 2, shape, head)]
            return [line, *self.sequence(value, indent + 2, shape, head)]
        lines = self.value(value, indent, log.starts[key], shape)
        lines[0] = start + (" " + lines[0] if lines[0] else "")
        if key in trailing or value in trailing:
            lines[-1] += self.trail(key) + self.trail(value)
        return lines

    def sequence(self, entry: int, indent: int, shape: Shape, head: int) -> list[str]:
        """A block sequence whose dashes are at ``indent``."""
        top, body = self.sequence_parts(entry, indent, shape, head)
        return top + body

    def sequence_parts(
        self, entry: int, indent: int, shape: Shape, head: int
    ) -> tuple[list[str], list[str]]:
        """The comments at the top of a block sequence, and its items."""
        doc = self.doc
        items = doc.items(entry)
        blocks: dict[int, tuple[list[str], list[str]]] = {}
        top: list[str] = []
        previous = head
        for number, item in enumerate(items):
            lead = self.between(previous, doc.start(item), indent)
            if number == 0:
                top, lead = lead, []
            blocks[item] = (lead, self.item(item, indent, shape.child(number)))
            previous = doc.tail(item)
        spans = {item: (item, self.log.closes.get(item, item) + 1) for item in items}
        out: list[str] = []
        for item in self.keeping_anchors(shape.order_items(doc, items), spans):
            out += blocks[item][0] + blocks[item][1]
        return top, out

    def item(self, entry: int, indent: int, shape: Shape) -> list[str]:
        log, doc = self.log, self.doc
        dash = " " * indent + "-"
        kind = log.kinds[entry]
        if kind in (MAPPING, SEQUENCE) and entry not in log.flow:
            props = self.props(entry)
            if props:
                line = dash + " " + props + self.trail(entry)
                head = doc.start(entry)
                if kind == MAPPING:
                    return [line, *self.mapping(entry, indent + 2, shape, head)]
                return [line, *self.sequence(entry, indent + 2, shape, head)]
            if kind == SEQUENCE:  # a list in a list: its top comments go above the dash
                top, body = self.sequence_parts(entry, indent + 2, shape, doc.start(entry))
                # So do the comments its first item put above its own dash (a list in a list
                # in a list): under a lone dash they would be read as this list's top comments
                # and move up on the next run.
                lifted = 0
                while lifted < len(body) and _comment_or_blank(body[lifted]):
                    lifted += 1
                above = [line[2:] for line in (*top, *body[:lifted])]
                return [*above, dash + self.trail(entry), *body[lifted:]]
            top, blocks = self.pair_blocks(entry, indent + 2, shape, doc.start(entry))
            (lead, body), rest = blocks[0], blocks[1:]
            # Comments above the first key go above the item (the dash must start its line),
            # indented like the dash.
            above = [line[2:] for line in (*top, *lead)]
            out = [*above, dash + " " + body[0][indent + 2 :], *body[1:]]
            for lead, body in rest:
                out += lead + body
            return out
        lines = self.value(entry, indent, self._dash(entry), shape)
        lines[0] = dash + (" " + lines[0] if lines[0] else "")
        if entry in self.trailing:
            lines[-1] += self.trail(entry)
        return lines

    def _dash(self, entry: int) -> int:
        """The offset of the ``-`` before a sequence item."""
        start = self.doc.start(entry)
        line_start = self.text.rfind("\n", 0, start) + 1
        dash = self.text.rfind("-", line_start, start)
        return dash if dash >= 0 else start

    def keeping_anchors(self, order: list[Any], spans: dict[Any, tuple[int, int]]) -> list[Any]:
        """``order``, unless it puts an alias before the anchor it names: then the order as
        written (an alias may only follow its anchor)."""
        log = self.log
        if not log.targets or list(order) == list(spans):
            return order
        aliases = sorted(log.targets)
        seen: set[int] = set()
        for name in order:
            start, stop = spans[name]
            for alias in aliases[bisect_left(aliases, start) : bisect_left(aliases, stop)]:
                target = log.targets[alias]
                if not start <= target < stop and target not in seen and _within(target, spans):
                    return list(spans)
            seen.update(e for e in log.anchors if start <= e < stop)
        return order


def _comment_or_blank(line: str) -> bool:
    """A full-line comment or a blank line (never a kept block scalar's line)."""
    if isinstance(line, KeptLine):
        return False
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _within(entry: int, spans: dict[Any, tuple[int, int]]) -> bool:
    """Whether ``entry`` lies in one of the spans."""
    return any(start <= entry < stop for start, stop in spans.values())


def _one_blank_before(lead: list[str]) -> list[str]:
    """Exactly one blank line before the comment lines that end ``lead``."""
    block = len(lead)
    while block and lead[block - 1]:
        block -= 1
    start = block
    while start and not lead[start - 1]:
        start -= 1
    return [*lead[:start], "", *lead[block:]]
