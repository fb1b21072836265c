"""Plain data -> YAML lines in the canonical layout, for the blocks that edits insert.

The same layout :mod:`catalog.yamldoc.layout` gives a whole file: two-space indentation, list
dashes two spaces in under their key, scalars as :mod:`catalog.yamldoc.scalars` writes them.
Keys come in the order of the mapping given. Lists and mappings are written in block style
unless wrapped in :class:`Flow` (``[a, b]``, ``{k: v}``); text wrapped in :class:`Folded` is a
``>-`` block when it is long. So a block inserted by ``add`` is already what ``fmt`` would write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalog.yamldoc import scalars


@dataclass(frozen=True)
class Flow:
    """A list or mapping written on one line."""

    value: list[Any] | dict[str, Any]


@dataclass(frozen=True)
class Folded:
    """Text written as a folded block (``>-``, wrapped at 88 characters) when it is long."""

    text: str


def flow(value: Any) -> str:
    """A value in flow style, on one line."""
    if isinstance(value, Flow):
        value = value.value
    if isinstance(value, dict):
        pairs = (f"{scalars.text(k, flow=True)}: {flow(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, Folded):
        value = " ".join(value.text.split())
    return scalars.scalar(value, flow=True)


def value_lines(value: Any, indent: int) -> list[str]:
    """What follows ``key:`` whose key is at column ``indent``: the first line joins the key
    (empty for a block collection), the others are indented."""
    if isinstance(value, Flow):
        return [flow(value)]
    if isinstance(value, dict):
        return ["", *mapping_lines(value, indent + 2)] if value else ["{}"]
    if isinstance(value, list):
        if not value:
            return ["[]"]
        return ["", *(line for item in value for line in item_lines(item, indent + 2))]
    if isinstance(value, Folded):
        block = scalars.folded(value.text, indent + 2)
        return block.split("\n") if block else [scalars.text(" ".join(value.text.split()))]
    return [scalars.scalar(value)]


def mapping_lines(data: dict[str, Any], indent: int) -> list[str]:
    """A block mapping whose keys are at column ``indent``."""
    out: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        first, *rest = value_lines(value, indent)
        out.append(f"{pad}{scalars.text(key)}:" + (f" {first}" if first else ""))
        out += rest
    return out


def item_lines(value: Any, indent: int) -> list[str]:
    """A block sequence item whose dash is at column ``indent``."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        first, *rest = mapping_lines(value, indent + 2)
        return [pad + "- " + first[indent + 2 :], *rest]
    first, *rest = value_lines(value, indent)
    return [pad + "-" + (f" {first}" if first else ""), *rest]
