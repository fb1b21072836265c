"""One parsed YAML document: its text, its log, its comments, and the way round them.

Offsets index :attr:`Document.text` (the decoded text without a byte-order mark), so an edit is
a splice of that string. An *entry* is a node's index in the log; the lookups here
(:meth:`Document.locate`, :meth:`Document.pairs`, :meth:`Document.items`) work on the log and
are cheap at 10,000 entries, while :attr:`Document.root` builds the node tree once, for callers
that want objects.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from catalog.yamldoc.log import ALIAS, END, MAPPING, SCALAR, SEQUENCE, Log
from catalog.yamldoc.nodes import Alias, Comment, Mapping, Node, Sequence, build_tree

Path = tuple[str | int, ...]
_KEEP = re.compile(r"[|>][1-9]?\+|[|>]\+")


class Document:
    """One parsed YAML document: its text, its log, its comments, and (on demand) its node tree."""

    __slots__ = (
        "_items",
        "_line_starts",
        "_pairs",
        "_root",
        "bom",
        "comments",
        "log",
        "source",
        "text",
    )

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
        self._pairs: dict[int, dict[str, tuple[int, int]]] = {}
        self._items: dict[int, list[int]] = {}

    # --- positions ----------------------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a text offset (lines end at LF; CR LF counts as one)."""
        starts = self.line_starts
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    @property
    def line_starts(self) -> list[int]:
        """The offset where each line starts (index 0 is line 1)."""
        starts = self._line_starts
        if starts is None:
            starts = [0]
            find = self.text.find
            at = find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._line_starts = starts
        return starts

    def byte_offset(self, offset: int) -> int:
        """The UTF-8 byte offset of a text offset, counting the byte-order mark if there was one."""
        return len(self.text[:offset].encode("utf-8")) + (3 if self.bom else 0)

    # --- the log ------------------------------------------------------------------------------

    def kind(self, entry: int) -> int:
        """SCALAR, MAPPING, SEQUENCE or ALIAS (see :mod:`catalog.yamldoc.log`)."""
        return self.log.kinds[entry]

    def start(self, entry: int) -> int:
        return self.log.starts[entry]

    def source_text(self, entry: int) -> str:
        """The node's text as written (from its properties, if any, to its last character)."""
        return self.text[self.log.starts[entry] : self.tail(entry)]

    def tail(self, entry: int) -> int:
        """The offset just after the node's last character.

        libyaml ends a block scalar after the line breaks that follow it, and a block collection
        with its last child; this is where the written node really ends, so that an edit after
        it keeps the blank lines and comments that follow. A kept (``|+``) block scalar owns its
        trailing blank lines, so it ends after them.
        """
        log = self.log
        kinds = log.kinds
        leaf = entry
        if kinds[entry] in (MAPPING, SEQUENCE):
            if entry in log.flow:
                return log.ends[entry]
            leaf = log.closes[entry] - 1
            while kinds[leaf] == END:
                leaf -= 1
            if kinds[leaf] != SCALAR and kinds[leaf] != ALIAS:
                return log.ends[leaf]  # an empty flow collection
        end = log.ends[leaf]
        style = log.styles.get(leaf)
        if style in ("|", ">"):
            header = self.text[log.starts[leaf] : self.text.find("\n", log.starts[leaf])]
            if _KEEP.search(header.split(" #", 1)[0]):
                return end
        text, start = self.text, log.starts[leaf]
        while end > start:  # back over line breaks and blank lines; a block's last line may
            if text[end - 1] in "\r\n":  # end with spaces that are part of its value
                end -= 1
                continue
            line_start = text.rfind("\n", start, end) + 1
            if line_start > start and not text[line_start:end].strip(" \t"):
                end = line_start
                continue
            break
        return end

    def resolve(self, entry: int) -> int:
        """The entry itself, or for an alias the anchored entry it names."""
        targets = self.log.targets
        while self.log.kinds[entry] == ALIAS:
            entry = targets[entry]
        return entry

    def pairs(self, entry: int) -> dict[str, tuple[int, int]]:
        """A mapping's (key entry, value entry) by key text, in the written order."""
        found = self._pairs.get(entry)
        if found is None:
            log = self.log
            kinds, values, closes = log.kinds, log.values, log.closes
            found = {}
            index = entry + 1
            while kinds[index] != END:
                value = closes.get(index, index) + 1
                if kinds[index] == SCALAR:
                    found.setdefault(values[index] or "", (index, value))
                index = closes.get(value, value) + 1
            self._pairs[entry] = found
        return found

    def items(self, entry: int) -> list[int]:
        """A sequence's item entries, in order."""
        found = self._items.get(entry)
        if found is None:
            kinds, closes = self.log.kinds, self.log.closes
            found = []
            index = entry + 1
            while kinds[index] != END:
                found.append(index)
                index = closes.get(index, index) + 1
            self._items[entry] = found
        return found

    def child(self, entry: int, step: str | int) -> int:
        """The value at key ``step`` of a mapping, or item ``step`` of a sequence; -1 if none."""
        entry = self.resolve(entry)
        kind = self.log.kinds[entry]
        if kind == MAPPING and isinstance(step, str):
            pair = self.pairs(entry).get(step)
            return pair[1] if pair else -1
        if kind == SEQUENCE and isinstance(step, int) and not isinstance(step, bool):
            items = self.items(entry)
            return items[step] if 0 <= step < len(items) else -1
        return -1

    def _walk(self, path: Path) -> tuple[int, bool]:
        """The entry at ``path`` or its deepest existing ancestor, and whether all was found."""
        entry = 0
        for step in path:
            child = self.child(entry, step)
            if child < 0:
                return self.resolve(entry), False
            entry = child
        return entry, True

    def locate(self, path: Path) -> int:
        """The entry at ``path``, or of its deepest ancestor that exists (-1: empty document)."""
        return self._walk(path)[0] if self.log.kinds else -1

    def locate_key(self, path: Path) -> int:
        """The key entry naming the last step of ``path``, or what :meth:`locate` gives."""
        if path and isinstance(path[-1], str) and self.log.kinds:
            parent, found = self._walk(path[:-1])
            parent = self.resolve(parent)
            if found and self.log.kinds[parent] == MAPPING:
                pair = self.pairs(parent).get(path[-1])
                if pair:
                    return pair[0]
        return self.locate(path)

    # --- the node tree ------------------------------------------------------------------------

    @property
    def root(self) -> Node | None:
        """The root node (None for an empty document), built from the log on first use."""
        if self._root is False:
            self._root = build_tree(self)
        return self._root  # type: ignore[return-value]

    def find(self, path: Path) -> Node | None:
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

    def find_key(self, path: Path) -> Node | None:
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
