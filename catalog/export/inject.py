"""Keeping a generated block inside a hand-written file (a README) up to date.

The block lives between ``<!-- catalog:start -->`` and ``<!-- catalog:end -->``, each on a line
of its own. Everything outside the markers is kept byte for byte, including CRLF line endings.
"""

from __future__ import annotations

import difflib
import re

from catalog.export.errors import MarkersError

START = "<!-- catalog:start -->"
END = "<!-- catalog:end -->"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _marker_offsets(document: str, marker: str) -> list[int]:
    """Where ``marker`` stands on a line of its own, outside fenced code blocks: a README that
    documents the markers in examples or inline code still has one real pair."""
    offsets, fence, position = [], "", 0
    for line in document.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)[:3]
        elif not fence and line.strip() == marker:
            offsets.append(position + line.index(marker))
        position += len(line)
    return offsets


def _find(document: str, marker: str, name: str) -> int:
    offsets = _marker_offsets(document, marker)
    if not offsets:
        raise MarkersError(
            f"{name}: no '{marker}' marker; add '{START}' and '{END}' on lines of their own "
            "where the list should go"
        )
    if len(offsets) > 1:
        lines = ", ".join(str(document.count("\n", 0, o) + 1) for o in offsets)
        raise MarkersError(
            f"{name}: '{marker}' appears {len(offsets)} times (lines {lines}); keep exactly one"
        )
    return offsets[0]


def inject(document: str, block: str, *, name: str = "the file") -> str:
    """``document`` with the text between its markers replaced by ``block``.

    Raises :class:`MarkersError` when a marker is missing, repeated or the end comes first.
    """
    start = _find(document, START, name)
    end = _find(document, END, name)
    if end < start:
        line = document.count("\n", 0, end) + 1
        raise MarkersError(f"{name}:{line}: '{END}' comes before '{START}'; swap them")
    newline = "\r\n" if "\r\n" in document else "\n"
    body = block.strip("\n").replace("\r\n", "\n").replace("\n", newline)
    # Blank lines around the block keep Markdown headings and lists apart from the markers.
    head = document[: start + len(START)]
    return head + newline + newline + body + newline + newline + document[end:]


def diff(current: str, expected: str, *, name: str = "the file") -> str:
    """A unified diff from ``current`` to ``expected``; empty when they are equal."""
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"{name} (current)",
            tofile=f"{name} (from the catalog)",
        )
    )


def headings_before(document: str) -> tuple[str, ...]:
    """The texts of the ATX headings above the start marker (they shape the block's anchors).

    Only plain headings are read: inline markup other than backslash escapes is kept as typed,
    which matches GitHub for the headings READMEs usually have.
    """
    position = document.find(START)
    texts: list[str] = []
    fence: str | None = None
    for line in document[: position if position >= 0 else len(document)].splitlines():
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        match = _ATX.match(line)
        if match:
            texts.append(_ESCAPED.sub(r"\1", match.group(1) or "").replace("`", ""))
    return tuple(texts)
