"""From a catalog to what to check: selection, per-resource and per-host settings, sharding."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from catalog.linkcheck.results import Status, Target
from catalog.linkcheck.shard import in_shard

if TYPE_CHECKING:
    from catalog.index import Index
    from catalog.models import Catalog, Resource
    from catalog.settings import CheckSettings


def targets_for(
    catalog: Catalog,
    resources: Iterable[Resource] | None = None,
    *,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """One :class:`Target` per resource (all of them by default), in catalog order."""
    targets = []
    for resource in catalog.resources if resources is None else resources:
        url = resource.url.strip()
        if shard is not None and not in_shard(url, shard):
            continue
        check = resource.check
        targets.append(
            Target(
                id=resource.id,
                url=url,
                line=catalog.line_of(resource.id),
                skip_reason=(check.reason or "check.skip") if check and check.skip else None,
                accept=frozenset(check.accept) if check else frozenset(),
            )
        )
    return targets


def select_targets(
    catalog: Catalog,
    *,
    only: Collection[str] = (),
    topics: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    changed: Collection[str] | None = None,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """The targets left after every filter; raises ValueError naming the option at fault."""
    from catalog.search import Filters, UnknownTopicError, filter_resources

    try:
        resources = filter_resources(catalog, Filters(topics=topics, kinds=kinds))
    except UnknownTopicError as exc:
        raise ValueError(f"--topic: {exc}") from None
    if only:
        unknown = [i for i in only if catalog.get(i) is None]
        if unknown:
            where = f" in {catalog.source}" if catalog.source else ""
            raise ValueError(f"--only: no resource with id '{unknown[0]}'{where}")
        resources = [r for r in resources if r.id in only]
    if changed is not None:
        resources = [r for r in resources if r.id in changed]
    return targets_for(catalog, resources, shard=shard)


def select_from_index(
    index: Index,
    *,
    only: Collection[str] = (),
    topics: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    changed: Collection[str] | None = None,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """:func:`select_targets` over a cached :class:`~catalog.index.Index`: the same targets,
    without importing Pydantic or parsing YAML when the catalog has not changed."""
    from catalog.search import Filters, UnknownTopicError, apply

    try:
        entries = apply(
            index.entries, Filters(topics=topics, kinds=kinds).resolved(index.topic_names())
        )
    except UnknownTopicError as exc:
        raise ValueError(f"--topic: {exc}") from None
    if only:
        known = {e.id for e in index.entries}
        unknown = [i for i in only if i not in known]
        if unknown:
            where = f" in {index.source}" if index.source else ""
            raise ValueError(f"--only: no resource with id '{unknown[0]}'{where}")
        entries = [e for e in entries if e.id in only]
    if changed is not None:
        entries = [e for e in entries if e.id in changed]
    targets = []
    for entry in entries:
        url = entry.url.strip()
        if shard is not None and not in_shard(url, shard):
            continue
        check = entry.data.get("check") or {}
        targets.append(
            Target(
                id=entry.id,
                url=url,
                line=entry.line,
                skip_reason=(check.get("reason") or "check.skip") if check.get("skip") else None,
                accept=frozenset(check.get("accept") or ()),
            )
        )
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
