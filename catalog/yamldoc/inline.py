"""Values written on a line by the canonical layout: scalars, aliases, flow collections, and
block scalars moved with their key.

Quotes are dropped where the plain form reads back as the same text (:mod:`scalars`) and added
where a YAML 1.1 reader would misread it; flow collections are written on one line, keys in the
order the layout's :class:`~catalog.yamldoc.layout.Shape` gives; block scalars, and nodes with
an anchor or a tag, keep their text, their lines moved as their key moved.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from catalog.yamldoc.log import ALIAS, MAPPING, SCALAR, SEQUENCE
from catalog.yamldoc.placement import Placer
from catalog.yamldoc.scalars import double_quoted, misread_by_yaml_1_1, plain_ok
from catalog.yamldoc.schema import plain_value

if TYPE_CHECKING:
    from catalog.yamldoc.document import Document
    from catalog.yamldoc.layout import Shape

_BLOCK_HEADER = re.compile(r"[|>](?:([1-9])[+-]?|[+-]([1-9])?)?")


class KeptLine(str):
    """The last line of a kept (``|+``) block: a blank line after it would join its value."""

    __slots__ = ()


class InlineWriter(Placer):
    """The values of one document on a line, with the comments :class:`Placer` keeps."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.log = doc.log

    def value(self, entry: int, indent: int, owner: int, shape: Shape) -> list[str]:
        """A scalar, alias or flow collection: its lines, the first to follow ``key:`` or ``-``.

        ``indent`` is the column of the key (or dash) now, ``owner`` the offset where it is
        written: what spans several lines (a block scalar) moves as its key moves."""
        log = self.log
        kind = log.kinds[entry]
        plain = entry not in log.styles and entry not in log.anchors and entry not in log.tags
        if kind == SCALAR and plain:
            return [self.scalar(entry, flow=False)]
        doc = self.doc
        source = self.text[doc.start(entry) : doc.tail(entry)]
        if kind == ALIAS:
            return [source]
        old_indent = self.column(owner)
        if kind in (MAPPING, SEQUENCE):
            if self.inside(doc.start(entry), doc.tail(entry)):
                return _shifted(source.removesuffix("\n"), indent - old_indent)
            return [self.flow(entry, shape)]
        props = entry in log.anchors or entry in log.tags
        if log.styles.get(entry) in ("|", ">") and not props:
            return self.block_scalar(source, indent, old_indent)
        if props:
            lines = _shifted(source.removesuffix("\n"), indent - old_indent)
            if source.endswith("\n") and len(lines) > 1:  # a kept (|+) block
                lines[-1] = KeptLine(lines[-1])
            return lines
        return [self.scalar(entry, flow=False)]

    def scalar(self, entry: int, *, flow: bool) -> str:
        """A plain or quoted scalar on one line: plain where that reads back the same."""
        log = self.log
        value = log.values[entry] or ""
        style = log.styles.get(entry)
        if entry in log.anchors or entry in log.tags:
            return self.text[self.doc.start(entry) : self.doc.tail(entry)]
        start, end = log.starts[entry], log.ends[entry]
        if style is None:
            if value and misread_by_yaml_1_1(value) and type(plain_value(value)) is str:
                return double_quoted(value)
            if self.text.find("\n", start, end) < 0:
                return "null" if flow and not value else self.text[start:end]
            typed = type(plain_value(value)) is str
            return value if plain_ok(value, flow=flow) or not typed else double_quoted(value)
        source = self.text[start:end]
        if plain_ok(value, flow=flow):
            return value
        if style == '"' and "\n" not in source:
            return source
        return double_quoted(value)

    def flow(self, entry: int, shape: Shape) -> str:
        """A node written in flow style on one line, keys in canonical order."""
        log, doc = self.log, self.doc
        kind = log.kinds[entry]
        props = self.props(entry) if kind in (MAPPING, SEQUENCE) else ""
        prefix = props + " " if props else ""
        if kind == MAPPING:
            pairs = doc.pairs(entry)
            shown = [
                f"{self.scalar(pairs[key][0], flow=True)}: "
                + self.flow(pairs[key][1], shape.child(key))
                for key in shape.order(list(pairs))
            ]
            return prefix + "{" + ", ".join(shown) + "}"
        if kind == SEQUENCE:
            items = doc.items(entry)
            shown = [self.flow(item, shape.child(n)) for n, item in enumerate(items)]
            return prefix + "[" + ", ".join(shown) + "]"
        if kind == ALIAS:
            return self.text[doc.start(entry) : doc.tail(entry)]
        return self.scalar(entry, flow=True)

    def block_scalar(self, source: str, indent: int, old_indent: int) -> list[str]:
        """A ``|`` or ``>`` block as written, its lines moved as its key moved."""
        header, *body = source.removesuffix("\n").split("\n")
        body = [line.rstrip("\r") for line in body]
        match = _BLOCK_HEADER.match(header.lstrip())
        explicit = match and (match.group(1) or match.group(2))
        if explicit:
            content = old_indent + int(explicit)
        else:
            content = next((len(x) - len(x.lstrip(" ")) for x in body if x.strip()), 0)
        delta = indent - old_indent
        lines = [header.rstrip("\r")]
        for line in body:
            if not line.strip() and len(line) <= content:
                lines.append("")
            else:
                lines.append(" " * (content + delta) + line[content:])
        if match and "+" in match.group() and len(lines) > 1:
            lines[-1] = KeptLine(lines[-1])
        return lines

    def props(self, entry: int) -> str:
        """The ``&anchor`` and ``!tag`` written before a collection, if any."""
        log = self.log
        if entry not in log.anchors and entry not in log.tags:
            return ""
        text, at = self.text, log.starts[entry]
        tokens = []
        while at < len(text) and text[at] in "&!":
            end = at
            while end < len(text) and text[end] not in " \t\r\n":
                end += 1
            tokens.append(text[at:end])
            at = end
            while at < len(text) and text[at] in " \t":
                at += 1
        return " ".join(tokens)


def _shifted(source: str, delta: int) -> list[str]:
    """A node written over several lines, its continuation lines moved by ``delta`` columns."""
    first, *rest = source.split("\n")
    out = [first.rstrip("\r")]
    for line in rest:
        line = line.rstrip("\r")
        if delta >= 0:
            out.append(" " * delta + line if line.strip() else "")
        else:
            cut = min(-delta, len(line) - len(line.lstrip(" ")))
            out.append(line[cut:])
    return out
