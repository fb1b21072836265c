"""Markdown lists in English or Persian, ready for a README, a blog or a report.

Layout: a title and an introduction (unless the list is injected into a README), a table of
contents whose anchors are GitHub's (see :mod:`catalog.export.slug`), the learning paths, then
one section per group with its count. Each resource is one awesome-lint style line, and its
companions (code, blog post, translation...) are nested under it, each with its role::

    - [Title](url) - Description. *Authors, 2017 · paper · advanced · free*
      - [Repository](url) - Description. *code · Authors, 2021 · repository · advanced · free*

(the role leads the details, since awesome-lint wants every item to start with its link).

Persian output sits in ``<div dir="rtl" lang="fa">`` (GitHub's sanitizer keeps ``dir`` and
``lang`` on a div; the blank line after the tag lets Markdown render inside), uses Persian
digits, and wraps English runs (titles, authors, English stand-ins) in left-to-right marks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from catalog.export.i18n import Words, words
from catalog.export.markup import clean, escape, has_rtl, link_target, ltr_run
from catalog.export.sections import PathView, Section, Text, path_views, sections
from catalog.export.slug import Slugger

if TYPE_CHECKING:
    from catalog.export.options import ExportOptions
    from catalog.models import Catalog, Resource

MAX_AUTHORS = 3
_BARE_URL = re.compile(r"https?://[^\s<>]*[^\s<>.,;:!?)'\"]")
_END_PUNCTUATION = (".", "!", "?", "…", "؟")


def render(catalog: Catalog, options: ExportOptions) -> str:
    """The Markdown document (or README block) for every resource of ``catalog``."""
    w = words(options.lang)
    groups = sections(catalog, catalog.resources, options.group_by, options.lang)
    paths = path_views(catalog, catalog.resources, options.lang) if options.paths else []

    # Anchors depend on every heading before them, so they are all taken in document order.
    slugger = Slugger(options.taken_headings)
    if options.standalone:
        slugger.slug(w.title)
    slugger.slug(w.contents)
    paths_anchor = slugger.slug(w.paths) if paths else ""
    path_anchors = [slugger.slug(_plain_heading(p.title, w)) for p in paths]
    section_anchors = [slugger.slug(_plain_heading(s.heading, w)) for s in groups]

    out: list[str] = []
    if options.lang != "en":
        out += [f'<div dir="{w.direction}" lang="{w.lang}">', ""]
    if options.standalone:
        intro = w.intro.format(count=w.count(len(catalog.resources)))  # our own Markdown
        out += [f"# {escape(w.title)}", "", intro, ""]
    out += [f"## {escape(w.contents)}", ""]
    if paths:
        out.append(f"- [{escape(w.paths)}](#{paths_anchor})")
        for view, anchor in zip(paths, path_anchors, strict=True):
            out.append(f"  - [{_heading(view.title, w)}](#{anchor})")
    for section, anchor in zip(groups, section_anchors, strict=True):
        count = w.number(section.count)
        out.append(f"- [{_heading(section.heading, w)}](#{anchor}) ({count})")
    if not groups:
        out.append(w.no_match)
    out.append("")
    if paths:
        out += [f"## {escape(w.paths)}", ""]
        for view in paths:
            out += _path(view, w)
    for section in groups:
        out += _section(section, w)
    if options.lang != "en":
        out.append("</div>")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _plain_heading(heading: Text, w: Words) -> str:
    """The heading's text as GitHub sees it after rendering: what its anchor is made from."""
    value = clean(heading.value)
    if w.lang == "en":
        return value
    value = ltr_run(value)
    return value if heading.translated else f"{value} ({w.fallback})"


def _heading(heading: Text, w: Words) -> str:
    # escape() only adds backslashes, which render as nothing: same text, same anchor.
    return escape(_plain_heading(heading, w))


def _section(section: Section, w: Words) -> list[str]:
    lines = [f"## {_heading(section.heading, w)}", ""]
    count = w.count(section.count)
    if section.description is not None:
        lines += [f"{_sentence(_inline(section.description.value, line_start=True))} {count}.", ""]
    else:
        lines += [f"{escape(count, line_start=True)}.", ""]
    for resource in section.resources:
        lines.append(f"- {_item(resource, w)}")
        lines += [f"  - {_item(a.resource, w, a.role)}" for a in section.attached(resource.id)]
    lines.append("")
    return lines


def _path(view: PathView, w: Words) -> list[str]:
    lines = [f"### {_heading(view.title, w)}", ""]
    if view.description is not None:
        lines += [_sentence(_localized(view.description, w, line_start=True)), ""]
    for number, step in enumerate(view.steps, 1):
        note = _sentence(_localized(step.note, w))
        lines.append(f"{number}. {_link(step.resource, w)} - {note}")
    lines.append("")
    return lines


def _link(resource: Resource, w: Words) -> str:
    title = clean(resource.title) or resource.id  # an empty link text would not be a link
    if w.lang != "en":
        title = ltr_run(title)
    return f"[{escape(title)}]({link_target(resource.url)})"


def _item(resource: Resource, w: Words, role: str | None = None) -> str:
    description = _sentence(_localized(Text(*resource.text(w.lang)), w))
    return f"{_link(resource, w)} - {description} *{_meta(resource, w, role)}*"


def _meta(resource: Resource, w: Words, role: str | None = None) -> str:
    authors = [clean(a) for a in resource.authors]
    latin = not any(has_rtl(a) for a in authors)
    shown = (", " if latin else w.list_sep).join(authors[:MAX_AUTHORS])
    if w.lang != "en":
        shown = ltr_run(shown)
    if len(authors) > MAX_AUTHORS:
        shown += " et al." if w.lang == "en" else " و دیگران"
    parts = [escape(w.roles[role])] if role else []
    parts += [
        f"{escape(shown)}{w.list_sep}{w.number(resource.year)}",
        w.kinds[resource.kind][0],
        w.levels[resource.level][0],
    ]
    if resource.free is not None:
        parts.append(w.free if resource.free else w.paid)
    return " · ".join(parts)


def _localized(value: Text, w: Words, *, line_start: bool = False) -> str:
    if value.translated:
        return _inline(value.value, line_start=line_start)
    return f"({w.fallback}) {_inline(ltr_run(clean(value.value)))}"


def _inline(text: str, *, line_start: bool = False) -> str:
    """Escaped text in which bare URLs become autolinks (markdownlint's MD034)."""
    parts, last = [], 0
    text = clean(text)
    for match in _BARE_URL.finditer(text):
        parts.append(escape(text[last : match.start()], line_start=line_start and last == 0))
        parts.append(f"<{link_target(match.group(0))}>")
        last = match.end()
    parts.append(escape(text[last:], line_start=line_start and last == 0))
    return "".join(parts)


def _sentence(text: str) -> str:
    """awesome-lint wants every description to end with punctuation."""
    stripped = text.rstrip("\u200e\u200f")
    return text if stripped.endswith(_END_PUNCTUATION) else text + "."
