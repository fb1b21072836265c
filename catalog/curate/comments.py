"""Comment bookkeeping for round-trip edits.

ruamel.yaml keeps comments, but it files each one under the node that *precedes* it: the
``# --- Videos ---`` line above a resource is stored on the last scalar of the resource before
it, and a comment above a key is stored on the key before that. Reordering keys or entries
naively would therefore carry comments to the wrong place. This module moves them with the
thing they introduce, and counts comments in raw text so that every edit can prove that none
was lost.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

# ca.items entries: mappings use [key-eol, key-pre, value-post, value-pre]; sequences [post, pre].
_MAP_POST, _SEQ_POST, _PRE = 2, 0, 1


def _comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of every comment in YAML text, found with the YAML scanner so that a ``#``
    inside a quoted or block scalar is not taken for one."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=loader):
        if token.end_mark.index > token.start_mark.index:
            spans.append((token.start_mark.index, token.end_mark.index))
    starts = [s for s, _ in spans]
    found: list[tuple[int, int]] = []
    position = text.find("#")
    while position != -1:
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        inside = bisect.bisect_right(starts, position) - 1
        in_token = inside >= 0 and spans[inside][0] <= position < spans[inside][1]
        if not in_token and (position == 0 or text[position - 1] in " \t\n"):
            found.append((position, end))
            position = text.find("#", end)
        else:
            position = text.find("#", position + 1)
    return found


def comment_census(text: str) -> Counter[str]:
    """Every comment in YAML text (stripped), with how often it occurs."""
    return Counter(text[start:end].strip() for start, end in _comments(text))


def align_comments(text: str) -> str:
    """Indent each full-line comment like the line of YAML that follows it."""
    lines = text.split("\n")
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    comment_lines = {bisect.bisect_right(offsets, start) - 1 for start, _ in _comments(text)}
    full = {i for i in comment_lines if lines[i].lstrip().startswith("#")}
    indent: str | None = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if index in full:
            if indent is not None:
                lines[index] = indent + line.lstrip()
        elif line.strip():
            indent = line[: len(line) - len(line.lstrip())]
    return "\n".join(lines)


def is_block(value: Any) -> bool:
    """A non-empty block-style (not flow-style) mapping or sequence."""
    if not isinstance(value, (CommentedMap, CommentedSeq)) or not value:
        return False
    return not value.fa.flow_style()


def _slot(container: Any, key: Hashable) -> tuple[list[Any], int, bool]:
    """Where the comment after ``container[key]`` is kept: (holder, index, is_block_scalar)."""
    value = container[key]
    if is_block(value):
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _slot(value, last)
    if isinstance(container, CommentedMap):
        holder = container.ca.items.setdefault(key, [None, None, None, None])
        index = _MAP_POST
    else:
        holder = container.ca.items.setdefault(key, [None, None])
        index = _SEQ_POST
    return holder, index, isinstance(value, (FoldedScalarString, LiteralScalarString))


def _split(holder: list[Any], index: int, block_scalar: bool) -> tuple[CommentToken | None, str]:
    """Detach the full-line comments after a value; return (the kept token, the lines)."""
    token = holder[index]
    if token is None or not isinstance(token, CommentToken):
        return token, ""
    value = token.value
    if block_scalar:  # nothing can follow a block scalar on its own line
        holder[index] = None
        return None, value
    cut = value.find("\n") + 1 if "\n" in value else len(value)
    head, rest = value[:cut], value[cut:]
    if rest:
        token.value = head
    return token, rest


def _attach(holder: list[Any], index: int, block_scalar: bool, lines: str) -> None:
    """Put comment lines right after the value that owns this slot."""
    if not lines:
        return
    token = holder[index]
    if isinstance(token, CommentToken):
        token.value += lines
        return
    head = "" if block_scalar else "\n"
    holder[index] = CommentToken(head + lines, CommentMark(0), None)


def _line_tokens(lines: str) -> list[CommentToken]:
    """One token per comment line, the form ruamel.yaml's loader uses for leading comments."""
    tokens = []
    for line in lines.splitlines():
        stripped = line.lstrip()
        column = len(line) - len(stripped) if stripped else 0
        tokens.append(CommentToken(stripped + "\n", CommentMark(column), None))
    return tokens


def _before_first(container: Any, key: Hashable, lines: str) -> None:
    """Put comment lines above the first key (or item) of ``container``."""
    if not lines:
        return
    if isinstance(container, CommentedSeq):
        if container.ca.comment is None:
            container.ca.comment = [None, []]
        elif container.ca.comment[_PRE] is None:
            container.ca.comment[_PRE] = []
        container.ca.comment[_PRE].extend(_line_tokens(lines))
        return
    holder = container.ca.items.setdefault(key, [None, None, None, None])
    holder[_PRE] = _line_tokens(lines) + list(holder[_PRE] or [])


