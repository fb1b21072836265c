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

from catalog.yamldoc.errors import YamlError
from catalog.yamldoc.nodes import Alias, Document, Mapping, Node, Scalar, Sequence

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = frozenset({".nan", ".NaN", ".NAN"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# A plain scalar that starts with any other character is text.
_MAYBE_TYPED = frozenset("-+.0123456789~nNtTfF")


def plain_value(text: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar under the core schema."""
    if text and text[0] not in _MAYBE_TYPED:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
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


def _tagged(node: Scalar) -> Any:
    """The value of a scalar with an explicit core tag; ValueError when it does not fit."""
    tag = node.tag
    text = node.value
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
    target: Document | Node | None,
    *,
    max_nodes: int | None = None,
    source: str | None = None,
) -> Any:
    """Plain data (dict, list, str, int, float, bool, None) for a document or node.

    Aliases are expanded into copies; ``max_nodes`` bounds how many nodes that may produce
    (default: four times the document's own nodes plus 10,000, or a million for a bare node).
    Raises :class:`~catalog.yamldoc.errors.YamlError` with the position of the offending node.
    """
    if isinstance(target, Document):
        root = target.root
        budget = max_nodes if max_nodes is not None else 4 * target.size + 10_000
        name = source or target.source
    else:
        root = target
        budget = max_nodes if max_nodes is not None else 1_000_000
        name = source or "resources.yaml"
    if root is None:
        return None
    return _Builder(budget, name).build(root)


class _Builder:
    def __init__(self, budget: int, source: str) -> None:
        self.budget = budget
        self.source = source
        self.active: set[int] = set()

    def fail(self, node: Node, message: str, hint: str | None = None) -> YamlError:
        return YamlError(node.line, node.col, message, hint, source=self.source)

    def build(self, node: Node) -> Any:
        try:
            return self._build(node)
        except RecursionError:
            raise self.fail(node, "the document is nested too deeply") from None

    def _build(self, node: Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                "aliases expand to far more data than the file holds (a 'billion laughs' file?)",
                "remove the anchors and aliases, or write the values out",
            )
        kind = type(node)
        if kind is Scalar:
            return self._scalar(node)  # type: ignore[arg-type]
        if kind is Alias:
            target = node.target  # type: ignore[union-attr]
            if id(target) in self.active:
                raise self.fail(node, f"alias '*{node.name}' refers to a node that contains it")  # type: ignore[union-attr]
            return self._build(target)
        self.active.add(id(node))
        try:
            if kind is Sequence:
                self._check_collection_tag(node, "seq")
                return [self._build(item) for item in node.items]  # type: ignore[union-attr]
            self._check_collection_tag(node, "map")
            return self._mapping(node)  # type: ignore[arg-type]
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: Scalar) -> Any:
        if node.tag is None:
            return plain_value(node.value) if node.style == "" else node.value
        if node.tag != "!" and not node.tag.startswith(_CORE):
            raise self._bad_tag(node, node.tag)
        try:
            return _tagged(node)
        except ValueError:
            shown = node.tag.replace(_CORE, "!!")
            if shown in ("!!str", "!!int", "!!float", "!!bool", "!!null"):
                message = f"'{node.value}' is not a valid {shown}"
                raise self.fail(node, message, "remove the tag or fix the value") from None
            raise self._bad_tag(node, node.tag) from None

    def _check_collection_tag(self, node: Node, wanted: str) -> None:
        tag = node.tag  # type: ignore[union-attr]
        if tag is not None and tag != "!" and tag != _CORE + wanted:
            raise self._bad_tag(node, tag)

    def _bad_tag(self, node: Node, tag: str) -> YamlError:
        return self.fail(
            node,
            f"tag '{tag.replace(_CORE, '!!')}' is not allowed",
            "remove the tag; catalog files hold plain text, numbers, lists and mappings",
        )

    def _mapping(self, node: Mapping) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.pairs:
            key = self._build(key_node)
            if type(key) is not str:
                shown = "null" if key is None else f"{type(key).__name__} {key!r}"
                hint = f'quote it: "{key_node.value}"' if type(key_node) is Scalar else None
                raise self.fail(key_node, f"mapping keys must be text, not {shown}", hint)
            if key == "<<" and type(key_node) is Scalar and key_node.style == "":
                raise self.fail(
                    key_node, "merge keys ('<<') are not supported", "write the keys out"
                )
            if key in lines:
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first at line {lines[key]})",
                    "remove one of them; YAML would silently keep only the last",
                )
            lines[key] = key_node.line
            result[key] = self._build(value_node)
        return result
