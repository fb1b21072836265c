"""The catalog we ship, loaded once for the tests of this folder, and how they read its text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from catalog import load

SHIPPED = Path(__file__).resolve().parents[2] / "resources.yaml"
PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


@cache
def shipped() -> Any:
    """The shipped catalog, loaded once per test session."""
    return load(SHIPPED)


def descriptions(resource: Any) -> dict[str, str]:
    """A resource's descriptions by language (a plain string is the English one)."""
    description = resource.description
    if isinstance(description, str):
        return {"en": description}
    return dict(description)


def text(value: Any, lang: str) -> str:
    """A text in ``lang`` ("" when it has none; a plain string is English)."""
    if isinstance(value, str):
        return value if lang == "en" else ""
    return str(value.get(lang, ""))
