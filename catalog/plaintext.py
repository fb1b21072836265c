"""Text for people: counts with their nouns, and tables that fit a width.

Pure functions that return text; only :mod:`catalog.cli` prints. A table has three kinds of
column (:class:`Role`):

- ``KEY``: ids and URLs, what users copy. Never cut, never broken, never dropped.
- ``TEXT``: titles and details. Wrapped between words; the first to give way.
- ``FIELD``: short values (kind, level, year). Kept whole; dropped, in their ``drop`` order,
  when there is no room.

:func:`fit` lays a table out in ``width`` columns, either as a grid (every column side by
side) or, when the grid would need more lines or cannot hold the keys, stacked: the keys and
fields on one line, the texts and further keys under it, indented. :func:`tsv` is the form for
pipes and files: a header, then one row per line, cells separated by tabs, nothing padded or
wrapped.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

GAP = 2  # spaces between two columns
TEXT_MIN = 16  # a text column narrower than this is not worth a grid
INDENT = 4  # the least indent of the lines under a stacked row
FIELDS_MIN = 24  # values narrower than this go under their names


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 link``, ``2 links``, ``0 matches``, ``3 entries``."""
    if count == 1:
        return f"{count} {noun}"
    if many is None:
        if noun.endswith(("s", "x", "ch", "sh")):
            many = noun + "es"
        elif noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
            many = noun[:-1] + "ies"
        else:
            many = noun + "s"
    return f"{count} {many}"


class Role(enum.Enum):
    KEY = "key"
    TEXT = "text"
    FIELD = "field"


class Column:
    """A column of a table: its header, its :class:`Role`, when it gives way (``FIELD`` only:
    ``drop=1`` first, then 2, ...; None never) and whether it is right-aligned (numbers)."""

    __slots__ = ("drop", "header", "right", "role")

    def __init__(
        self, header: str, role: Role = Role.FIELD, drop: int | None = None, right: bool = False
    ) -> None:
        self.header = header
        self.role = role
        self.drop = drop
        self.right = right


# One printed line: (text, index of the column it belongs to, HEADER, or None for padding).
Piece = tuple[str, int | None]
Line = list[Piece]
HEADER = -1


def _header(line: Line) -> Line:
    return [(text, None if column is None else HEADER) for text, column in line]


def width_of(text: str) -> int:
    """Terminal cells ``text`` takes (wide characters count twice)."""
    from rich.cells import cell_len

    return cell_len(text)


def _flat(text: str) -> str:
    return " ".join(text.split()) if ("\n" in text or "\t" in text) else text


