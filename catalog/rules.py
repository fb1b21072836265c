"""Rules that look across entries: unique ids and URLs, known topics, path steps, the glossary,
and (in :mod:`catalog.rules_links`) companions and path prerequisites.

They run on the parsed data, before or alongside the schema, so that one run reports schema
errors and cross-entry errors together. They skip values of the wrong type (the schema reports
those) and return findings located by a path into the document; the loader turns those paths
into lines and columns.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from catalog.errors import Severity
from catalog.models import topic_names
from catalog.urls import normalize_url

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    loc: Loc
    message: str
    hint: str | None = None
    severity: Severity = "error"
    at_key: bool = False


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint naming the closest choice, if one is close enough."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close and len(word) >= 3:
        close = sorted(c for c in options if c.startswith(word))[:1]
    return f"did you mean '{close[0]}'?" if close else None


class _View:
    """The parts of raw catalog data the rules read, with wrongly typed parts left out."""

    def __init__(self, data: dict[str, Any]) -> None:
        topics = data.get("topics")
        self.topics: dict[str, list[str]] = {}
        if isinstance(topics, dict):
            for key, topic in topics.items():
                if not isinstance(key, str):
                    continue  # the schema reports keys that are not text
                aliases = topic.get("aliases") if isinstance(topic, dict) else None
                self.topics[key] = (
                    [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
                )
        resources = data.get("resources")
        self.resources: list[dict[str, Any]] = [
            r if isinstance(r, dict) else {}
            for r in (resources if isinstance(resources, list) else [])
        ]
        paths = data.get("paths")
        self.paths: dict[str, list[Any]] = {}
        if isinstance(paths, dict):
            for key, path in paths.items():
                if not isinstance(key, str):
                    continue
                steps = path.get("steps") if isinstance(path, dict) else None
                self.paths[key] = steps if isinstance(steps, list) else []
        glossary = data.get("glossary")
        self.glossary: dict[str, dict[str, Any]] = {}
        if isinstance(glossary, dict):
            self.glossary = {
                k: term
                for k, term in glossary.items()
                if isinstance(k, str) and isinstance(term, dict)
            }
        self.data = data

    def topic_ids(self) -> dict[str, str]:
        return topic_names(self.topics.items())


def check(data: dict[str, Any]) -> list[Finding]:
    """Every cross-entry problem in raw catalog data (a mapping parsed from YAML)."""
    from catalog import rules_entries
    from catalog import rules_links as links

    view = _View(data)
    findings: list[Finding] = []
    findings += _unique_ids(view)
    findings += _unique_urls(view)
    findings += _topics(view)
    findings += links.companions(view)
    findings += _paths(view)
    findings += links.path_requires(view)
    findings += _glossary(view)
    findings += rules_entries.entries(view)
    return findings


def _unique_ids(view: _View) -> list[Finding]:
    first: dict[str, int] = {}
    out = []
    for i, resource in enumerate(view.resources):
        rid = resource.get("id")
        if not isinstance(rid, str):
            continue
        if rid in first:
            out.append(
                Finding(
                    ("resources", i, "id"),
                    f"duplicate id '{rid}' (first used by resources[{first[rid]}])",
                    "ids must be unique; rename one of them",
                )
            )
        else:
            first[rid] = i
    return out


def _unique_urls(view: _View) -> list[Finding]:
    by_key: dict[str, list[int]] = {}
    for i, resource in enumerate(view.resources):
        url = resource.get("url")
        if isinstance(url, str):
            by_key.setdefault(normalize_url(url), []).append(i)
    out = []
    for indexes in by_key.values():
        if len(indexes) < 2:
            continue
        for i in indexes:
            others = ", ".join(
                str(view.resources[j].get("id", f"resources[{j}]")) for j in indexes if j != i
            )
            out.append(
                Finding(
                    ("resources", i, "url"),
                    f"same URL as {others}",
                    "each resource is listed once; merge the entries or fix the URL",
                )
            )
    return out


def _topics(view: _View) -> list[Finding]:
    out = []
    names = view.topic_ids()
    for topic_id, aliases in view.topics.items():
        for k, alias in enumerate(aliases):
            owner = names.get(alias)
            if alias in view.topics:
                taken = f"is already the id of topic '{alias}'"
            elif owner != topic_id:
                taken = f"is already an alias of topic '{owner}'"
            else:
                continue
            out.append(
                Finding(
                    ("topics", topic_id, "aliases", k),
                    f"alias '{alias}' {taken}",
                    "an alias must name one topic only",
                )
            )
    used: set[str] = set()
    for i, resource in enumerate(view.resources):
        topics = resource.get("topics")
        for k, name in enumerate(topics if isinstance(topics, list) else []):
            if not isinstance(name, str):
                continue
            if name in names:
                used.add(names[name])
            else:
                out.append(
                    Finding(
                        ("resources", i, "topics", k),
                        f"unknown topic '{name}'",
                        did_you_mean(name, names) or "add it under 'topics:' first",
                    )
                )
    for topic_id in view.topics:
        if topic_id not in used:
            out.append(
                Finding(
                    ("topics", topic_id),
                    f"topic '{topic_id}' is not used by any resource",
                    "file a resource under it or remove it",
                    severity="warning",
                    at_key=True,
                )
            )
    return out


def _paths(view: _View) -> list[Finding]:
    ids = {r["id"] for r in view.resources if isinstance(r.get("id"), str)}
    out = []
    for path_id, steps in view.paths.items():
        for k, step in enumerate(steps):
            step_id = step.get("id") if isinstance(step, dict) else None
            if isinstance(step_id, str) and step_id not in ids:
                out.append(
                    Finding(
                        ("paths", path_id, "steps", k, "id"),
                        f"unknown resource id '{step_id}'",
                        did_you_mean(step_id, ids) or "every step must name a resource",
                    )
                )
    return out


LANGUAGE_NAMES = {"en": "English", "fa": "Persian"}


def _glossary_forms(view: _View) -> list[tuple[Loc, str, str, str, bool]]:
    """Every form in the glossary: ``(loc, term id, language, form, to avoid)``."""
    found: list[tuple[Loc, str, str, str, bool]] = []
    for term_id, term in view.glossary.items():
        for lang in ("en", "fa"):
            if isinstance(term.get(lang), str):
                found.append((("glossary", term_id, lang), term_id, lang, term[lang], False))
        for field in ("variants", "avoid"):
            forms = term.get(field)
            for lang, listed in forms.items() if isinstance(forms, dict) else []:
                for k, form in enumerate(listed if isinstance(listed, list) else []):
                    if isinstance(form, str) and isinstance(lang, str):
                        loc = ("glossary", term_id, field, lang, k)
                        found.append((loc, term_id, lang, form, field == "avoid"))
    return found


def _glossary(view: _View) -> list[Finding]:
    """A form names one term once; texts do not use the forms the glossary says to avoid."""
    from catalog.glossary import keyed_words, phrase, uses

    out = []
    first: dict[tuple[str, ...], str] = {}
    avoid: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}  # lang -> (key, form, hint)
    for loc, term_id, lang, form, to_avoid in _glossary_forms(view):
        key = phrase(form)
        owner = first.get(key)
        if owner is not None:
            where = "this term" if owner == term_id else f"glossary term '{owner}'"
            hint = "a form names one term, once; remove this one"
            out.append(Finding(loc, f"'{form}' is already a form of {where}", hint))
            continue
        first[key] = term_id
        if to_avoid:
            term = view.glossary[term_id]
            preferred = term.get(lang)
            write = f"write '{preferred}' instead; " if isinstance(preferred, str) else ""
            hint = f"{write}see 'catalog glossary {term_id}'"
            avoid.setdefault(lang, []).append((key, form, hint))
    if not avoid:
        return out
    for loc, lang, text in _texts(view):
        keyed = None
        for key, form, hint in avoid.get(lang, []):
            keyed = keyed if keyed is not None else keyed_words(text)
            if uses(keyed, key):
                language = LANGUAGE_NAMES.get(lang, f"'{lang}'")
                out.append(
                    Finding(
                        loc,
                        f"the {language} text uses '{form}', a form the glossary says to avoid",
                        hint,
                        severity="warning",
                    )
                )
    return out


def _texts(view: _View) -> list[tuple[Loc, str, str]]:
    """The translatable texts of a catalog: ``(loc, language, text)`` for resource descriptions,
    topic titles and descriptions, and learning paths' titles, descriptions and step notes."""
    found: list[tuple[Loc, str, str]] = []

    def add(loc: Loc, value: Any) -> None:
        if isinstance(value, str):
            found.append((loc, "en", value))
        elif isinstance(value, dict):
            found.extend(
                ((*loc, lang), lang, text)
                for lang, text in value.items()
                if isinstance(lang, str) and isinstance(text, str)
            )

    topics = view.data.get("topics")
    for topic_id, topic in topics.items() if isinstance(topics, dict) else []:
        if isinstance(topic, dict):
            add(("topics", topic_id, "title"), topic.get("title"))
            add(("topics", topic_id, "description"), topic.get("description"))
    paths = view.data.get("paths")
    for path_id, path in paths.items() if isinstance(paths, dict) else []:
        if isinstance(path, dict):
            add(("paths", path_id, "title"), path.get("title"))
            add(("paths", path_id, "description"), path.get("description"))
            for k, step in enumerate(view.paths.get(path_id, [])):
                if isinstance(step, dict):
                    add(("paths", path_id, "steps", k, "note"), step.get("note"))
    for i, resource in enumerate(view.resources):
        add(("resources", i, "description"), resource.get("description"))
    return found
