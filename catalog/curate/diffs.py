"""The unified diff an edit shows before it writes (``--dry-run``, the confirmation prompt,
``fmt --check``).

``difflib`` over a whole 10,000-entry catalog takes a quarter of a minute or more
(``bench/curate/README.md``), so neither path compares whole files with it. With the splices
that made the edit, the hunks come straight from them. Without (``fmt``), the two texts are
lined up on the lines that occur once in each (patience diff: a resource's ``id`` and ``url``
lines), and ``difflib`` compares only the short runs between those anchors.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from catalog.yamldoc.splice import Splice

_Change = tuple[int, int, list[str]]  # old lines [a, b) become these new lines


def diff(before: str, after: str, name: str, splices: Iterable[Splice] | None = None) -> str:
    """A unified diff from ``before`` to ``after`` (empty when they are equal).

    With the ``splices`` that made ``after``, the hunks come straight from them; without, from
    a comparison lined up on the lines that occur once in each text."""
    return capped_diff(before, after, name, splices)[0]


def capped_diff(
    before: str,
    after: str,
    name: str,
    splices: Iterable[Splice] | None = None,
    max_changed: int | None = None,
) -> tuple[str, int]:
    """:func:`diff`, keeping only the first changes up to ``max_changed`` removed or added
    lines (every change when None), and how many such lines were left out. The diff stays
    well formed: the hunks shown are whole."""
    if before == after:
        return "", 0
    header = f"--- {name} (before)\n+++ {name} (after)\n"
    old = before.splitlines(keepends=True)
    if splices is not None:
        changes = _splice_changes(before, old, sorted(splices))
    else:
        changes = _line_changes(old, after.splitlines(keepends=True))
    left_out = 0
    if max_changed is not None:
        shown = 0
        for count, (a, b, new) in enumerate(changes):
            size = b - a + len(new)
            if shown and shown + size > max_changed:
                left_out = sum(b - a + len(new) for a, b, new in changes[count:])
                changes = changes[:count]
                break
            shown += size
    return header + "".join(_render(old, changes)), left_out


def _line_changes(old: list[str], new: list[str]) -> list[_Change]:
    """The changed runs from ``old`` to ``new``: a common head and tail set aside, the rest
    lined up on lines that occur once in each (their longest run in the same order), and the
    short stretches between those anchors compared by ``difflib``."""
    import difflib
    from collections import Counter

    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    a_end, b_end = len(old) - tail, len(new) - tail
    in_old, in_new = Counter(old[head:a_end]), Counter(new[head:b_end])
    where_new = {line: at for at, line in enumerate(new[head:b_end], head) if in_new[line] == 1}
    pairs = [
        (at, where_new[line])
        for at, line in enumerate(old[head:a_end], head)
        if in_old[line] == 1 and line in where_new
    ]
    anchors = _longest_increasing(pairs)
    changes: list[_Change] = []
    a, b = head, head
    for a_next, b_next in [*anchors, (a_end, b_end)]:
        if a < a_next or b < b_next:
            matcher = difflib.SequenceMatcher(None, old[a:a_next], new[b:b_next], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "equal":
                    changes.append((a + i1, a + i2, new[b + j1 : b + j2]))
        a, b = a_next + 1, b_next + 1
    return changes


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (in order of their first item) whose second items rise;
    among runs as long, one that keeps the earlier lines, as ``difflib`` does (so a line that
    moved up is shown as added there, not the lines it jumped over as moved down)."""
    tails: list[int] = []  # per run length, the largest second item starting such a run
    heads: list[int] = []  # the index in pairs of that run's first pair
    following = [-1] * len(pairs)
    for index in range(len(pairs) - 1, -1, -1):  # from the end, so ties go to earlier pairs
        b = -pairs[index][1]
        length = bisect_left(tails, b)
        if length == len(tails):
            tails.append(b)
            heads.append(index)
        else:
            tails[length], heads[length] = b, index
        following[index] = heads[length - 1] if length else -1
    run: list[tuple[int, int]] = []
    index = heads[-1] if heads else -1
    while index >= 0:
        run.append(pairs[index])
        index = following[index]
    return run


def _splice_changes(text: str, old: list[str], splices: list[Splice]) -> list[_Change]:
    """The changed runs of lines that non-overlapping splices of ``text`` make."""
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))
    last_line = len(old) - (0 if text.endswith("\n") or not old else 1)

    def line_of(offset: int) -> int:
        return min(bisect_right(starts, offset) - 1, last_line)

    clusters: list[tuple[int, int, list[Splice]]] = []  # whole old lines [a, z] and splices
    for splice in splices:
        a, z = line_of(splice.start), line_of(splice.end)
        if clusters and a <= clusters[-1][1]:
            a0, z0, group = clusters.pop()
            clusters.append((a0, max(z, z0), [*group, splice]))
        else:
            clusters.append((a, z, [splice]))
    changes: list[_Change] = []
    for a, z, group in clusters:
        b = min(z + 1, len(old))
        region = text[starts[a] : starts[b]]
        for splice in reversed(group):
            span = splice.start - starts[a], splice.end - starts[a]
            region = region[: span[0]] + splice.new + region[span[1] :]
        new = region.splitlines(keepends=True)
        while a < b and new and old[a] == new[0]:
            a, new = a + 1, new[1:]
        while a < b and new and old[b - 1] == new[-1]:
            b, new = b - 1, new[:-1]
        if a < b or new:
            changes.append((a, b, new))
    return changes


def _render(old: list[str], changes: list[_Change], context: int = 3) -> list[str]:
    """Unified-diff hunks, as difflib writes them, for changed runs of ``old``'s lines."""
    out: list[str] = []
    shift = 0  # new line number minus old line number, before the current hunk
    hunk: list[_Change] = []
    for change in [*changes, None]:
        if change is not None and (not hunk or change[0] - hunk[-1][1] <= 2 * context):
            hunk.append(change)
            continue
        if hunk:
            first, last = max(hunk[0][0] - context, 0), min(hunk[-1][1] + context, len(old))
            body: list[str] = []
            at, grown = first, 0
            for a, b, new in hunk:
                body += [" " + line for line in old[at:a]]
                body += ["-" + line for line in old[a:b]] + ["+" + line for line in new]
                grown += len(new) - (b - a)
                at = b
            body += [" " + line for line in old[at:last]]
            size = last - first
            out.append(f"@@ -{_range(first, size)} +{_range(first + shift, size + grown)} @@\n")
            out += [line if line.endswith("\n") else line + "\n" for line in body]
            shift += grown
        hunk = [change] if change is not None else []
    return out


def _range(start: int, length: int) -> str:
    """A hunk's range as difflib writes it."""
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"
