"""Read an awesome-style Markdown list: headings, and list items that link to resources.

Parsing is done by markdown-it-py (CommonMark), so emphasis, nested lists, numbered lists,
inline code and escaped characters behave as they do on GitHub; only the text of one item is
interpreted here:

* ``[Title](url)``, optionally followed by ``- description`` (or ``:``, en or em dash);
* ``[Title](url) by A, B and C``, optionally followed by ``- description``;
* a year in parentheses anywhere in the item, ``(2017)``;
* an item without a link that holds a nested list is a label: its slug becomes a tag of the
  items under it.

Anything else in a list item is reported, with its line number, as not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.curate.errors import UnreadableInput
from catalog.curate.guess import slugify

# Sections that hold navigation or project boilerplate, never resources.
SKIPPED_SECTIONS = frozenset(
    {
        "contents",
        "table-of-contents",
        "toc",
        "license",
        "licence",
        "contributing",
        "contributors",
        "contribute",
        "acknowledgements",
        "acknowledgments",
        "footnotes",
    }
)
_GENERIC_LINK_TEXT = frozenset(
    {"link", "here", "paper", "pdf", "code", "video", "slides", "website"}
)
_BY = re.compile(r"^by\s+(?P<authors>.+?)(?:\s+[-–—:]\s+(?P<rest>.*))?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:[-–—:|,]\s*)+|(?:\s*[|,])+\s*$")
_YEAR = re.compile(r"\((?:[^()]*?\b)?((?:19|20)\d{2})\)")
# A URL written bare in an item ("- Title https://..."): CommonMark makes no link of it.
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    """A heading that becomes a topic."""

    line: int
    level: int
    title: str
    description: str = ""


@dataclass(frozen=True)
class Item:
    """A list item that names one resource."""

    line: int
    title: str
    url: str
    heading: Heading | None
    description: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unparsed:
    """A line that could not be turned into a resource, and why."""

    line: int
    text: str
    reason: str


@dataclass
class ParsedList:
    """Everything read from one Markdown list."""

    headings: list[Heading] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)


@dataclass
class _Frame:
    line: int
    text: str | None = None
    label: str | None = None
    resource: bool = False
    children: bool = False
    problem: Unparsed | None = None


def read_list(path: Path) -> ParsedList:
    """Read and parse a Markdown file; :class:`UnreadableInput` when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnreadableInput(f"{path}: cannot read the list: {reason}") from None
    return parse(text)


