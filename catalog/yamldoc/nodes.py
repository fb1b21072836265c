"""The node tree of one YAML document: where every node and comment is, and what it says.

Offsets (``start``, ``end``) index ``Document.text``, the decoded text without a byte-order
mark, so ``doc.text[node.start:node.end]`` is the node's source. ``line`` and ``col`` are
1-based and count characters, as editors do. The tree is built from the document's log on
demand (:attr:`Document.root`); the loader and the editors work on the log itself, which is
cheaper at 10,000 entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from catalog.yamldoc.log import ALIAS, MAPPING, SCALAR, SEQUENCE

if TYPE_CHECKING:
    from catalog.yamldoc.document import Document


class Scalar:
    """A scalar as written: ``value`` is its text after unquoting and folding, not yet typed.

    ``style`` is ``""`` (plain), ``"'"``, ``'"'``, ``"|"`` or ``">"``; only plain scalars are typed
    by the schema (``1`` is a number, ``"1"`` is text).
    """

    __slots__ = ("anchor", "col", "end", "index", "line", "start", "style", "tag", "value")

    def __init__(
        self,
        value: str,
        style: str,
        tag: str | None,
        anchor: str | None,
        start: int,
        end: int,
        line: int,
        col: int,
        index: int = -1,
    ) -> None:
        self.index = index  # the node's entry in the document's log
        self.value = value
        self.style = style
        self.tag = tag
        self.anchor = anchor
        self.start = start
        self.end = end
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}, line={self.line}, col={self.col})"


class _Collection:
    """What a mapping and a sequence share: block or flow style, tag, anchor and place.

    ``end`` starts at ``start``; the builder sets it once the content has been read.
    """

    __slots__ = ("anchor", "col", "end", "flow", "index", "line", "start", "tag")

    def __init__(
        self,
        flow: bool,
        tag: str | None,
        anchor: str | None,
        start: int,
        line: int,
        col: int,
        index: int = -1,
    ) -> None:
        self.index = index  # the node's entry in the document's log
        self.flow = flow
        self.tag = tag
        self.anchor = anchor
        self.start = start
        self.end = start
        self.line = line
        self.col = col
        self._clear()

    def _clear(self) -> None:
        """Start with no content; each kind names its own."""
        raise NotImplementedError


class Mapping(_Collection):
    """A block (``flow=False``) or flow (``{...}``) mapping; ``pairs`` keeps the written order."""

    __slots__ = ("pairs",)

    pairs: list[tuple[Node, Node]]

    def _clear(self) -> None:
        self.pairs = []

    def get(self, key: str) -> tuple[Node, Node] | None:
        """The pair whose key is the text ``key`` (quoted or plain), or None."""
        for pair in self.pairs:
            name = pair[0]
            if type(name) is Scalar and name.value == key:
                return pair
        return None

    def __repr__(self) -> str:
        return f"Mapping({len(self.pairs)} pairs, line={self.line}, col={self.col})"


class Sequence(_Collection):
    """A block (``- item``) or flow (``[...]``) sequence."""

    __slots__ = ("items",)

    items: list[Node]

    def _clear(self) -> None:
        self.items = []

    def __repr__(self) -> str:
        return f"Sequence({len(self.items)} items, line={self.line}, col={self.col})"


class Alias:
    """``*name``: a reference to the node last anchored as ``&name`` before it."""

    __slots__ = ("col", "end", "index", "line", "name", "start", "target")

    def __init__(
        self, name: str, target: Node, start: int, end: int, line: int, col: int, index: int = -1
    ) -> None:
        self.index = index
        self.name = name
        self.target = target
        self.start = start
        self.end = end
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"Alias({self.name!r}, line={self.line}, col={self.col})"


Node = Scalar | Mapping | Sequence | Alias


class Comment:
    """``# text`` up to the end of its line; ``text`` includes the ``#``."""

    __slots__ = ("col", "end", "line", "start", "text")

    def __init__(self, text: str, start: int, line: int, col: int) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"Comment({self.text!r}, line={self.line}, col={self.col})"


def build_tree(document: Document) -> Node | None:
    """Replay the log into nodes."""
    log = document.log
    line_col = document.line_col
    made: dict[int, Node] = {}  # anchored entries, for aliases
    stack: list[Mapping | Sequence] = []
    pending: list[Node | None] = []
    root: Node | None = None
    for index, kind in enumerate(log.kinds):
        start = log.starts[index]
        node: Node
        if kind == SCALAR:
            line, col = line_col(start)
            node = Scalar(
                log.values[index] or "",
                log.styles.get(index, ""),
                log.tags.get(index),
                log.anchors.get(index),
                start,
                log.ends[index],
                line,
                col,
                index,
            )
        elif kind in (MAPPING, SEQUENCE):
            line, col = line_col(start)
            cls = Mapping if kind == MAPPING else Sequence
            collection = cls(
                index in log.flow,
                log.tags.get(index),
                log.anchors.get(index),
                start,
                line,
                col,
                index,
            )
            collection.end = log.ends[index]
            made[index] = collection
            stack.append(collection)
            pending.append(None)
            continue
        elif kind == ALIAS:
            line, col = line_col(start)
            name = log.values[index] or ""
            node = Alias(name, made[log.targets[index]], start, log.ends[index], line, col, index)
        else:  # END
            node = stack.pop()
            pending.pop()
        if kind == SCALAR and index in log.anchors:
            made[index] = node
        if not stack:
            root = node
        elif type(stack[-1]) is Sequence:
            stack[-1].items.append(node)
        elif pending[-1] is None:
            pending[-1] = node
        else:
            stack[-1].pairs.append((pending[-1], node))  # type: ignore[union-attr]
            pending[-1] = None
    return root
