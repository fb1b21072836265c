"""awesome-lint's list-item rules (rules/list-item.js), ported to check our Markdown.

awesome-lint itself needs a GitHub repository and network access; these are its checks on a
list item, minus the emoji special cases our lists never produce.
"""

from __future__ import annotations

import re

from .mdparse import Node

_PUNCTUATION_END = re.compile(r'.*[.!?…]["”]?$', re.DOTALL)
_SUFFIX_TYPES = {"emphasis", "html", "image", "link", "strong", "text"}
_DESCRIPTION_TYPES = {"emphasis", "html", "image", "inlineCode", "link", "strong", "text"}
_LINK_CHILDREN = {"emphasis", "inlineCode", "text"}


def _casing_ok(word: str) -> bool:
    if re.search(r"\d", word) or word[:1] in "\"“'(":
        return True
    # case's capital / upper / pascal / camel / constant: a capital letter first, or camelCase.
    return word[:1].isupper() or bool(re.match(r"^[a-z]+[A-Z]", word))


def problems(item: list[Node]) -> list[str]:
    """What awesome-lint would say about one list item (empty: nothing)."""
    if not item:
        return ["Invalid list item"]
    link, *description = item
    if link.type == "text":
        return []
    if link.type != "link":
        return ["Invalid list item link"]
    if not re.match(r"^https?://\S+$", link.url):
        return ["Invalid list item link URL"]
    if not link.text:
        return ["Invalid list item link text"]
    if any(c not in ("text", "code_inline", "em_open", "em_close") for c in link.children):
        return ["Invalid list item link"]
    if not description:
        return []
    prefix, suffix = description[0], description[-1]
    text = "".join(n.text for n in description)
    if prefix.type != "text" or not prefix.text.startswith(" - "):
        return ["List item link and description must be separated with a dash"]
    if suffix.type not in _SUFFIX_TYPES:
        return ["List item description must end with proper punctuation"]
    if suffix.type == "text" and not _PUNCTUATION_END.match(text):
        return ["List item description must end with proper punctuation"]
    if any(n.type not in _DESCRIPTION_TYPES for n in description):
        return ["List item description contains invalid markdown"]
    words = [w for w in re.split(r"[- ;./]", prefix.text[3:]) if w]
    if not words:
        return ["List item description must start with a non-empty string"]
    if not _casing_ok(words[0]):
        return ["List item description must start with valid casing"]
    return []
