"""From a catalog to the targets to check: selection, per-resource settings, sharding."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from catalog.linkcheck.results import Target
from catalog.linkcheck.shard import in_shard

if TYPE_CHECKING:
    from catalog.models import Catalog, Resource


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