def _leading(container: Any, keys: Sequence[Hashable]) -> tuple[dict[Hashable, str], str]:
    """Detach, for each key, the comment lines just above it, and those after the last one."""
    leading: dict[Hashable, str] = {}
    previous: Hashable | None = None
    for key in keys:
        if previous is not None:
            holder, index, block_scalar = _slot(container, previous)
            leading[key] = _split(holder, index, block_scalar)[1]
        previous = key
    trailing = ""
    if previous is not None:
        holder, index, block_scalar = _slot(container, previous)
        trailing = _split(holder, index, block_scalar)[1]
    return leading, trailing


def _reattach(
    container: Any,
    order: Sequence[Hashable],
    leading: dict[Hashable, str],
    trailing: str,
    item_of: tuple[CommentedSeq, int] | None = None,
) -> None:
    for position, key in enumerate(order):
        lines = leading.get(key, "")
        if position == 0:
            if item_of is not None and lines:
                # Above the first key of a list item means above the item itself.
                sequence, index = item_of
                if index == 0:
                    _before_first(sequence, 0, lines)
                else:
                    holder, slot_index, block_scalar = _slot(sequence, index - 1)
                    _attach(holder, slot_index, block_scalar, lines)
            else:
                _before_first(container, key, lines)
            continue
        holder, index, block_scalar = _slot(container, order[position - 1])
        _attach(holder, index, block_scalar, lines)
    if order:
        holder, index, block_scalar = _slot(container, order[-1])
        _attach(holder, index, block_scalar, trailing)


def reorder_mapping(
    mapping: CommentedMap,
    order: Sequence[Hashable],
    *,
    item_of: tuple[CommentedSeq, int] | None = None,
) -> None:
    """Put ``mapping``'s keys in ``order`` (a permutation), moving comments with their keys.

    ``item_of`` names the list and index when the mapping is a list item, so that a comment
    above a key that becomes the first one is written above the item.
    """
    keys = list(mapping)
    if keys == list(order):
        return
    if sorted(map(repr, keys)) != sorted(map(repr, order)):
        raise ValueError("order must be a permutation of the mapping's keys")
    leading, trailing = _leading(mapping, keys)
    for key in order:
        # Moving a key keeps its ca.items entry (stored by key), so its own comments follow it.
        mapping.move_to_end(key)
    _reattach(mapping, order, leading, trailing, item_of)


def reorder_sequence(sequence: CommentedSeq, order: Sequence[int]) -> None:
    """Put ``sequence``'s items in ``order`` (a permutation of indexes), comments moving along.

    Comments above the first item stay at the top of the list.
    """
    if list(order) == list(range(len(sequence))):
        return
    leading, trailing = _leading(sequence, range(len(sequence)))
    items = [sequence[i] for i in order]
    post = [sequence.ca.items.pop(i, None) for i in range(len(sequence))]
    for position, old in enumerate(order):
        sequence[position] = items[position]
        if post[old] is not None:
            sequence.ca.items[position] = post[old]
    moved: dict[Hashable, str] = {
        position: leading.get(old, "") for position, old in enumerate(order)
    }
    _reattach(sequence, list(range(len(sequence))), moved, trailing)


def comment_above_item(sequence: CommentedSeq, index: int, text: str, column: int = 2) -> None:
    """Write a full-line comment above ``sequence[index]`` (used to head a block of new entries)."""
    line = "\n" + " " * column + "# " + text + "\n"  # a blank line, then the comment
    if index == 0:
        _before_first(sequence, 0, line)
        return
    holder, slot_index, block_scalar = _slot(sequence, index - 1)
    _attach(holder, slot_index, block_scalar, line)


def insert_key(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Add ``key`` where ``order`` (the schema's field order) puts it among the present keys.

    Comment lines that followed the key before the new one stay below the new key, so a
    comment heading the next entry (or the next key) keeps its place.
    """
    keys = list(mapping)
    rank = {name: position for position, name in enumerate(order)}
    mine = rank.get(key, len(order))
    position = next(
        (i for i, k in enumerate(keys) if rank.get(str(k), len(order)) > mine), len(keys)
    )
    if position == 0:
        mapping.insert(0, key, value)
        return
    holder, index, block_scalar = _slot(mapping, keys[position - 1])
    lines = _split(holder, index, block_scalar)[1]
    mapping.insert(position, key, value)
    holder, index, block_scalar = _slot(mapping, key)
    _attach(holder, index, block_scalar, lines)


def append_item(sequence: CommentedSeq, value: Any) -> None:
    """Append to a list; comment lines after its last item stay after the list's new end."""
    if not sequence:
        sequence.append(value)
        return
    holder, index, block_scalar = _slot(sequence, len(sequence) - 1)
    lines = _split(holder, index, block_scalar)[1]
    sequence.append(value)
    holder, index, block_scalar = _slot(sequence, len(sequence) - 1)
    _attach(holder, index, block_scalar, lines)
