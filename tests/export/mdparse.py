"""Reading generated Markdown back the way a CommonMark renderer sees it (markdown-it-py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass
class Node:
    """A top-level inline node, shaped like mdast's: text, link, emphasis, html..."""

    type: str
    text: str = ""
    url: str = ""
    children: list[str] = field(default_factory=list)


def parse(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").parse(markdown)


def plain(inline: Token) -> str:
    """The rendered text of an inline token (what GitHub's slugger reads)."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    return [
        (int(t.tag[1]), plain(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def nodes(inline: Token) -> list[Node]:
    """Top-level inline nodes; adjacent text merges, as in mdast."""
    result: list[Node] = []
    stack: list[Node] = []
    for child in inline.children or []:
        if child.type in ("link_open", "em_open", "strong_open"):
            kind = {"link_open": "link", "em_open": "emphasis", "strong_open": "strong"}[child.type]
            node = Node(kind, url=str(child.attrGet("href") or ""))
            stack.append(node)
            if len(stack) == 1:
                result.append(node)
        elif child.type in ("link_close", "em_close", "strong_close"):
            stack.pop()
        elif stack:
            stack[0].text += child.content
            stack[0].children.append(child.type)
        elif child.type in ("text", "softbreak") and result and result[-1].type == "text":
            result[-1].text += child.content or " "
        else:
            kind = {"code_inline": "inlineCode", "html_inline": "html"}.get(child.type, child.type)
            result.append(Node(kind, text=child.content))
    return result


def list_items(tokens: list[Token], after_heading: int = 0) -> list[list[Node]]:
    """The first paragraph of each list item once ``after_heading`` headings have been seen."""
    seen = 0
    items = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            seen += 1
        if seen >= after_heading and token.type == "list_item_open":
            paragraph = tokens[i + 2]
            assert paragraph.type == "inline", "a list item must start with a paragraph"
            items.append(nodes(paragraph))
    return items
