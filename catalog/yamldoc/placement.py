"""Where each comment of a document goes when the document is laid out again.

A comment at the end of a line belongs to the node that ends that line (or to the anchor or tag
of a block collection written there): it follows that node wherever it goes. Every other
comment stands on a line of its own and is placed with the blank lines around it, by line
numbers (:meth:`Placer.region`). :meth:`Placer.used` records what was placed, so that the
layout can refuse to drop one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from catalog.yamldoc.document import Document
from catalog.yamldoc.log import ALIAS, END, SCALAR
from catalog.yamldoc.nodes import Comment


class Placer:
    """The comments of one document, each either trailing a node or on a line of its own."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.used: set[int] = set()
        self.trailing: dict[int, Comment] = {}
        self.by_line: dict[int, Comment] = {}
        self.comment_starts = [c.start for c in doc.comments]
        self._classify()

    # --- comments -----------------------------------------------------------------------------

    def _classify(self) -> None:
        """Each comment ends its node's line, or stands on a line of its own."""
        doc, text = self.doc, self.text
        log = doc.log
        opens = {end: start for start, end in log.closes.items()}
        for comment in doc.comments:
            owner = bisect_left(log.starts, comment.start) - 1
            while owner >= 0 and log.kinds[owner] == END:
                if opens[owner] in log.flow:
                    owner = opens[owner]
                    break
                owner -= 1
            if owner >= 0 and owner not in self.trailing:
                kind = log.kinds[owner]
                if kind in (SCALAR, ALIAS) or owner in log.flow:
                    since = doc.tail(owner)
                elif owner in log.anchors or owner in log.tags:  # a block collection's
                    since = log.starts[owner]  # anchor or tag, on its key's line
                else:  # a '-' with nothing after it but this comment: a line of its own
                    since = comment.start + 1
                ended_before = since and text[since - 1] == "\n"  # a kept |+ block ends so
                same_line = "\n" not in text[since : comment.start] and not ended_before
                if since <= comment.start and same_line:
                    self.trailing[owner] = comment
                    continue
            self.by_line[self.line(comment.start)] = comment

    def trail(self, entry: int) -> str:
        comment = self.trailing.get(entry)
        if comment is None:
            return ""
        self.used.add(comment.start)
        text, at = self.text, comment.start
        while at and text[at - 1] in " \t":
            at -= 1
        return " " * max(comment.start - at, 1) + comment.text

    def between(self, after: int, before: int, indent: int) -> list[str]:
        """Blank lines and comment lines strictly between the lines of two offsets. An offset at
        the start of a line (after a kept ``|+`` block) counts as the end of the line before.

        A comment of its own on the first line (after a ``-`` whose item starts on the next
        line) comes first."""
        if after and self.text[after - 1] == "\n":
            after -= 1
        first: list[str] = []
        if self.by_line:
            comment = self.by_line.get(self.line(after))
            if comment is not None and comment.start not in self.used:
                self.used.add(comment.start)
                first.append(" " * indent + comment.text)
        if self.text.count("\n", after, before) <= 1:
            return first
        return first + self.region(self.line(after), self.line(before), indent)

    def region(self, after: int, before: int, indent: int) -> list[str]:
        """Blank lines and comment lines strictly between two lines, comments re-indented."""
        out: list[str] = []
        for number in range(after + 1, before):
            comment = self.by_line.get(number)
            if comment is not None:
                self.used.add(comment.start)
                out.append(" " * indent + comment.text)
            elif not self.raw_line(number).strip():
                out.append("")
        return out

    # --- lines --------------------------------------------------------------------------------

    def line(self, offset: int) -> int:
        """0-based line number of an offset."""
        return bisect_right(self.doc.line_starts, offset) - 1

    def raw_line(self, number: int) -> str:
        starts = self.doc.line_starts
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(self.text)
        return self.text[starts[number] : end].rstrip("\r")

    def column(self, offset: int) -> int:
        return offset - self.doc.line_starts[self.line(offset)]

    def inside(self, start: int, end: int) -> bool:
        """Whether comments lie in ``[start, end)`` (marking them placed: the text that holds
        them is copied as written)."""
        starts = self.comment_starts
        first = bisect_left(starts, start)
        if first < len(starts) and starts[first] < end:
            for comment in self.doc.comments[first : bisect_left(starts, end)]:
                self.used.add(comment.start)
            return True
        return False

    def place_lines(self, first: int, stop: int) -> None:
        """Mark the comments on lines ``[first, stop)`` as placed (copied as written)."""
        for number in range(first, stop):
            if number in self.by_line:
                self.used.add(self.by_line[number].start)

    def missed(self) -> list[Comment]:
        """The comments nothing placed."""
        return [c for c in self.doc.comments if c.start not in self.used]
