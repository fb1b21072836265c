"""From a catalog to what to check: selection, per-resource and per-host settings, sharding."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from catalog.linkcheck.results import Status, Target
from catalog.linkcheck.shard import in_shard
from catalog.search import Filterable


class _Selectable(Filterable, Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_Selectable)

if TYPE_CHECKING:
    from catalog.index import Index
    from catalog.models import Catalog, Resource
    from catalog.search import Filters
    from catalog.settings import CheckSettings


def _target(
    rid: str,
    url: str,
    line: int | None,
    check: Mapping[str, Any] | None,
    shard: tuple[int, int] | None,
) -> Target | None:
    url = url.strip()
    if shard is not None and not in_shard(url, shard):
        return None
    check = check or {}
    return Target(
        id=rid,
        url=url,
        line=line,
        skip_reason=(check.get("reason") or "check.skip") if check.get("skip") else None,
        accept=frozenset(check.get("accept") or ()),
    )


def targets_for(
    catalog: Catalog,
    resources: Iterable[Resource] | None = None,
    *,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """One :class:`Target` per resource (all of them by default), in catalog order."""
    targets = []
    for r in catalog.resources if resources is None else resources:
        check = r.check.model_dump() if r.check else None
        target = _target(r.id, r.url, catalog.line_of(r.id), check, shard)
        if target is not None:
            targets.append(target)
    return targets


def _narrow(
    items: Sequence[T],
    topic_names: dict[str, str],
    source: str | None,
    *,
    only: Collection[str],
    filters: Filters | None,
    changed: Collection[str] | None,
) -> list[T]:
    """The items that pass the filters, --only and --changed-since, in catalog order."""
    from catalog.search import Filters, UnknownTopicError, apply

    try:
        chosen = apply(items, (filters or Filters()).resolved(topic_names))
    except UnknownTopicError as exc:
        raise ValueError(f"--topic: {exc}") from None
    if only:
        known = {item.id for item in items}
        unknown = [i for i in only if i not in known]
        if unknown:
            where = f" in {source}" if source else ""
            raise ValueError(f"--only: no resource with id '{unknown[0]}'{where}")
        chosen = [item for item in chosen if item.id in only]
    if changed is not None:
        chosen = [item for item in chosen if item.id in changed]
    return chosen


def select_targets(
    catalog: Catalog,
    *,
    only: Collection[str] = (),
    filters: Filters | None = None,
    changed: Collection[str] | None = None,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """The targets left after every filter; raises ValueError naming the option at fault."""
    resources = _narrow(
        catalog.resources,
        catalog.topic_ids(),
        catalog.source,
        only=only,
        filters=filters,
        changed=changed,
    )
    return targets_for(catalog, resources, shard=shard)


def select_from_index(
    index: Index,
    *,
    only: Collection[str] = (),
    filters: Filters | None = None,
    changed: Collection[str] | None = None,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """:func:`select_targets` over a cached :class:`~catalog.index.Index`: the same targets,
    without importing Pydantic or parsing YAML when the catalog has not changed."""
    entries = _narrow(
        index.entries,
        index.topic_names(),
        index.source,
        only=only,
        filters=filters,
        changed=changed,
    )
    targets = []
    for e in entries:
        target = _target(e.id, e.url, e.line, e.data.get("check"), shard)
        if target is not None:
            targets.append(target)
    return targets


def settings_from_index(index: Index) -> dict[str, Any]:
    """:func:`settings_overrides` for an index; Pydantic is imported only when the catalog
    has a ``check:`` section."""
    if not index.check:
        return {}
    from catalog.settings import CheckSettings

    return settings_overrides(CheckSettings.model_validate(index.check))


def parse_statuses(text: str, *, option: str) -> frozenset[Status]:
    """``"broken,error"`` -> statuses; raises ValueError listing the valid words."""
    known = [s.value for s in Status]
    names = [n.strip() for n in text.split(",") if n.strip()]
    for name in names:
        if name not in known:
            raise ValueError(f"{option}: unknown status '{name}'; use any of {', '.join(known)}")
    return frozenset(Status(n) for n in names)


def settings_overrides(settings: CheckSettings | None) -> dict[str, Any]:
    """The catalog's ``check:`` section as :class:`~catalog.linkcheck.CheckOptions` fields."""
    from catalog.linkcheck.gates import HostLimits

    if settings is None:
        return {}
    hosts = settings.hosts
    return {
        "host_limits": {h: HostLimits(s.concurrency, s.interval_ms) for h, s in hosts.items()},
        "host_accept": {h.lower(): frozenset(s.accept) for h, s in hosts.items() if s.accept},
        "accept": frozenset(settings.accept),
    }
