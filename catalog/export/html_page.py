"""The catalog as one self-contained, offline HTML page with search and filters.

Everything is inline (CSS, JS, data); a Content-Security-Policy with hashes of the inline style
and script lets nothing else load, so the page makes no network request at all. Resources are
rendered as HTML (the page lists them without JavaScript too); the script only hides what the
search box and the topic, kind, level and language filters rule out. The data the script needs
is JSON in ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, so no text can close the tag. Persian pages are ``dir="rtl"``; every text carries the
``lang`` and ``dir`` of its own language, English titles sit in ``<bdi>``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from catalog.export.i18n import Words, words
from catalog.export.markup import has_rtl
from catalog.export.sections import Section, Text, sections, text

if TYPE_CHECKING:
    from catalog.export.options import ExportOptions
    from catalog.glossary import Glossary
    from catalog.models import Catalog, Resource

LANGUAGE_NAMES = {"en": {"en": "English", "fa": "Persian"}, "fa": {"en": "انگلیسی", "fa": "فارسی"}}
SKIP = {"en": "Skip to the results", "fa": "پرش به نتیجه‌ها"}
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_CODE = re.compile(r"`([^`]+)`")


@cache
def _template(name: str) -> str:
    return (files("catalog.export") / "templates" / name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], raw)


def _e(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def _dir_of(value: str) -> str:
    return "rtl" if has_rtl(value) else "ltr"


def _href(url: str) -> str:
    # The schema only admits http(s) URLs; refuse anything else here too.
    return _e(url) if url.startswith(("https://", "http://")) else "#"


def _text_html(value: Text, w: Words, tag: str, css: str) -> str:
    if value.translated:
        attributes = f'class="{css}" lang="{w.lang}" dir="{_dir_of(value.value)}"'
        return f"<{tag} {attributes}>{_e(value.value)}</{tag}>"
    badge = f'<span class="fallback">{_e(w.fallback)}</span>' if w.lang != "en" else ""
    return f'<{tag} class="{css}">{badge}<bdi lang="en" dir="ltr">{_e(value.value)}</bdi></{tag}>'


def _meta(resource: Resource, w: Words) -> str:
    authors = ", ".join(" ".join(a.split()) for a in resource.authors)
    parts = [
        f'<bdi dir="{_dir_of(authors)}">{_e(authors)}</bdi>',
        _e(w.number(resource.year)),
        f'<span class="chip">{_e(w.kinds[resource.kind][0])}</span>',
        f'<span class="chip">{_e(w.levels[resource.level][0])}</span>',
    ]
    if resource.free is not None:
        parts.append(_e(w.free if resource.free else w.paid))
    return " · ".join(parts)


def _item(resource: Resource, w: Words, main: tuple[Resource, str] | None = None) -> str:
    description = Text(*resource.text(w.lang))
    title_dir = _dir_of(resource.title)
    css, of = "resource", ""
    if main is not None:
        # A companion follows its main entry as a sibling (not nested), so that filtering can
        # show a matching companion whose main entry does not match.
        owner, role = main
        css = "resource companion"
        of = (
            f'<p class="companion-of">{_e(w.roles[role])} · <a href="#r-{_e(owner.id)}" '
            f'dir="{_dir_of(owner.title)}"><bdi>{_e(owner.title)}</bdi></a></p>\n'
        )
    return (
        f'<li class="{css}" id="r-{_e(resource.id)}" data-id="{_e(resource.id)}" '
        f'data-topics="{_e(" ".join(resource.topics))}" data-kind="{_e(resource.kind)}" '
        f'data-level="{_e(resource.level)}" data-language="{_e(resource.language)}">\n'
        f'<a href="{_href(resource.url)}" rel="noopener noreferrer" '
        f'lang="{_e(resource.language)}" dir="{title_dir}">'
        f"<bdi>{_e(resource.title)}</bdi></a>\n{of}"
        f"{_text_html(description, w, 'p', 'description')}\n"
        f'<p class="meta">{_meta(resource, w)}</p>\n</li>'
    )


def _section(index: int, section: Section, w: Words) -> str:
    heading = _text_html(section.heading, w, "span", "heading")
    count = f'<span class="count">({_e(w.number(section.count))})</span>'
    items = "\n".join(
        "\n".join(
            [_item(r, w)] + [_item(a.resource, w, (r, a.role)) for a in section.attached(r.id)]
        )
        for r in section.resources
    )
    return (
        f'<section class="group" aria-labelledby="g-{index}">\n'
        f'<h2 id="g-{index}">{heading} {count}</h2>\n'
        f'<ul class="resources">\n{items}\n</ul>\n</section>'
    )


def _select(name: str, label: str, options: list[tuple[str, str]], w: Words) -> str:
    rows = [f'<option value="">{_e(w.all_values)}</option>']
    rows += [f'<option value="{_e(value)}">{_e(shown)}</option>' for value, shown in options]
    return (
        f'<div class="field"><label for="f-{name}">{_e(label)}</label>'
        f'<select id="f-{name}" name="{name}" data-filter="{name}">{"".join(rows)}</select></div>'
    )


def _selects(catalog: Catalog, w: Words) -> str:
    used_topics = {t for r in catalog.resources for t in r.topics}
    topics = [
        (t, text(catalog.topics[t].title, w.lang).value) for t in catalog.topics if t in used_topics
    ]
    kinds_used = {r.kind for r in catalog.resources}
    levels_used = {r.level for r in catalog.resources}
    names = LANGUAGE_NAMES[w.lang]
    languages = sorted({r.language for r in catalog.resources})
    return "\n".join(
        [
            _select("topics", w.topic, topics, w),
            _select("kind", w.kind, [(k, v[0]) for k, v in w.kinds.items() if k in kinds_used], w),
            _select(
                "level", w.level, [(k, v[0]) for k, v in w.levels.items() if k in levels_used], w
            ),
            _select("language", w.language, [(c, names.get(c, c)) for c in languages], w),
        ]
    )


def _search_text(resource: Resource, catalog: Catalog, glossary: Glossary) -> str:
    """What the page's search box looks in: the resource's words, normalised as ``catalog
    search`` normalises them, and the other forms of the glossary terms they use, so that a
    query in either language finds it (the script folds the query with the same table)."""
    from catalog.glossary import keyed
    from catalog.textnorm import words as folded_words

    parts = [resource.title, *resource.authors, *resource.descriptions.values(), *resource.tags]
    # Topics, kind and level as the page shows them, in either language (a Persian reader
    # types the Persian heading or label), and the ids.
    for topic_id in resource.topics:
        title = catalog.topics[topic_id].title
        parts += [topic_id, text(title, "en").value, text(title, "fa").value]
    for lang in ("en", "fa"):
        labels = words(lang)
        parts += [labels.kinds[resource.kind][0], labels.levels[resource.level][0]]
    parts += [resource.kind, resource.level, str(resource.year)]
    folded = folded_words(" ".join(parts))
    forms = [" ".join(p) for e in glossary.expand(keyed(folded)) for p in e.forms]
    return " ".join([*folded, *dict.fromkeys(forms)])


def render(catalog: Catalog, options: ExportOptions) -> str:
    w = words(options.lang)
    groups = sections(catalog, catalog.resources, options.group_by, options.lang)
    from catalog.glossary import Glossary
    from catalog.textnorm import folding

    glossary = Glossary(catalog.glossary)
    table, marks = folding()
    data = {
        "lang": w.lang,
        "labels": {"showing": w.showing},
        "fold": {"table": table, "marks": marks},
        "resources": [
            {"id": r.id, "text": _search_text(r, catalog, glossary)} for r in catalog.resources
        ],
    }
    total = w.number(len(catalog.resources))
    css, js = _template("page.css"), _template("page.js")
    intro = _CODE.sub(
        r'<code dir="ltr">\1</code>', _e(w.intro.format(count=w.count(len(catalog.resources))))
    )
    values = {
        "lang": w.lang,
        "dir": w.direction,
        "title": _e(w.title),
        "intro": intro,
        "skip": _e(SKIP[w.lang]),
        "search": _e(w.search),
        "selects": _selects(catalog, w),
        "status": _e(w.showing.format(shown=total, total=total)),
        "no_match": _e(w.no_match),
        "sections": "\n".join(_section(i, s, w) for i, s in enumerate(groups, 1)),
        "data": embed_json(data),
        "css": css,
        "js": js,
        "style_hash": _hash(css),
        "script_hash": _hash(js),
    }
    # One pass, so a value that happens to contain "{{name}}" is never substituted again.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template("page.html"))
