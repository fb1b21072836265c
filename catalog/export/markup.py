"""Making catalog text safe and readable inside Markdown.

Every character that could start Markdown or HTML syntax is backslash-escaped (CommonMark
renders a backslash before any ASCII punctuation as that character, literally), so a title such
as ``[x](javascript:alert(1))`` or ``<script>`` is shown as text and never becomes a link, a
tag or an entity. ``$`` is escaped too: GitHub renders ``$...$`` as math.
"""

from __future__ import annotations

import re

# Inline metacharacters. `(`, `)`, `!` and `.` only matter next to these or at a line start.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# At the start of a line these begin a block (list, quote, heading, setext underline...).
_LINE_START = re.compile(r"^(?:[-+=>:]|\d+(?=[.)]))")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f()<>\"\\`]")

LRM = "\u200e"  # left-to-right mark: anchors the ends of an English run inside Persian text


def clean(text: str) -> str:
    """One line: every run of white space (newlines from YAML folding too) becomes one space."""
    return " ".join(text.split())


def escape(text: str, *, line_start: bool = False) -> str:
    """``text`` (already one line, see :func:`clean`) as Markdown that renders as the text."""
    result = _INLINE.sub(r"\\\1", text)
    if line_start:
        match = _LINE_START.match(result)
        if match:  # "- x" becomes "\- x"; "1. x" becomes "1\. x"
            cut = match.end() if result[0].isdigit() else 0
            result = result[:cut] + "\\" + result[cut:]
    return result


def link_target(url: str) -> str:
    """A URL as a Markdown link destination: characters that could end it are percent-encoded."""
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", url)


# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, NKo... and their presentation
# forms): a regular expression is ten times faster than unicodedata.bidirectional per character.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff"
_RTL_CHAR = re.compile(f"[{_RTL}]")
_LTR_LETTER = re.compile(f"(?![{_RTL}])[^\\W\\d_]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter."""
    return not text.isascii() and _RTL_CHAR.search(text) is not None


def has_ltr(text: str) -> bool:
    """Whether ``text`` holds a left-to-right letter (Latin, Greek, Cyrillic, CJK...)."""
    return _LTR_LETTER.search(text) is not None


def ltr_run(text: str) -> str:
    """Wrap an English run for a right-to-left paragraph.

    Left-to-right marks on both ends keep leading and trailing punctuation (a closing
    parenthesis, a quote) attached to the English words instead of jumping to the Persian side.
    Marks pass GitHub's sanitizer and, unlike the embedding and isolate controls (U+202A-202E,
    U+2066-2069), are not what "Trojan Source" checks such as GitHub's bidi warning look for.
    """
    if has_ltr(text) and not has_rtl(text):
        return f"{LRM}{text}{LRM}"
    return text
