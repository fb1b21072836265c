"""From a catalog to what to check: selection, per-resource and per-host settings, sharding."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from catalog.linkcheck.results import Status, Target
from catalog.linkcheck.shard import in_shard

if TYPE_CHECKING:
    from catalog.models import Catalog, Resource
    from catalog.search import Filters
    from catalog.settings import CheckSettings


def _target(resource: Resource, line: int | None, shard: tuple[int, int] | None) -> Target | None:
    url = resource.url.strip()
    if shard is not None and not in_shard(url, shard):
        return None
    check = resource.check
    return Target(
        id=resource.id,
        url=url,
        line=line,
        skip_reason=(check.reason or "check.skip") if check and check.skip else None,
        accept=frozenset(check.accept if check else ()),
        title=resource.title,
        content=check.content if check else True,
        reviewed_title=check.review.title if check and check.review else None,
    )


def targets_for(
    catalog: Catalog,
    resources: Iterable[Resource] | None = None,
    *,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """One :class:`Target` per resource (all of them by default), in catalog order."""
    targets = []
    for resource in catalog.resources if resources is None else resources:
        target = _target(resource, catalog.line_of(resource.id), shard)
        if target is not None:
            targets.append(target)
    return targets


def select_targets(
    catalog: Catalog,
    *,
    only: Collection[str] = (),
    filters: Filters | None = None,
    changed: Collection[str] | None = None,
    shard: tuple[int, int] | None = None,
) -> list[Target]:
    """The targets left after the filters, ``--only``, ``--changed-since`` and ``--shard``, in
    catalog order; raises ValueError naming the option at fault.

    ``catalog`` may come from :func:`catalog.load` or from the index cache
    (``load_index(path).catalog``): the same resources either way.
    """
    from catalog.search import Filters, UnknownTopicError, apply

    try:
        chosen = apply(catalog.resources, (filters or Filters()).resolved(catalog.topic_ids()))
    except UnknownTopicError as exc:
        raise ValueError(f"--topic: {exc}") from None
    if only:
        known = {resource.id for resource in catalog.resources}
        unknown = [i for i in only if i not in known]
        if unknown:
            where = f" in {catalog.source}" if catalog.source else ""
            raise ValueError(f"--only: no resource with id '{unknown[0]}'{where}")
        chosen = [resource for resource in chosen if resource.id in only]
    if changed is not None:
        chosen = [resource for resource in chosen if resource.id in changed]
    return targets_for(catalog, chosen, shard=shard)


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
