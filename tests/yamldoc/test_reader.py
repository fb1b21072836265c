"""Positions, comments and errors of the YAML reader."""

from __future__ import annotations

import pytest

from catalog.errors import CatalogReadError
from catalog.yamldoc import Alias, Mapping, Scalar, Sequence, YamlError, parse, to_python

FA = "مدل ترنسفورمر"

TEXT = f"""\
# head comment
topics:
  attention: {{title: Attention, aliases: [self-attention]}}
resources:
  # group
  - id: a  # trailing
    title: "{FA}: x"
    description: |
      line one # not a comment
      line two
    year: 2020
"""


def test_every_node_knows_its_text_line_and_column() -> None:
    doc = parse(TEXT)
    assert isinstance(doc.root, Mapping)
    resources = doc.find(("resources",))
    assert isinstance(resources, Sequence)
    assert (resources.line, resources.col) == (6, 3)
    title = doc.find(("resources", 0, "title"))
    assert isinstance(title, Scalar)
    assert (title.line, title.col, title.style) == (7, 12, '"')
    assert doc.text[title.start : title.end] == f'"{FA}: x"'
    year = doc.find_key(("resources", 0, "year"))
    assert isinstance(year, Scalar)
    assert (year.line, year.col, year.value) == (11, 5, "year")
    aliases = doc.find(("topics", "attention", "aliases"))
    assert isinstance(aliases, Sequence)
    assert aliases.flow
    assert doc.text[aliases.start : aliases.end] == "[self-attention]"


def test_columns_count_characters_not_bytes() -> None:
    doc = parse(f"{FA}: {FA}\n")
    pair = doc.root.pairs[0]  # type: ignore[union-attr]
    assert (pair[1].line, pair[1].col) == (1, len(FA) + 3)
    assert doc.byte_offset(pair[1].start) == len(FA.encode()) + 2


def test_block_collections_end_with_their_last_child() -> None:
    doc = parse("a:\n  - 1\n  - 2\n\n# tail\nb: 3\n")
    items = doc.find(("a",))
    assert isinstance(items, Sequence)
    assert doc.text[items.start : items.end] == "- 1\n  - 2"


def test_comments_with_positions_and_not_inside_scalars() -> None:
    doc = parse(TEXT)
    found = [(c.text, c.line, c.col) for c in doc.comments]
    assert found == [("# head comment", 1, 1), ("# group", 5, 3), ("# trailing", 6, 12)]
    assert all(doc.text[c.start : c.end] == c.text for c in doc.comments)


def test_crlf_bom_and_final_newline_kept_out_of_values() -> None:
    doc = parse("\ufeffa: 1 # c\r\nb: |\r\n  x\r\n")
    assert doc.bom
    assert to_python(doc) == {"a": 1, "b": "x\n"}
    assert [c.text for c in doc.comments] == ["# c"]
    b = doc.find(("b",))
    assert isinstance(b, Scalar)
    assert (b.line, b.col) == (2, 4)


def test_aliases_point_at_their_anchor() -> None:
    doc = parse("a: &x {k: v}\nb: *x\n")
    alias = doc.find_key(("b",))
    value = doc.root.pairs[1][1]  # type: ignore[union-attr]
    assert isinstance(value, Alias)
    assert value.target is doc.find(("a",))
    assert isinstance(alias, Scalar)
    assert alias.value == "b"
    assert doc.find(("b", "k")) is not None


def test_find_falls_back_to_the_deepest_existing_node() -> None:
    doc = parse(TEXT)
    assert doc.find(("resources", 0, "missing")) is doc.find(("resources", 0))
    assert doc.find(("resources", 9)) is doc.find(("resources",))


def test_empty_text_has_no_root() -> None:
    doc = parse("# only a comment\n")
    assert doc.root is None
    assert to_python(doc) is None
    assert len(doc.comments) == 1


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: [1, 2\nb: 3\n", 1, 4, "the '[' opened here is not closed"),
        ("a: 1\n b: 2\n", 2, 3, "not valid YAML"),
        ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        ("a: *x\nb: &x 1\n", 1, 4, "alias '*x' refers to no anchor before it"),
        ("a:\n\tb: 1\n", 2, 1, "not valid YAML"),
    ],
)
def test_syntax_errors_name_line_and_column(
    text: str, line: int, column: int, message: str
) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text, source="cat.yaml")
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert message in error.message
    assert isinstance(error, CatalogReadError)
    assert str(error).startswith(f"cat.yaml:{line}:{column}: ")


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_characters_yaml_versions_disagree_on_are_refused(char: str) -> None:
    # YAML 1.2 reads NEL, LS and PS as text; libyaml (YAML 1.1) as line breaks.
    with pytest.raises(YamlError) as caught:
        parse(f'a: 1\nb: "x{char}y"\n')
    assert (caught.value.line, caught.value.column) == (2, 6)
    assert to_python(parse('a: "x\\Ny\\L"\n')) == {"a": "x\x85y\u2028"}


def test_the_dialect_is_yaml_1_2_whatever_the_directive_says() -> None:
    assert to_python(parse("%YAML 1.1\n---\na: yes\nb: 017\n")) == {"a": "yes", "b": 17}
