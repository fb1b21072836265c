"""The parsed document as a compact log: one entry per node or collection end, in text order.

Building a Python object per node of a 10,000-entry catalog (330,000 nodes) costs more than the
parse itself, mostly in the garbage collector, so the reader keeps only flat lists here. The
data (:mod:`catalog.yamldoc.schema`) and the node tree (:mod:`catalog.yamldoc.nodes`) are both
built from the log, the tree only when someone asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCALAR, MAPPING, SEQUENCE, ALIAS, END = 0, 1, 2, 3, 4


@dataclass
class Log:
    """Parallel lists indexed by entry; the rarely set attributes live in sparse maps."""

    kinds: bytearray = field(default_factory=bytearray)
    starts: list[int] = field(default_factory=list)  # text offsets
    ends: list[int] = field(default_factory=list)  # for END entries: where the collection ends
    values: list[str | None] = field(default_factory=list)  # scalar text, alias name
    styles: dict[int, str] = field(default_factory=dict)  # non-plain scalars: ' " | >
    tags: dict[int, str] = field(default_factory=dict)
    anchors: dict[int, str] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)  # alias entry -> anchored entry
    flow: set[int] = field(default_factory=set)  # flow collections
    closes: dict[int, int] = field(default_factory=dict)  # collection entry -> its END entry

    def skip(self, index: int) -> int:
        """The entry after the node starting at ``index`` (past its END for a collection)."""
        return self.closes.get(index, index) + 1
