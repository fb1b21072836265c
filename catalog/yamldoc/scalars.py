"""How a value is written: plain where YAML reads it back as the same text, else double quotes.

The one set of rules for every scalar the project writes (new entries from ``add`` and
``import``, values ``fix`` replaces, and ``fmt``'s canonical layout):

* text is plain when YAML 1.2 reads the plain form back as that very text, and a YAML 1.1 reader
  (PyYAML, many editors) would not take it for a boolean, number or null (``yes``, ``on``,
  ``1:30``, ``1_000``); otherwise it is double-quoted, with JSON-style escapes;
* ``2024-02-08`` stays plain: a date is what a YAML 1.1 reader sees there, and a date is what
  the schema makes of it;
* long text can be written as a folded block (``>-``) that reads back as the same text.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import textwrap
from typing import Any

from catalog.yamldoc.schema import plain_value

_INDICATORS = frozenset("[]{},#&*!|>'\"%@`?:")
_FLOW_INDICATORS = frozenset(",[]{}")
# Characters YAML may hold unescaped (c-printable), without line breaks and tabs.
_UNPRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_NOT_TEXT_IN_1_1 = frozenset(
    "tag:yaml.org,2002:" + name for name in ("bool", "int", "float", "null", "merge", "value")
)


@functools.cache
def _resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    import yaml.resolver

    resolver = yaml.resolver.Resolver
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = resolver.yaml_implicit_resolvers
    return table


def misread_by_yaml_1_1(text: str) -> bool:
    """True when a YAML 1.1 reader would take plain ``text`` for a boolean, number or null."""
    for tag, pattern in _resolvers().get(text[:1], ()):
        if tag in _NOT_TEXT_IN_1_1 and pattern.match(text):
            return True
    return False


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` can be written plain (in a flow collection when ``flow``) and read back,
    by YAML 1.2 and 1.1 alike, as this same text."""
    if not text or text[0] in _INDICATORS or text[0] in " \t" or text[-1] in " \t":
        return False
    if text[0] == "-" and (len(text) == 1 or text[1] in " \t" or text[1] in _FLOW_INDICATORS):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text or "\n" in text:
        return False
    if flow and (any(c in _FLOW_INDICATORS for c in text) or ":?" in text):
        # libyaml ends a plain scalar in a flow collection at ':' before any of ',?[]{}'
        return False
    if text.startswith(("---", "...")) or _UNPRINTABLE.search(text):
        return False
    return type(plain_value(text)) is str and not misread_by_yaml_1_1(text)


def double_quoted(text: str) -> str:
    """``text`` in double quotes, escaped so that any YAML reader gets it back exactly."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(_escape, quoted)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def text(value: str, *, flow: bool = False) -> str:
    """A text value, plain if it can be, else double-quoted."""
    return value if plain_ok(value, flow=flow) else double_quoted(value)


def scalar(value: Any, *, flow: bool = False) -> str:
    """Any scalar value (text, number, boolean, date, None) as YAML 1.2 writes it."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return text(str(value), flow=flow)


def folded(value: str, indent: int, width: int = 88) -> str | None:
    """``>-`` and the text wrapped at ``width`` on lines indented by ``indent``, reading back as
    the text with its whitespace runs made single spaces; None when it fits on one line."""
    value = " ".join(value.split())
    if len(value) <= width or _UNPRINTABLE.search(value):
        return None
    lines = textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False)
    pad = " " * indent
    return ">-\n" + "\n".join(pad + line for line in lines)
