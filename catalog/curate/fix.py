"""``catalog fix``: apply the last link check to the catalog.

* ``redirected``: the resource's ``url`` becomes the final URL (unless another entry already
  has that URL, or the entry's URL changed since the check).
* ``broken``: an archived copy is looked up and recorded in ``archived_url`` (entries that
  already have one are left alone).

Results come from a ``catalog check --format json`` report or from the link-check cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.curate.comments import insert_key
from catalog.curate.errors import FetchError, UnreadableInput
from catalog.curate.yamledit import Document
from catalog.urls import normalize_url, url_problem

FIXED_STATUSES = ("redirected", "broken")


@dataclass(frozen=True)
class Finding:
    """One link-check result worth acting on."""

    id: str | None
    url: str
    status: str
    final_url: str | None = None


@dataclass(frozen=True)
class Change:
    """One field of one resource set to a new value."""

    id: str
    field: str
    old: str | None
    new: str
    line: int | None


@dataclass(frozen=True)
class Skipped:
    """A finding left as it is, and why."""

    id: str
    url: str
    status: str
    reason: str


@dataclass
class FixPlan:
    changes: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Stable JSON shape, documented in the README."""
        return {
            "changes": [
                {"id": c.id, "field": c.field, "old": c.old, "new": c.new, "line": c.line}
                for c in self.changes
            ],
            "skipped": [
                {"id": s.id, "url": s.url, "status": s.status, "reason": s.reason}
                for s in self.skipped
            ],
        }


def findings_from_report(path: Path) -> list[Finding]:
    """The redirected and broken results of a ``catalog check --format json`` report."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        results = [(r["id"], r["url"], r["status"], r.get("final_url")) for r in data["results"]]
        if not all(isinstance(part, str) for r in results for part in r[1:3]):
            raise ValueError("url and status must be text")
        return [Finding(*r) for r in results if r[2] in FIXED_STATUSES]
    except OSError as exc:
        raise UnreadableInput(f"{path}: cannot read the report: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UnreadableInput(
            f"{path}: not a link-check report (expected the JSON of 'catalog check --format json')"
        ) from None


def findings_from_cache(path: Path | None, doc: Document) -> list[Finding]:
    """The last cached result of each catalogued URL that was redirected or broken.

    ``path`` defaults to the link checker's cache file.
    """
    from catalog.linkcheck.cache import Cache, default_path

    path = path or default_path()
    if not path.is_file():
        raise UnreadableInput(
            f"{path}: no link-check cache; run 'catalog check' first, or pass --report FILE"
        )
    cache = Cache.load(path)
    if cache.warning:
        raise UnreadableInput(cache.warning)
    findings = []
    for resource in doc.resources:
        url = resource.get("url") if isinstance(resource, dict) else None
        entry = cache.entries.get(url) if isinstance(url, str) else None
        if entry is not None and entry.status in FIXED_STATUSES:
            findings.append(Finding(resource.get("id"), str(url), entry.status, entry.final_url))
    return findings


def plan_fixes(
    doc: Document,
    findings: list[Finding],
    archive: Callable[[str], str | None] | None,
) -> FixPlan:
    """Decide each change, editing ``doc`` in memory. ``archive`` finds an archived copy."""
    plan = FixPlan()
    resources = doc.resources
    by_id = {r.get("id"): i for i, r in enumerate(resources) if isinstance(r, dict)}
    urls = {
        normalize_url(r["url"]): r.get("id")
        for r in resources
        if isinstance(r, dict) and isinstance(r.get("url"), str)
    }
    for finding in findings:
        index = by_id.get(finding.id)
        rid = str(finding.id)
        if index is None:
            plan.skipped.append(
                Skipped(rid, finding.url, finding.status, "no such id in the catalog")
            )
            continue
        resource = resources[index]
        reason: str | None
        if resource.get("url") != finding.url:
            reason = "the entry's URL changed since the check"
        elif finding.status == "redirected":
            reason = _redirect(doc, index, finding, urls, plan)
        else:
            reason = _archive(doc, index, finding, archive, plan)
        if reason:
            plan.skipped.append(Skipped(rid, finding.url, finding.status, reason))
    return plan


def _redirect(
    doc: Document, index: int, finding: Finding, urls: dict[str, Any], plan: FixPlan
) -> str | None:
    final = finding.final_url
    if not final or final == finding.url:
        return "the report gives no final URL"
    problem = url_problem(final)
    if problem:
        return f"the final URL is not usable: {problem}"
    owner = urls.get(normalize_url(final))
    if owner is not None and owner != finding.id:
        return f"the final URL is already catalogued as '{owner}'"
    resource = doc.resources[index]
    resource["url"] = final  # keeps the old value's quoting style
    urls[normalize_url(final)] = finding.id
    plan.changes.append(Change(str(finding.id), "url", finding.url, final, doc.line_of(index)))
    return None


def _archive(
    doc: Document,
    index: int,
    finding: Finding,
    archive: Callable[[str], str | None] | None,
    plan: FixPlan,
) -> str | None:
    resource = doc.resources[index]
    if resource.get("archived_url"):
        return "already has an archived_url"
    if archive is None:
        return "archive lookups are turned off (--no-archive)"
    try:
        snapshot = archive(finding.url)
    except FetchError as exc:
        return str(exc)
    if snapshot is None:
        return "no archived copy found"
    if url_problem(snapshot):
        return f"the archive answered with an unusable URL: {snapshot}"
    from catalog.modelkit import field_names
    from catalog.models import Resource

    order = field_names(Resource)
    insert_key(resource, "archived_url", snapshot, order)
    plan.changes.append(Change(str(finding.id), "archived_url", None, snapshot, doc.line_of(index)))
    return None
