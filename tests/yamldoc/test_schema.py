"""YAML 1.2 core typing, and what the reader refuses."""

from __future__ import annotations

import math
from typing import Any

import pytest

from catalog.yamldoc import YamlError, parse, plain_value, to_python


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1:30", "1:30"),  # sexagesimal in YAML 1.1
        ("017", 17),  # octal 15 in YAML 1.1
        ("0o17", 15),
        ("0x1F", 31),
        ("1e3", 1000.0),  # text in YAML 1.1
        ("-1.5E-2", -0.015),
        (".5", 0.5),
        ("1.", 1.0),
        ("+12", 12),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("", None),
        ("~", None),
        ("Null", None),
        ("true", True),
        ("FALSE", False),
        ("tRue", "tRue"),
        ("yes", "yes"),  # boolean in YAML 1.1
        ("on", "on"),
        ("2024-02-08", "2024-02-08"),  # timestamp in YAML 1.1
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("-0o7", "-0o7"),
        ("0o8", "0o8"),
        ("Training models", "Training models"),
    ],
)
def test_core_schema(text: str, value: Any) -> None:
    assert plain_value(text) == value
    assert type(plain_value(text)) is type(value)


def test_nan() -> None:
    assert math.isnan(plain_value(".NaN"))


def test_only_plain_scalars_are_typed() -> None:
    assert to_python(parse("a: '1'\nb: \"true\"\nc: |\n  1\nd: 1\n")) == {
        "a": "1",
        "b": "true",
        "c": "1\n",
        "d": 1,
    }


def test_core_tags_are_allowed() -> None:
    text = "a: !!str 1\nb: !!int '7'\nc: !!float 1\nd: ! 12\ne: !!seq [x]\nf: !!null ''\n"
    assert to_python(parse(text)) == {"a": "1", "b": 7, "c": 1.0, "d": "12", "e": ["x"], "f": None}


def refused(text: str) -> YamlError:
    with pytest.raises(YamlError) as caught:
        to_python(parse(text, source="cat.yaml"))
    return caught.value


def test_duplicate_keys_name_both_lines() -> None:
    error = refused("a: 1\nb: 2\n'a': 3\n")
    assert (error.line, error.column) == (3, 1)
    assert error.message == "duplicate key 'a' (first at line 1)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/object:os.system x\n", "tag '!!python/object:os.system' is not allowed"),
        ("a: !env HOME\n", "tag '!env' is not allowed"),
        ("a: !!timestamp 2024-02-08\n", "tag '!!timestamp' is not allowed"),
        ("a: !!int x\n", "'x' is not a valid !!int"),
        ("a: !!map [x]\n", "tag '!!map' is not allowed"),
        ("1: a\n", "mapping keys must be text, not int 1"),
        ("? [a]\n: b\n", "mapping keys must be text, not list ['a']"),
        ("a: &x {k: v}\nb:\n  <<: *x\n", "merge keys ('<<') are not supported"),
        ("a: &a [*a]\n", "alias '*a' refers to a node that contains it"),
    ],
)
def test_refusals(text: str, message: str) -> None:
    assert refused(text).message == message


def test_non_text_keys_hint_quotes_what_was_written() -> None:
    assert refused("017: a\n").hint == 'quote it: "017"'


def test_billion_laughs_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        below = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([below] * 10)}]")
    error = refused("\n".join(lines) + "\n")
    assert "billion laughs" in error.message


def test_aliases_expand_into_copies() -> None:
    data = to_python(parse("a: &x {k: [1]}\nb: *x\n"))
    assert data == {"a": {"k": [1]}, "b": {"k": [1]}}
    assert data["a"] is not data["b"]


def test_deep_nesting_is_built_without_recursion() -> None:
    data = to_python(parse("[" * 900 + "]" * 900 + "\n"))
    depth = 0
    while data:
        data, depth = data[0], depth + 1
    assert depth == 899


def test_nesting_beyond_libyaml_limit_is_an_error() -> None:
    assert "exceeded maximum nesting depth" in refused("[" * 5000 + "]" * 5000 + "\n").message


def test_long_alias_chains_are_an_error_not_a_crash() -> None:
    lines = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 1000)]
    with pytest.raises(YamlError) as caught:
        to_python(parse("\n".join(lines) + "\n"), max_nodes=10**9)
    assert caught.value.message == "the document is nested too deeply"
