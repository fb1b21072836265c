"""Edits as splices of a document's text: insert a block, insert a key, replace a scalar.

Each helper computes a :class:`Splice` from the parsed :class:`~catalog.yamldoc.Document` and
touches nothing else: a new block goes in after the line where the node before it ends, so
every line of the file around it stays byte for byte, including the comments that follow that
node, the line endings and a missing final newline. :func:`apply` applies several at once.
The caller parses the result again to check it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from catalog.yamldoc.document import Document
from catalog.yamldoc.log import MAPPING, SCALAR, SEQUENCE


@dataclass(frozen=True, order=True)
class Splice:
    """Replace ``text[start:end]`` with ``new``; ``start == end`` inserts."""

    start: int
    end: int
    new: str


def apply(text: str, splices: Iterable[Splice]) -> str:
    """``text`` with every splice applied; they may not overlap."""
    pieces: list[str] = []
    at = 0
    for splice in sorted(splices):
        if splice.start < at:
            raise ValueError(f"overlapping edits at offset {splice.start}")
        pieces += (text[at : splice.start], splice.new)
        at = splice.end
    pieces.append(text[at:])
    return "".join(pieces)


def newline_of(text: str) -> str:
    """The line break a file uses: CR LF if its first line break is one, else LF."""
    at = text.find("\n")
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


def after_line(doc: Document, offset: int, lines: list[str]) -> Splice:
    """Insert ``lines`` after the line holding ``offset`` (an offset at the start of a line,
    where a kept ``|+`` block ends, holds the line before it)."""
    text = doc.text
    newline = newline_of(text)
    if offset and text[offset - 1] == "\n":
        return Splice(offset, offset, newline.join(lines) + newline)
    end = text.find("\n", offset)
    if end < 0:  # the last line, without a final line break: keep it without one
        return Splice(len(text), len(text), newline + newline.join(lines))
    return Splice(end + 1, end + 1, newline.join(lines) + newline)


def indent_of(doc: Document, entry: int) -> int:
    """The column (0-based) where a node starts."""
    return doc.line_col(doc.start(entry))[1] - 1


def dash_column(doc: Document, item: int) -> int:
    """The column (0-based) of the ``-`` that introduces a block sequence item (on the item's
    line, or on a line before it when the item starts on the next line)."""
    text = doc.text
    at = doc.start(item)
    while True:
        dash = text.rfind("-", 0, at)
        if dash < 0:
            return indent_of(doc, item)
        line_start = text.rfind("\n", 0, dash) + 1
        after = text[dash + 1 : dash + 2]
        if not text[line_start:dash].strip(" ") and after in ("", " ", "\t", "\r", "\n"):
            return dash - line_start
        at = dash


def append_item(doc: Document, sequence: int, block: list[str]) -> Splice:
    """Add ``block`` (lines that start with the item's ``-``, indented) after the last item of a
    block sequence, before whatever follows it (comments, blank lines, the next key)."""
    items = doc.items(sequence)
    return after_line(doc, doc.tail(items[-1]), block)


def insert_pair(doc: Document, mapping: int, position: int, key: str, value: list[str]) -> Splice:
    """Insert ``key: value`` as the pair at ``position`` of a block or flow mapping.

    ``value`` is the text after ``key:`` as lines (the first joins the key's line, the others
    are indented already). In a block mapping the new pair goes right after the line where the
    pair before it ends, so comments between that pair and the next stay above the next one.
    """
    pairs = list(doc.pairs(mapping).values())
    head = f"{key}:" + (f" {value[0]}" if value[0] else "")
    if mapping in doc.log.flow:
        if value[1:]:
            raise ValueError("a flow mapping takes a one-line value")
        if not pairs:
            start = doc.start(mapping)
            return Splice(start, doc.tail(mapping), "{" + head + "}")
        if position == 0:
            return Splice(doc.start(pairs[0][0]), doc.start(pairs[0][0]), head + ", ")
        after = doc.tail(pairs[position - 1][1])
        return Splice(after, after, ", " + head)
    column = indent_of(doc, pairs[0][0])
    lines = [head, *value[1:]]
    if position == 0:
        start = doc.start(pairs[0][0])
        newline = newline_of(doc.text)
        return Splice(start, start, newline.join(lines) + newline + " " * column)
    return after_line(doc, doc.tail(pairs[position - 1][1]), [" " * column + lines[0], *lines[1:]])


def replace_scalar(doc: Document, entry: int, new: str) -> Splice:
    """Replace a scalar's written value (keeping an anchor or tag before it) with ``new``."""
    if doc.kind(entry) != SCALAR:
        raise ValueError("only a scalar can be replaced in place")
    return Splice(value_start(doc, entry), doc.tail(entry), new)


def replace_node(doc: Document, entry: int, new: str) -> Splice:
    """Replace a one-line node (a scalar or a flow collection), properties kept, with ``new``."""
    kind = doc.kind(entry)
    if kind in (MAPPING, SEQUENCE) and entry not in doc.log.flow:
        raise ValueError("a block collection cannot be replaced in place")
    return Splice(value_start(doc, entry), doc.tail(entry), new)


def value_start(doc: Document, entry: int) -> int:
    """Where a node's value starts, after its ``&anchor`` and ``!tag`` if it has any."""
    text = doc.text
    at = doc.start(entry)
    log = doc.log
    if entry not in log.anchors and entry not in log.tags:
        return at
    while at < len(text) and text[at] in "&!":
        while at < len(text) and text[at] not in " \t\r\n":
            at += 1
        while at < len(text) and text[at] in " \t":
            at += 1
    return at
