"""Turn a tree-sitter-yaml tree into plain data: the scalar decoding tree-sitter leaves to us.

tree-sitter gives the syntax (which node is a plain, quoted or block scalar, with byte ranges)
but not the values: unquoting, escapes, line folding and block-scalar indentation and chomping
are ours. This is the amount of code the tree-sitter route costs before any catalog logic.
"""

from __future__ import annotations

import re
from typing import Any

from candidates import core

_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX = {"x": 2, "u": 4, "U": 8}
_HEADER = re.compile(r"([|>])([1-9]?)([+-]?)([1-9]?)")


def fold(text: str) -> str:
    """Flow folding: trim around line breaks; one break is a space, n breaks are n-1 newlines."""
    lines = re.split(r"\r\n|\r|\n", text)
    if len(lines) == 1:
        return text
    out = lines[0].rstrip(" \t")
    empties = 0
    for index, line in enumerate(lines[1:], 1):
        stripped = line.strip(" \t") if index < len(lines) - 1 else line.lstrip(" \t")
        if not stripped and index < len(lines) - 1:
            empties += 1
            continue
        out += ("\n" * empties) if empties else " "
        out += stripped
        empties = 0
    return out


def double_quoted(inner: str) -> str:
    # Escaped line breaks join lines without a space; protect them before folding.
    parts = re.split(r"\\(?:\r\n|\r|\n)[ \t]*", inner)
    folded = "".join(fold(part) for part in parts)
    out: list[str] = []
    i = 0
    while i < len(folded):
        char = folded[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = folded[i + 1]
        if code in _HEX:
            width = _HEX[code]
            out.append(chr(int(folded[i + 2 : i + 2 + width], 16)))
            i += 2 + width
        else:
            out.append(_ESCAPES[code])
            i += 2
    return "".join(out)


def block(text: str, parent_indent: int, after: bytes) -> str:
    """A literal or folded block scalar, header included; ``after`` is the source that follows."""
    header, _, body = text.partition("\n")
    match = _HEADER.match(header.split("#")[0].strip())
    if not match:
        raise ValueError(f"bad block scalar header {header!r}")
    style, digit, chomp = match.group(1), match.group(2) or match.group(4), match.group(3)
    lines = body.replace("\r\n", "\n").split("\n")
    # tree-sitter may end the node before trailing blank lines; they matter for '+' chomping.
    extra = re.match(rb"(?:[ \t]*\r?\n)*", after)
    lines += [""] * (extra.group().count(b"\n") if extra else 0)
    if digit:
        indent = parent_indent + int(digit)
    else:
        indent = next((len(x) - len(x.lstrip(" ")) for x in lines if x.strip()), 0)
    content = [line[indent:] for line in lines]
    while content and not content[-1].strip():
        content.pop()
    trailing = sum(1 for line in lines[len(content) :] if True) - 1
    if style == "|":
        value = "\n".join(content)
    else:
        value, previous, empties = "", "", 0
        for line in content:
            if not line:
                empties += 1
                continue
            more = line[0] in " \t"
            if not previous:
                value += "\n" * empties + line
            elif previous == "normal" and not more:
                value += ("\n" * empties if empties else " ") + line
            else:
                value += "\n" * (empties + 1) + line
            previous, empties = ("more" if more else "normal"), 0
    if not content:
        return "\n" * max(0, trailing) if chomp == "+" else ""
    if chomp == "-":
        return value
    if chomp == "+":
        return value + "\n" * (1 + max(0, trailing))
    return value + "\n"


class TreeSitterDecoder:
    def __init__(self, source: bytes) -> None:
        self.source = source
        self.positions: list[tuple[int, int, int, int]] = []
        self.comments: list[Any] = []
        self.anchors: dict[str, Any] = {}

    def text(self, node: Any) -> str:
        return self.source[node.start_byte : node.end_byte].decode()

    def document(self, stream: Any) -> Any:
        result: Any = None
        for child in stream.children:
            if child.type == "comment":
                self.comments.append(child)
            elif child.type == "document":
                for part in child.named_children:
                    if part.type == "comment":
                        self.comments.append(part)
                    elif part.type in ("block_node", "flow_node"):
                        result = self.node(part)
        return result

    def node(self, node: Any) -> Any:
        kind = node.type
        if kind in ("block_node", "flow_node"):
            anchor, tag, content = None, None, None
            for child in node.named_children:
                if child.type == "anchor":
                    anchor = self.text(child)[1:]
                elif child.type == "tag":
                    tag = self.text(child)
                elif child.type == "comment":
                    self.comments.append(child)
                else:
                    content = child
            value = "" if content is None else self.node(content)
            if content is None:
                value = None
            if tag == "!!str" and content is not None and content.type == "plain_scalar":
                value = fold(self.text(content))
            if anchor is not None:
                self.anchors[anchor] = value
            return value
        if kind in ("block_mapping", "flow_mapping"):
            result: dict[Any, Any] = {}
            for pair in node.named_children:
                if pair.type == "comment":
                    self.comments.append(pair)
                    continue
                key = pair.child_by_field_name("key") if pair.type != "flow_node" else pair
                value = pair.child_by_field_name("value") if pair.type != "flow_node" else None
                for part in (key, value):
                    if part is not None:
                        point = part.start_point
                        self.positions.append(
                            (point.row + 1, point.column + 1, part.start_byte, part.end_byte)
                        )
                result[self.node(key) if key is not None else None] = (
                    self.node(value) if value is not None else None
                )
            return result
        if kind == "block_sequence":
            items = []
            for item in node.named_children:
                if item.type == "comment":
                    self.comments.append(item)
                    continue
                inner = [c for c in item.named_children if c.type != "comment"]
                items.append(self.node(inner[0]) if inner else None)
            return items
        if kind == "flow_sequence":
            return [
                self.node(c) if c.type != "flow_pair" else self.node_pair(c)
                for c in node.named_children
                if c.type != "comment"
            ]
        if kind == "alias":
            return self.anchors[self.text(node)[1:]]
        if kind == "plain_scalar":
            return core(fold(self.text(node)))
        if kind == "single_quote_scalar":
            return fold(self.text(node)[1:-1]).replace("''", "'")
        if kind == "double_quote_scalar":
            return double_quoted(self.text(node)[1:-1])
        if kind == "block_scalar":
            line_start = self.source.rfind(b"\n", 0, node.start_byte) + 1
            line = self.source[line_start : node.start_byte].decode()
            indent = len(line) - len(line.lstrip(" "))
            after = self.source[node.end_byte : node.end_byte + 4096]
            return block(self.text(node), indent, after)
        raise ValueError(f"unexpected tree-sitter node {kind}")

    def node_pair(self, pair: Any) -> dict[Any, Any]:
        key = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        return {self.node(key): self.node(value) if value is not None else None}
