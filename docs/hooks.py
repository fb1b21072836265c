"""MkDocs hooks: render the generated resource lists on the site as GitHub renders them.

- Heading anchors are GitHub's (``catalog.export.slug``), so the tables of contents that
  ``catalog export`` writes, and every ``#anchor`` in these pages, work on GitHub and on the
  site alike.
- The Persian list sits in ``<div dir="rtl" lang="fa">``. GitHub renders the Markdown inside it;
  Python-Markdown needs the ``markdown`` attribute (the ``md_in_html`` extension) to do the same.
- Lists in the exported block nest with two spaces, as CommonMark (and GitHub) allow;
  Python-Markdown needs four, so the block's nested items are indented twice as far.
- A page whose first line opens such a div is a Persian page: the whole page, navigation and
  table of contents included, is laid out right to left, as the theme does for a Persian site.
"""

from __future__ import annotations

import re
from typing import Any

from catalog.export.slug import slug

RTL_DIV = '<div dir="rtl" lang="fa">'
_RTL_LINE = re.compile(rf"^{re.escape(RTL_DIV)}$", re.MULTILINE)
_BLOCK = re.compile(r"^<!-- catalog:start -->$.*?^<!-- catalog:end -->$", re.MULTILINE | re.DOTALL)
_NESTED_ITEM = re.compile(r"^((?:  )+)(?=[-*+] |\d+[.)] )", re.MULTILINE)
_BODY = re.compile(r'<body dir="ltr"')
_HTML = re.compile(r'<html lang="en"')


def _github_slug(text: str, separator: str) -> str:
    # Python-Markdown passes its separator; GitHub always uses "-".
    return slug(text)


def on_config(config: Any) -> Any:
    config.mdx_configs.setdefault("toc", {})["slugify"] = _github_slug
    return config


def _four_space_nesting(block: re.Match[str]) -> str:
    return _NESTED_ITEM.sub(lambda item: item[1] * 2, block[0])


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    markdown = _BLOCK.sub(_four_space_nesting, markdown)
    return _RTL_LINE.sub(RTL_DIV[:-1] + " markdown>", markdown)


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    source = page.file.content_string if page.file.content_string is not None else ""
    if not source.startswith(RTL_DIV + "\n"):
        return output
    output = _HTML.sub('<html lang="fa"', output, count=1)
    return _BODY.sub('<body dir="rtl"', output, count=1)
