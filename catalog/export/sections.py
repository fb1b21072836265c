"""Which resources go under which heading, and which learning-path steps survive a filter.

Shared by the Markdown and HTML exports so both group and order resources the same way. A
companion whose main entry is selected goes under that entry, in the main entry's section,
instead of standing alone (when its main entry is filtered out, it stands alone). Texts
come back with a flag saying whether they are really in the requested language (False: the
English text stands in, and the exporter shows a marker).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from catalog.export.i18n import words
from catalog.export.options import GroupBy
from catalog.models import localized

if TYPE_CHECKING:
    from catalog.models import Catalog, Resource


@dataclass(frozen=True)
class Text:
    """A text in the requested language, or its English stand-in (``translated`` False)."""

    value: str
    translated: bool


@dataclass(frozen=True)
class Attached:
    """A companion shown under its main entry, with its role (``code``, ``blog``, ...)."""

    resource: Resource
    role: str


@dataclass(frozen=True)
class Section:
    key: str
    heading: Text
    description: Text | None
    resources: tuple[Resource, ...]  # main entries and entries on their own
    companions: Mapping[str, tuple[Attached, ...]] = field(default_factory=dict)

    def attached(self, resource_id: str) -> tuple[Attached, ...]:
        """The companions shown under this entry."""
        return self.companions.get(resource_id, ())

    @property
    def count(self) -> int:
        """Every resource in the section, companions included."""
        return len(self.resources) + sum(len(c) for c in self.companions.values())


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
    attached = companions(catalog, resources)
    shown = {a.resource.id for group in attached.values() for a in group}
    resources = [r for r in resources if r.id not in shown]
    if group_by is GroupBy.none:
        return [Section("all", Text(w.resources, True), None, tuple(resources), attached)]
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
        mine = {r.id: attached[r.id] for r in buckets[key] if r.id in attached}
        result.append(Section(key, heading, description, tuple(buckets[key]), mine))
    return result


def companions(catalog: Catalog, resources: Sequence[Resource]) -> dict[str, tuple[Attached, ...]]:
    """The selected companions of each selected main entry, by main entry id."""
    chosen = {r.id for r in resources}
    found: dict[str, tuple[Attached, ...]] = {}
    for resource in resources:
        group = tuple(
            Attached(companion, link.role)
            for companion, link in catalog.companions_of(resource.id)
            if companion.id in chosen
        )
        if group:
            found[resource.id] = group
    return found


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
