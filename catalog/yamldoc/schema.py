"""Nodes -> plain Python data, by YAML 1.2's core schema, refusing what a catalog must not hold.

Only plain scalars are typed: ``null``/``~``/empty, ``true``/``false`` (three spellings each),
decimal, ``0o`` and ``0x`` integers, and decimal floats with ``.inf`` and ``.nan``. Everything
else is text: ``1:30``, ``yes``, ``2024-02-08``, ``1_000``. Refused: duplicate keys, keys that
are not text, merge keys (``<<``), tags other than the core ones, and aliases that expand to far
more data than the file holds.
"""

from __future__ import annotations

import re
from typing import Any

from catalog.yamldoc.document import Document
from catalog.yamldoc.errors import YamlError
from catalog.yamldoc.log import END, MAPPING, SCALAR, SEQUENCE
from catalog.yamldoc.nodes import Node

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = frozenset({".nan", ".NaN", ".NAN"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# A plain scalar that starts with any other character is text ("" is null).
_MAYBE_TYPED = frozenset(["", *"-+.0123456789~nNtTfF"])
_WORDS = frozenset("~nNtTfF")


def plain_value(text: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar under the core schema."""
    first = text[:1]
    if first not in _MAYBE_TYPED:
        return text
    if first in _WORDS:  # null, true, false, or text: a number never starts with a letter
        if text in _NULL:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if not text:
        return None
    if _INT.fullmatch(text):
        if text[:2] == "0o":
            return int(text[2:], 8)
        if text[:2] == "0x":
            return int(text[2:], 16)
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INFINITY.fullmatch(text):
        return float("-inf") if text[0] == "-" else float("inf")
    if text in _NAN:
        return float("nan")
    return text


def _tagged(tag: str, text: str) -> Any:
    """The value of a scalar with an explicit core tag; ValueError when it does not fit."""
    if tag == "!" or tag == _CORE + "str":
        return text
    if tag == _CORE + "null" and text in _NULL:
        return None
    if tag == _CORE + "bool" and (text in _TRUE or text in _FALSE):
        return text in _TRUE
    value = plain_value(text)
    if tag == _CORE + "int" and type(value) is int:
        return value
    if tag == _CORE + "float" and type(value) in (int, float):
        return float(value)
    raise ValueError(text)


def to_python(
    document: Document, node: Node | int | None = None, *, max_nodes: int | None = None
) -> Any:
    """Plain data (dict, list, str, int, float, bool, None) for the document or one of its nodes
    (a node, or its entry in the log).

    Aliases are expanded into copies; ``max_nodes`` bounds how many nodes that may produce
    (default: four times the document's own, plus 10,000). Raises
    :class:`~catalog.yamldoc.errors.YamlError` at the offending node.
    """
    log = document.log
    if not log.kinds:
        return None
    budget = max_nodes if max_nodes is not None else 4 * len(log.kinds) + 10_000
    index = 0 if node is None else node if isinstance(node, int) else node.index
    try:
        return _Builder(document, budget).build(index)
    except RecursionError:  # only aliases recurse: a chain of thousands of them
        line, column = document.line_col(log.starts[index])
        raise YamlError(
            line, column, "the document is nested too deeply", source=document.source
        ) from None


class _Builder:
    """Walks the log once, typing scalars and checking keys and tags as it goes."""

    def __init__(self, document: Document, budget: int) -> None:
        self.document = document
        self.log = document.log
        self.budget = budget
        self.outer_alias = -1  # the alias being expanded at the top level, if any

    def fail(self, index: int, message: str, hint: str | None = None) -> YamlError:
        line, column = self.document.line_col(self.log.starts[index])
        return YamlError(line, column, message, hint, source=self.document.source)

    def build(self, index: int) -> Any:
        """The value of the node at entry ``index``."""
        log = self.log
        kinds, values, styles, tags = log.kinds, log.values, log.styles, log.tags
        maybe_typed = _MAYBE_TYPED
        containers: list[Any] = []
        keys: list[str | None] = []  # per open mapping: the key waiting for its value
        key_entries: list[int] = []
        opened: list[int] = []
        budget = self.budget
        value: Any
        while True:
            kind = kinds[index]
            if kind == SCALAR:
                value = values[index]
                if index in tags:
                    value = self.tagged(index)
                elif value[:1] in maybe_typed and index not in styles:
                    value = plain_value(value)
            elif kind in (MAPPING, SEQUENCE):
                if index in tags:
                    self.collection_tag(index, "map" if kind == MAPPING else "seq")
                containers.append({} if kind == MAPPING else [])
                keys.append(None)
                key_entries.append(-1)
                opened.append(index)
                index += 1
                continue
            elif kind == END:
                value = containers.pop()
                keys.pop()
                key_entries.pop()
                closed = opened.pop()  # where the collection starts: a key is shown there
            else:  # an alias: a fresh copy of what it names
                self.budget = budget
                outer = self.outer_alias < 0
                if outer:
                    self.outer_alias = index
                value = self.build(log.targets[index])
                if outer:
                    self.outer_alias = -1
                budget = self.budget
            budget -= 1
            if budget < 0:
                raise self.fail(  # at the alias written in the file that expanded too far
                    self.outer_alias if self.outer_alias >= 0 else index,
                    "aliases expand to far more data than the file holds "
                    "(a 'billion laughs' file?)",
                    "remove the anchors and aliases, or write the values out",
                )
            if not containers:
                self.budget = budget
                return value
            parent = containers[-1]
            if type(parent) is list:
                parent.append(value)
            elif keys[-1] is None:
                self.check_key(closed if kind == END else index, value, parent, opened[-1])
                keys[-1] = value
                key_entries[-1] = index
            else:
                parent[keys[-1]] = value
                keys[-1] = None
            index += 1

    def check_key(self, index: int, key: Any, mapping: dict[str, Any], opened: int) -> None:
        if type(key) is not str:
            shown = "null" if key is None else f"{type(key).__name__} {key!r}"
            hint = None
            if self.log.kinds[index] == SCALAR:
                hint = f'quote it: "{self.log.values[index]}"'
            raise self.fail(index, f"mapping keys must be text, not {shown}", hint)
        if key == "<<" and index not in self.log.styles and self.log.kinds[index] == SCALAR:
            raise self.fail(index, "merge keys ('<<') are not supported", "write the keys out")
        if key in mapping:
            first = self.document.line_col(self.log.starts[self.first_key(opened, key)])[0]
            raise self.fail(
                index,
                f"duplicate key '{key}' (first at line {first})",
                "remove one of them; YAML would silently keep only the last",
            )

    def first_key(self, opened: int, key: str) -> int:
        """The entry of the first key ``key`` in the mapping opened at entry ``opened``."""
        log = self.log
        index = opened + 1
        while True:
            if log.kinds[index] == SCALAR and log.values[index] == key:
                return index
            index = log.skip(log.skip(index))

    def tagged(self, index: int) -> Any:
        tag = self.log.tags[index]
        if tag != "!" and not tag.startswith(_CORE):
            raise self.bad_tag(index, tag)
        try:
            return _tagged(tag, self.log.values[index] or "")
        except ValueError:
            shown = tag.replace(_CORE, "!!")
            if shown in ("!!str", "!!int", "!!float", "!!bool", "!!null"):
                message = f"'{self.log.values[index]}' is not a valid {shown}"
                raise self.fail(index, message, "remove the tag or fix the value") from None
            raise self.bad_tag(index, tag) from None

    def collection_tag(self, index: int, wanted: str) -> None:
        tag = self.log.tags[index]
        if tag != "!" and tag != _CORE + wanted:
            raise self.bad_tag(index, tag)

    def bad_tag(self, index: int, tag: str) -> YamlError:
        return self.fail(
            index,
            f"tag '{tag.replace(_CORE, '!!')}' is not allowed",
            "remove the tag; catalog files hold plain text, numbers, lists and mappings",
        )
