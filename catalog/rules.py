"""Rules that look across entries: unique ids and URLs, known topics, path steps.

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

    def topic_ids(self) -> dict[str, str]:
        return topic_names(self.topics.items())


def check(data: dict[str, Any]) -> list[Finding]:
    """Every cross-entry problem in raw catalog data (a mapping parsed from YAML)."""
    view = _View(data)
    findings: list[Finding] = []
    findings += _unique_ids(view)
    findings += _unique_urls(view)
    findings += _topics(view)
    findings += _paths(view)
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
            if alias in view.topics or owner != topic_id:
                out.append(
                    Finding(
                        ("topics", topic_id, "aliases", k),
                        f"alias '{alias}' is already the name of topic '{owner}'",
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
