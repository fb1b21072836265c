"""Which resources go under which heading, and which learning-path steps survive a filter.

Shared by the Markdown and HTML exports so both group and order resources the same way. Texts
come back with a flag saying whether they are really in the requested language (False: the
English text stands in, and the exporter shows a marker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.export.i18n import words
from catalog.export.options import GroupBy
from catalog.models import localized

if TYPE_CHECKING:
    from collections.abc import Mapping

    from catalog.models import Catalog, Resource


@dataclass(frozen=True)
class Text:
    """A text in the requested language, or its English stand-in (``translated`` False)."""

    value: str
    translated: bool


@dataclass(frozen=True)
class Section:
    key: str
    heading: Text
    description: Text | None
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Step:
    resource: Resource
    note: Text


@dataclass(frozen=True)
class PathView:
    id: str
    title: Text
    description: Text | None
    steps: tuple[Step, ...]


def text(value: str | Mapping[str, str], lang: str) -> Text:
    return Text(*localized(value, lang))


def sections(
    catalog: Catalog, resources: Sequence[Resource], group_by: GroupBy, lang: str
) -> list[Section]:
    """Non-empty sections in a fixed order; resources keep their catalog order inside each."""
    w = words(lang)
    if group_by is GroupBy.none:
        return [Section("all", Text(w.resources, True), None, tuple(resources))]
    buckets: dict[str, list[Resource]] = {}
    for resource in resources:
        buckets.setdefault(_key(resource, group_by), []).append(resource)
    if group_by is GroupBy.topic:
        order = [t for t in catalog.topics if t in buckets]
    elif group_by is GroupBy.kind:
        order = [k for k in w.kinds if k in buckets]
    elif group_by is GroupBy.level:
        order = [v for v in w.levels if v in buckets]
    else:
        order = sorted(buckets, key=int, reverse=True)
    result = []
    for key in order:
        heading, description = _heading(catalog, group_by, key, lang)
        result.append(Section(key, heading, description, tuple(buckets[key])))
    return result


def _key(resource: Resource, group_by: GroupBy) -> str:
    if group_by is GroupBy.topic:
        return resource.topics[0]
    if group_by is GroupBy.year:
        return str(resource.year)
    return str(getattr(resource, group_by.value))


def _heading(catalog: Catalog, group_by: GroupBy, key: str, lang: str) -> tuple[Text, Text | None]:
    w = words(lang)
    if group_by is GroupBy.topic:
        topic = catalog.topics[key]
        description = text(topic.description, lang)
        # An English topic description inside a Persian list adds noise, not meaning: it is
        # shown only when it is really in the requested language.
        return text(topic.title, lang), description if description.translated else None
    if group_by is GroupBy.kind:
        return Text(w.kinds[key][1], True), None
    if group_by is GroupBy.level:
        return Text(w.levels[key][1], True), None
    return Text(w.number(int(key)), True), None


def path_views(catalog: Catalog, resources: Sequence[Resource], lang: str) -> list[PathView]:
    """Learning paths limited to the selected resources; paths left empty are dropped."""
    chosen = {r.id: r for r in resources}
    views = []
    for path_id, path in catalog.paths.items():
        steps = tuple(
            Step(chosen[step.id], text(step.note, lang)) for step in path.steps if step.id in chosen
        )
        if steps:
            description = None if path.description is None else text(path.description, lang)
            views.append(PathView(path_id, text(path.title, lang), description, steps))
    return views