def tsv(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> str:
    """A header, then one row per line; tabs and newlines in cells become spaces."""
    lines = ["\t".join(c.header for c in columns)]
    lines += ["\t".join(_flat(cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken only between words. A word longer
    than ``width`` keeps a line of its own, whole."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            size = width_of(word)
            if line and used + 1 + size > width:
                lines.append(line)
                line, used = "", 0
            line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
        lines.append(line)
    return lines


def _longest_word(text: str) -> int:
    return max((width_of(w) for w in text.split()), default=0)


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[Line]:
    """The table in ``width`` columns: its header (one line; stacked, two), then its rows."""
    cells = [
        [_flat(c) if col.role is not Role.TEXT else c for c, col in zip(row, columns, strict=True)]
        for row in rows
    ]
    grid = _grid_widths(columns, cells, width)
    stacked = _stacked(columns, cells, width)
    if grid is not None:
        lines = _grid(columns, cells, grid)
        if len(lines) <= len(stacked):
            return lines
    return stacked


def _natural(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    return [
        max([width_of(col.header)] + [max(map(width_of, row[i].split("\n"))) for row in rows])
        for i, col in enumerate(columns)
    ]


def _grid_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> list[int] | None:
    """Every column side by side: keys and fields at their full width, texts sharing the rest
    (each at least TEXT_MIN and its longest word). None when that does not fit."""
    natural = _natural(columns, rows)
    texts = [i for i, c in enumerate(columns) if c.role is Role.TEXT]
    fixed = sum(n for i, n in enumerate(natural) if i not in texts)
    least = {
        i: max(
            min(natural[i], TEXT_MIN),
            width_of(columns[i].header),
            max((_longest_word(row[i]) for row in rows), default=0),
        )
        for i in texts
    }
    room = width - fixed - GAP * (len(columns) - 1)
    if room < sum(least.values()):
        return None
    widths = list(natural)
    # Fair shares, the narrowest text first, so that what one does not need goes to the others.
    left = texts
    for i in sorted(texts, key=lambda i: natural[i]):
        share = room // len(left)
        widths[i] = min(natural[i], max(least[i], share))
        room -= widths[i]
        left = [j for j in left if j != i]
    return widths


def _pad(text: str, size: int, right: bool) -> str:
    space = " " * max(size - width_of(text), 0)
    return space + text if right else text + space


def _line(pieces: list[tuple[str, int]], columns: Sequence[Column], widths: list[int]) -> Line:
    """Cells laid side by side; the last cell is not padded, nothing trails."""
    line: Line = []
    for n, (text, i) in enumerate(pieces):
        if n:
            line.append((" " * GAP, None))
        last = n == len(pieces) - 1
        if columns[i].right or not last:
            line.append((_pad(text, widths[i], columns[i].right), i))
        else:
            line.append((text, i))
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        last_text, last_column = line[-1]
        line[-1] = (last_text.rstrip(), last_column)
    return line


def _grid(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], widths: list[int]
) -> list[Line]:
    every = list(range(len(columns)))
    lines = [_header(_line([(c.header, i) for i, c in enumerate(columns)], columns, widths))]
    for row in rows:
        parts = [
            wrap(row[i], widths[i]) if columns[i].role is Role.TEXT else [row[i]] for i in every
        ]
        for k in range(max(map(len, parts))):
            lines.append(
                _line(
                    [(p[k] if k < len(p) else "", i) for i, p in enumerate(parts)], columns, widths
                )
            )
    return lines


def _stacked(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[Line]:
    """The lead key and the fields on one line (fields dropped in order until it fits); the
    texts and other keys each on lines of their own under it."""
    keys = [i for i, c in enumerate(columns) if c.role is Role.KEY]
    lead = keys[0] if keys else 0
    head = [i for i, c in enumerate(columns) if i == lead or c.role is Role.FIELD]
    body = [i for i in range(len(columns)) if i not in head]
    natural = _natural(columns, rows)

    def size(shown: list[int]) -> int:
        return sum(natural[i] for i in shown) + GAP * (len(shown) - 1)

    droppable = sorted(
        (i for i in head if columns[i].drop is not None), key=lambda i: columns[i].drop or 0
    )
    while size(head) > width and droppable:
        head.remove(droppable.pop(0))
    widths = list(natural)
    widths[lead] = max(1, min(natural[lead], width - (size(head) - natural[lead])))
    offset = sum(natural[i] + GAP for i in head if i < lead)
    indent = max(offset, INDENT)
    lines = [_header(_line([(columns[i].header, i) for i in head], columns, widths))]
    if body:
        lines.append([(" " * indent, None), (" / ".join(columns[i].header for i in body), HEADER)])
    for row in rows:
        if width_of(row[lead]) > widths[lead] and head[-1] != lead:
            # Too long to share its line: the key alone, the fields on the next line.
            lines.append(_line([(row[i] if i <= lead else "", i) for i in head], columns, widths))
            lines.append(_line([("" if i <= lead else row[i], i) for i in head], columns, widths))
        else:
            lines.append(_line([(row[i], i) for i in head], columns, widths))
        for i in body:
            if not row[i].strip():
                continue
            parts = wrap(row[i], width - indent) if columns[i].role is Role.TEXT else [row[i]]
            lines += [[(" " * indent, None), (part, i)] for part in parts if part]
    return lines


def fit_fields(pairs: Sequence[tuple[str, str]], width: int) -> list[Line]:
    """Names and values in two columns (name is column 0, value column 1). A value with a word
    too long for its column (a URL) goes under its name, indented, whole; on a narrow terminal
    every value does."""
    name_width = max((width_of(name) for name, _ in pairs), default=0)
    room = width - name_width - GAP
    side_by_side = room >= FIELDS_MIN
    lines: list[Line] = []
    for name, value in pairs:
        if side_by_side and _longest_word(value) <= room:
            for k, part in enumerate(wrap(value, room)):
                lines.append(
                    [
                        (_pad(name if k == 0 else "", name_width, False), 0),
                        (" " * GAP, None),
                        (part, 1),
                    ]
                )
        else:
            lines.append([(name, 0)])
            lines += [[(" " * INDENT, None), (part, 1)] for part in wrap(value, width - INDENT)]
    return lines


def plain(lines: Sequence[Line]) -> str:
    """Lines as text, without styles."""
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)
