"""The unified diff an edit shows before it writes (``--dry-run``, the confirmation prompt).

With the splices that made the edit, the hunks come straight from them: ``difflib`` over a
whole 10,000-entry catalog takes half a minute (``bench/curate/README.md``).
"""

from __future__ import annotations

from collections.abc import Iterable

from catalog.yamldoc.splice import Splice


def diff(before: str, after: str, name: str, splices: Iterable[Splice] | None = None) -> str:
    """A unified diff from ``before`` to ``after`` (empty when they are equal).

    With the ``splices`` that made ``after``, the hunks come straight from them: a whole-file
    comparison of a 10,000-entry catalog takes difflib half a minute."""
    import difflib

    header = f"--- {name} (before)\n+++ {name} (after)\n"
    if before == after:
        return ""
    if splices is not None:
        return header + "".join(_hunks(before, sorted(splices)))
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"{name} (before)",
        tofile=f"{name} (after)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _hunks(text: str, splices: list[Splice], context: int = 3) -> list[str]:
    """Unified-diff hunks (as difflib writes them) for non-overlapping splices of ``text``."""
    from bisect import bisect_right

    old = text.splitlines(keepends=True)
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
    changes: list[tuple[int, int, list[str]]] = []  # old lines [a, b) become the new lines
    for a, z, group in clusters:
        b = min(z + 1, len(old))
        region = text[starts[a] : starts[b]]
        for splice in reversed(group):
            cut = splice.start - starts[a], splice.end - starts[a]
            region = region[: cut[0]] + splice.new + region[cut[1] :]
        new = region.splitlines(keepends=True)
        while a < b and new and old[a] == new[0]:
            a, new = a + 1, new[1:]
        while a < b and new and old[b - 1] == new[-1]:
            b, new = b - 1, new[:-1]
        if a < b or new:
            changes.append((a, b, new))
    out: list[str] = []
    shift = 0  # new line number minus old line number, before the current hunk
    hunk: list[tuple[int, int, list[str]]] = []
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
