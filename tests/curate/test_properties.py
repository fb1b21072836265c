"""Property tests: any Markdown parses; any commented catalog formats without losing anything."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.curate.fmt import SortOrder, format_text
from catalog.curate.mdlist import parse
from catalog.curate.yamledit import comment_census

from .conftest import data_of

FIELDS = ["id", "title", "url", "kind", "topics", "authors", "year", "level", "description", "tags"]
WORDS = st.sampled_from(["alpha", "beta", "gamma", "yes", "2017", "a: b", "x # y", "on"])


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_markdown_gives_a_result(text: str) -> None:
    parsed = parse(text)
    lines = text.count("\n") + 1
    assert all(item.url.lower().startswith(("http://", "https://")) for item in parsed.items)
    assert all(0 <= u.line <= lines for u in parsed.unparsed)


def _scalar(value: str) -> str:
    return json.dumps(value)  # a double-quoted YAML scalar


def _resource_lines(data: dict[str, Any], order: list[str], flow: bool) -> list[str]:
    lines = []
    for position, key in enumerate(order):
        prefix = "  - " if position == 0 else "    "
        value = data[key]
        if isinstance(value, list) and not flow:
            lines.append(f"{prefix}{key}:")
            lines += [f"      - {_scalar(v)}" for v in value]
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            lines += [f"      {k}: {_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, int):
            lines.append(f"{prefix}{key}: {value}")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
    return lines


@st.composite
def commented_catalogs(draw: st.DrawFn) -> str:
    lines = ["topics:", "  t:", '    title: "T"', '    description: "D"', "resources:"]
    for number in range(draw(st.integers(1, 4))):
        data: dict[str, Any] = {
            "id": f"r{number}",
            "title": draw(WORDS),
            "url": f"https://example.org/{number}",
            "kind": "video",
            "topics": ["t"],
            "authors": draw(st.lists(WORDS, min_size=1, max_size=3)),
            "year": draw(st.integers(1990, 2024)),
            "level": "beginner",
            "description": draw(
                st.one_of(WORDS, st.fixed_dictionaries({"fa": WORDS, "en": WORDS}))
            ),
            "tags": draw(st.lists(WORDS, max_size=2)),
        }
        order = ["id", *draw(st.permutations(FIELDS[1:]))]
        lines += _resource_lines(data, order, draw(st.booleans()))
    # Full-line comments between any two lines, indented like the next line, and end-of-line
    # comments on some lines.
    out: list[str] = []
    for index, line in enumerate(lines):
        if index and draw(st.booleans()):
            indent = len(line) - len(line.lstrip())
            out.append(" " * indent + f"# before line {index}")
        if draw(st.integers(0, 4)) == 0:
            line += f"  # after line {index}"
        out.append(line)
    if draw(st.booleans()):
        out.append("# the end")
    return "\n".join(out) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commented_catalogs(), st.sampled_from([None, SortOrder.id]))
def test_fmt_keeps_every_comment_and_value_and_is_idempotent(
    text: str, sort: SortOrder | None
) -> None:
    once = format_text(text, sort=sort)
    assert comment_census(once) == comment_census(text)
    before, after = data_of(text), data_of(once)
    if sort:
        before["resources"].sort(key=lambda r: r["id"])
    assert after == before
    assert format_text(once, sort=sort) == once


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_list_imports_into_a_valid_catalog_keeping_its_comments(
    items: list[tuple[str, str]],
) -> None:
    import datetime as dt
    from pathlib import Path

    from catalog.curate.importer import import_list
    from catalog.curate.yamledit import Document, check_edit

    fixture = Path(__file__).parent / "fixtures" / "commented.yaml"
    lines = ["## Papers", ""]
    for number, (title, description) in enumerate(items):
        # Escape Markdown so the text arrives as written.
        safe = "".join("\\" + c if c in "\\`*_{}[]()#+-.!<>|~&" else c for c in title)
        rest = "".join("\\" + c if c in "\\`*_{}[]()#+-.!<>|~&" else c for c in description)
        lines.append(f"- [{safe}](https://example.org/{number}) - {rest}")
    doc = Document.read(fixture)
    report = import_list(
        doc, parse("\n".join(lines) + "\n"), source="x.md", today=dt.date(2024, 1, 1)
    )
    text = doc.apply(report.splices)
    check_edit(doc, text, frozenset(report.placeholders))  # raises if anything would be lost
    titles = [r["title"] for r in data_of(text)["resources"][3:]]
    assert titles == [i.title for i in report.imported]
