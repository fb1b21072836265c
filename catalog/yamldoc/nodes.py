"""The node tree of one YAML document: where every node and comment is, and what it says.

Offsets (``start``, ``end``) index :attr:`Document.text`, the decoded text without a byte-order
mark, so ``doc.text[node.start:node.end]`` is the node's source and an edit is a splice of that
string. ``line`` and ``col`` are 1-based and count characters, as editors do.
"""

from __future__ import annotations

from bisect import bisect_right

from catalog.yamldoc.log import ALIAS, MAPPING, SCALAR, SEQUENCE, Log


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


class Mapping:
    """A block (``flow=False``) or flow (``{...}``) mapping; ``pairs`` keeps the written order."""

    __slots__ = ("anchor", "col", "end", "flow", "index", "line", "pairs", "start", "tag")

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
        self.index = index
        self.pairs: list[tuple[Node, Node]] = []
        self.flow = flow
        self.tag = tag
        self.anchor = anchor
        self.start = start
        self.end = start
        self.line = line
        self.col = col

    def get(self, key: str) -> tuple[Node, Node] | None:
        """The pair whose key is the text ``key`` (quoted or plain), or None."""
        for pair in self.pairs:
            name = pair[0]
            if type(name) is Scalar and name.value == key:
                return pair
        return None

    def __repr__(self) -> str:
        return f"Mapping({len(self.pairs)} pairs, line={self.line}, col={self.col})"


class Sequence:
    """A block (``- item``) or flow (``[...]``) sequence."""

    __slots__ = ("anchor", "col", "end", "flow", "index", "items", "line", "start", "tag")

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
        self.index = index
        self.items: list[Node] = []
        self.flow = flow
        self.tag = tag
        self.anchor = anchor
        self.start = start
        self.end = start
        self.line = line
        self.col = col

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


class Document:
    """One parsed YAML document: its text, its log, its comments, and (on demand) its node tree."""

    __slots__ = ("_line_starts", "_root", "bom", "comments", "log", "source", "text")

    def __init__(
        self,
        text: str,
        log: Log,
        comments: list[Comment],
        *,
        bom: bool = False,
        source: str = "resources.yaml",
    ) -> None:
        self.text = text
        self.log = log
        self.comments = comments
        self.bom = bom
        self.source = source
        self._root: Node | bool | None = False  # False: not built yet
        self._line_starts: list[int] | None = None

    @property
    def root(self) -> Node | None:
        """The root node (None for an empty document), built from the log on first use."""
        if self._root is False:
            self._root = _tree(self)
        return self._root  # type: ignore[return-value]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a text offset (lines end at LF; CR LF counts as one)."""
        starts = self._line_starts
        if starts is None:
            starts = [0]
            find = self.text.find
            at = find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._line_starts = starts
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def byte_offset(self, offset: int) -> int:
        """The UTF-8 byte offset of a text offset, counting the byte-order mark if there was one."""
        return len(self.text[:offset].encode("utf-8")) + (3 if self.bom else 0)

    def find(self, path: tuple[str | int, ...]) -> Node | None:
        """The node at ``path`` (mapping keys and sequence indexes), or its deepest ancestor."""
        node = self.root
        for step in path:
            while type(node) is Alias:
                node = node.target
            child: Node | None = None
            if type(node) is Mapping and isinstance(step, str):
                pair = node.get(step)
                child = pair[1] if pair else None
            elif type(node) is Sequence and isinstance(step, int) and 0 <= step < len(node.items):
                child = node.items[step]
            if child is None:
                return node
            node = child
        return node

    def find_key(self, path: tuple[str | int, ...]) -> Node | None:
        """The key node naming the last step of ``path``, or what :meth:`find` gives."""
        if path and isinstance(path[-1], str):
            parent = self.find(path[:-1])
            while type(parent) is Alias:
                parent = parent.target
            if type(parent) is Mapping:
                pair = parent.get(path[-1])
                if pair:
                    return pair[0]
        return self.find(path)


def _tree(document: Document) -> Node | None:
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
