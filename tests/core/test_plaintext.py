"""The terminal layout in catalog.plaintext: plurals, word wrapping, fitted grids and stacked
rows, columns that give way, tab-separated rows. Pure functions, no process (the commands on a
real pty are in test_terminal.py)."""

from __future__ import annotations

from catalog.plaintext import Column, Role, fit, fit_fields, plain, plural, tsv, wrap


def test_plural() -> None:
    assert [plural(1, "link"), plural(0, "link"), plural(2, "match")] == [
        "1 link",
        "0 links",
        "2 matches",
    ]
    assert [plural(3, "entry"), plural(2, "day"), plural(1, "entry")] == [
        "3 entries",
        "2 days",
        "1 entry",
    ]


def test_wrap_never_breaks_a_word() -> None:
    url = "https://example.org/" + "x" * 30
    assert wrap(f"see {url} now", 20) == ["see", url, "now"]
    assert wrap("a b\nc", 10) == ["a b", "c"]
    assert wrap("مدل زبانی بزرگ", 9) == ["مدل زبانی", "بزرگ"]


COLUMNS = [Column("id", Role.KEY), Column("title", Role.TEXT), Column("year", right=True)]
ROWS = [
    ("a-rather-long-identifier-xyz", "A title that is long enough to wrap", "2020"),
    ("short", "T", "1999"),
]


def test_a_wide_terminal_gets_a_grid() -> None:
    assert plain(fit(COLUMNS, ROWS, 80)) == (
        "id                            title                                year\n"
        "a-rather-long-identifier-xyz  A title that is long enough to wrap  2020\n"
        "short                         T                                    1999\n"
    )


def test_a_narrow_terminal_stacks_rows_and_moves_a_long_key_to_its_own_line() -> None:
    assert plain(fit(COLUMNS, ROWS, 30)) == (
        "id                        year\n"
        "    title\n"
        "a-rather-long-identifier-xyz\n"
        "                          2020\n"
        "    A title that is long\n"
        "    enough to wrap\n"
        "short                     1999\n"
        "    T\n"
    )


def test_fields_give_way_in_their_order() -> None:
    columns = [
        Column("id", Role.KEY),
        Column("title", Role.TEXT),
        Column("kind", drop=2),
        Column("level", drop=1),
    ]
    rows = [("some-id", "Title", "tutorial", "intermediate")]
    assert plain(fit(columns, rows, 30)).splitlines()[:3] == [
        "id       kind",
        "    title",
        "some-id  tutorial",
    ]
    assert plain(fit(columns, rows, 12)).splitlines()[0] == "id"


def test_tab_separated_cells_are_flattened() -> None:
    assert (
        tsv(COLUMNS[:2], [("x", "two\tparts\nand lines")]) == "id\ttitle\nx\ttwo parts and lines\n"
    )


def test_fields_put_a_long_value_under_its_name() -> None:
    url = "https://example.org/" + "x" * 30
    assert plain(fit_fields([("url", url), ("title", "Short title")], 40)) == (
        f"url\n    {url}\ntitle  Short title\n"
    )
