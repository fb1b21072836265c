"""Turn Pydantic's validation errors into messages a person editing YAML can act on.

Pydantic reports a path (``loc``) into the data and a terse message. Here each error becomes a
path that really exists in the file (union branch names are dropped, a missing field points at
its entry), one plain sentence, and a fix hint (``did you mean 'title'?``, ``quote it``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from catalog.modelkit import Model, field_names
from catalog.rules import did_you_mean

Loc = tuple[str | int, ...]
Explained = tuple[Loc, str, str | None, bool]

_ANY_KEY = object()


def _model_at(loc: Loc) -> type[Model] | None:
    """The model class that describes the mapping at ``loc``."""
    from catalog import models, settings

    shape: dict[Any, type[Model]] = {
        (): models.Catalog,
        ("resources", _ANY_KEY): models.Resource,
        ("resources", _ANY_KEY, "check"): settings.ResourceCheck,
        ("topics", _ANY_KEY): models.Topic,
        ("paths", _ANY_KEY): models.LearningPath,
        ("paths", _ANY_KEY, "steps", _ANY_KEY): models.PathStep,
        ("glossary", _ANY_KEY): models.GlossaryTerm,
        ("check",): settings.CheckSettings,
        ("check", "hosts", _ANY_KEY): settings.HostSettings,
    }
    for pattern, model in shape.items():
        same = all(p is _ANY_KEY or p == x for p, x in zip(pattern, loc, strict=False))
        if len(pattern) == len(loc) and same:
            return model
    return None


def _resolve(loc: tuple[Any, ...], data: Any) -> tuple[Loc, str | None, Any, bool]:
    """Split Pydantic's loc into the real path, a union branch tag, the value there, and whether
    the error is about a mapping key."""
    real: list[str | int] = []
    tag: str | None = None
    at_key = False
    current = data
    for part in loc:
        if part == "[key]":
            at_key = True
            continue
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
            real.append(part)
        elif (
            isinstance(part, str)
            and isinstance(current, (str, dict, int, float, bool, list))
            and ("[" in part or part in ("str", "constrained-str", "dict", "list", "int", "bool"))
        ):
            tag = part
        else:
            real.append(part)
            current = None
    return tuple(real), tag, current, at_key


def _branch_fits(tag: str, value: Any) -> bool:
    if isinstance(value, dict):
        return tag.startswith("dict")
    if isinstance(value, str):
        return not tag.startswith(("dict", "list"))
    return tag in ("str", "constrained-str") or tag.startswith("function")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, str):
        return f"text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


def _plain(value: Any) -> str:
    """A value as YAML would write it plainly (the fallback when the written text is unknown)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def is_union_noise(error: Any, data: Any) -> bool:
    """True for the error of a union branch that does not fit the value's type (Pydantic reports
    every branch; the one that fits says what is really wrong)."""
    _, tag, value, _ = _resolve(tuple(error["loc"]), data)
    return tag is not None and not _branch_fits(tag, value)


def explain(error: Any, data: Any, written: Callable[[Loc], str | None] | None = None) -> Explained:
    """One located message for a Pydantic error dict. ``written`` gives the text of the value at
    a path as the user wrote it, so that a hint quotes that text and not its parsed value
    (``1e3``, not ``1000.0``)."""
    loc, tag, _value, at_key = _resolve(tuple(error["loc"]), data)
    kind = error["type"]
    given = error.get("input")
    name = loc[-1] if loc else ""
    hint: str | None = None

    if kind == "missing":
        return loc, f"missing required field '{name}'", None, False
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        model = _model_at(loc[:-1])
        fields = field_names(model) if model else []
        hint = did_you_mean(str(name), fields)
        if hint is None and fields:
            hint = "allowed: " + ", ".join(fields)
        return loc, f"unknown key '{name}'", hint, True
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(given), choices)
        return loc, f"{_shown(given)} is not one of: {', '.join(choices)}", hint, at_key
    if kind in ("string_type", "str_type"):
        message = f"expected text, got {_shown(given)}"
        if isinstance(given, (int, float, bool)):
            source = written(loc) if written else None
            hint = f'quote it: "{source if source is not None else _plain(given)}"'
        return loc, message, hint, at_key
    if kind == "bool_type":
        hint = "write true or false; words like yes, no, on and off are not booleans here"
        return loc, f"expected true or false, got {_shown(given)}", hint, at_key
    if kind in ("int_type", "int_parsing"):
        if isinstance(given, str) and given.strip().isdigit():
            hint = "remove the quotes"
        return loc, f"expected a whole number, got {_shown(given)}", hint, at_key
    if kind == "list_type":
        hint = "write [a, b] or one '- item' per line"
        return loc, f"expected a list, got {_shown(given)}", hint, at_key
    if kind in ("dict_type", "model_type", "dataclass_type"):
        return loc, f"expected a mapping of keys to values, got {_shown(given)}", None, at_key
    if kind == "date_type":
        return loc, f"expected a date such as 2024-01-31, got {_shown(given)}", None, at_key
    if kind == "string_pattern_mismatch":
        hint = "use lower-case letters, digits and '-', starting with a letter or digit"
        return loc, f"'{given}' is not a valid id", hint, at_key
    if kind in ("too_short", "string_too_short"):
        return loc, "must not be empty", None, at_key
    if kind in ("greater_than_equal", "less_than_equal", "string_too_long"):
        return loc, f"{_shown(given)}: {error['msg'].lower()}", None, at_key
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        return loc, message, None, at_key
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return loc, str(error["msg"]), None, at_key
    if tag is not None and kind.endswith("_type"):
        return (
            loc,
            f"expected text or a mapping of language codes to text, got {_shown(given)}",
            None,
            at_key,
        )
    return loc, str(error["msg"]), None, at_key