def parse(text: str) -> ParsedList:
    """Read the headings and the resource items of a Markdown list."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    lines = text.splitlines()
    topic_level = 2 if any(t.type == "heading_open" and t.tag != "h1" for t in tokens) else 1
    result = ParsedList()
    heading: Heading | None = None
    skipping = False
    stack: list[_Frame] = []
    pending_description = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            title = _plain(tokens[index + 1].children or [])
            if level >= topic_level:
                skipping = slugify(title) in SKIPPED_SECTIONS
                heading = None if skipping else Heading(_line(token), level, title)
                if heading is not None:
                    result.headings.append(heading)
                pending_description = heading is not None
            continue
        if token.type == "list_item_open":
            if stack:
                stack[-1].children = True
            stack.append(_Frame(_line(token)))
            pending_description = False
            continue
        if token.type == "list_item_close":
            frame = stack.pop()
            if skipping:
                continue
            if frame.problem is not None:
                result.unparsed.append(frame.problem)
            elif not frame.resource and not frame.children:
                result.unparsed.append(
                    Unparsed(frame.line, _source_line(lines, frame.line), "no link in this item")
                )
            continue
        if token.type != "inline" or tokens[index - 1].type == "heading_open":
            continue
        if not stack:
            heading, pending_description = _paragraph(
                token, heading, pending_description, result, lines, skipping
            )
            continue
        frame = stack[-1]
        if frame.text is not None or skipping:
            continue
        frame.text = token.content
        labels = tuple(f.label for f in stack[:-1] if f.label)
        _item(token.children or [], frame, heading, labels, result, lines)
    return result


def _paragraph(
    token: Any,
    heading: Heading | None,
    pending: bool,
    result: ParsedList,
    lines: list[str],
    skipping: bool,
) -> tuple[Heading | None, bool]:
    """A paragraph outside lists: the first one under a heading describes its topic."""
    if pending and heading is not None:
        described = Heading(
            heading.line, heading.level, heading.title, _plain(token.children or [])
        )
        result.headings[result.headings.index(heading)] = described
        return described, False
    links = [c for c in token.children or [] if c.type == "link_open"]
    if heading is not None and not skipping and any(_web(c.attrs.get("href")) for c in links):
        line = _line(token)
        result.unparsed.append(
            Unparsed(
                line, _source_line(lines, line), "link outside a list item; make it a '- ' item"
            )
        )
    return heading, pending


def _item(
    children: list[Any],
    frame: _Frame,
    heading: Heading | None,
    labels: tuple[str, ...],
    result: ParsedList,
    lines: list[str],
) -> None:
    start = next((i for i, c in enumerate(children) if c.type == "link_open"), None)
    source = _source_line(lines, frame.line)
    if start is None:
        text = _plain(children)
        bare = _BARE_URL.search(text)
        if bare is None:
            frame.label = slugify(text) or None
            return
        href, before, title = bare.group(), text[: bare.start()].strip(" *_:-–—|"), ""
        after = text[bare.end() :]
    else:
        end = next(
            (i for i in range(start, len(children)) if children[i].type == "link_close"),
            len(children),
        )
        href = str(children[start].attrs.get("href") or "")
        if not _web(href):
            frame.problem = Unparsed(
                frame.line, source, f"'{href}' is not a web (http or https) link"
            )
            return
        before = _plain(children[:start]).strip(" *_:-–—")
        title = _plain(children[start + 1 : end]).strip()
        after = _plain(_without_side_links(children[end + 1 :]))
    if (not title or title == href or title.lower() in _GENERIC_LINK_TEXT) and before:
        title = before
    if not title or title == href or title.lower().startswith(("http://", "https://")):
        frame.problem = Unparsed(
            frame.line,
            source,
            "the link has no text to use as a title; write '- [Title](URL)' or '- Title URL'",
        )
        return
    year_match = _YEAR.search(after) or _YEAR.search(title)
    year = int(year_match.group(1)) if year_match else None
    if year_match:
        after = re.sub(r"\s+([.,;:])", r"\1", _YEAR.sub("", after))
    after = after.strip()
    authors: tuple[str, ...] = ()
    description = after
    by = _BY.match(after.lstrip(" ,"))
    if by:
        authors = tuple(a.strip(" .") for a in _AND.split(by.group("authors")) if a.strip(" ."))
        description = by.group("rest") or ""
    description = _SEPARATOR.sub("", description).strip()
    frame.resource = True
    result.items.append(Item(frame.line, title, href, heading, description, authors, year, labels))


def _without_side_links(children: list[Any]) -> list[Any]:
    """Drop links such as ``[[code]](...)`` or ``| [PDF](...)``: companions, not description."""
    kept: list[Any] = []
    index = 0
    while index < len(children):
        child = children[index]
        if child.type == "link_open":
            close = next(
                (i for i in range(index, len(children)) if children[i].type == "link_close"),
                len(children),
            )
            text = _plain(children[index + 1 : close]).strip("[]() ").lower()
            if text in _GENERIC_LINK_TEXT:
                index = close + 1
                continue
        kept.append(child)
        index += 1
    return kept


def _web(href: Any) -> bool:
    return isinstance(href, str) and href.lower().startswith(("http://", "https://"))


def _plain(children: list[Any]) -> str:
    """The visible text of inline tokens (emphasis markers dropped, breaks as spaces)."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _line(token: Any) -> int:
    return int(token.map[0]) + 1 if token.map else 0


def _source_line(lines: list[str], line: int) -> str:
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
