"""``catalog fix``: apply the last link check to the catalog.

* ``redirected``: the resource's ``url`` becomes the final URL (unless another entry already
  has that URL, or the entry's URL changed since the check), quoted as the old one was.
* ``broken`` and ``soft_404``: an archived copy is looked up and recorded in ``archived_url``
  (entries that already have one are left alone).
* ``drifted``: the resource is marked as reviewed, ``check: {review: {date, title}}`` with
  today's date and the page's new title, so that later checks take the page as it is now.

Results come from a ``catalog check --format json`` report or from the link-check cache. Each
change is a splice of the file's text: one scalar replaced or one key inserted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.curate.editdoc import Document
from catalog.curate.errors import FetchError, UnreadableInput
from catalog.urls import normalize_url, url_problem
from catalog.yamldoc.splice import Splice

FIXED_STATUSES = ("redirected", "broken", "soft_404", "drifted")
ARCHIVED_STATUSES = ("broken", "soft_404")


@dataclass(frozen=True)
class Finding:
    """One link-check result worth acting on."""

    id: str | None
    url: str
    status: str
    final_url: str | None = None
    title: str | None = None  # the page's title now (drifted)
    previous_title: str | None = None  # its title at the last ok check (drifted)


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
    splices: list[Splice] = field(default_factory=list)  # the edit, for Document.apply

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
    """The results of a ``catalog check --format json`` report that ``fix`` acts on."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        results = [
            (
                r["id"],
                r["url"],
                r["status"],
                r.get("final_url"),
                _text(r.get("title")),
                _text(r.get("previous_title")),
            )
            for r in data["results"]
        ]
        if not all(isinstance(part, str) for r in results for part in r[1:3]):
            raise ValueError("url and status must be text")
        return [Finding(*r) for r in results if r[2] in FIXED_STATUSES]
    except OSError as exc:
        raise UnreadableInput(f"{path}: cannot read the report: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise UnreadableInput(
            f"{path}: not a link-check report (expected the JSON of 'catalog check --format json')"
        ) from None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def findings_from_cache(path: Path | None, doc: Document) -> list[Finding]:
    """The last cached result of each catalogued URL that ``fix`` acts on.

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
    for resource in doc.resource_fields("id", "url"):
        url = resource.get("url")
        entry = cache.entries.get(url) if isinstance(url, str) else None
        if entry is not None and entry.status in FIXED_STATUSES:
            previous = (entry.fingerprint or {}).get("title")
            findings.append(
                Finding(
                    resource.get("id"),
                    str(url),
                    entry.status,
                    entry.final_url,
                    entry.title if entry.status == "drifted" else None,
                    previous if isinstance(previous, str) else None,
                )
            )
    return findings


def plan_fixes(
    doc: Document,
    findings: list[Finding],
    archive: Callable[[str], str | None] | None,
    today: dt.date | None = None,
) -> FixPlan:
    """Decide each change as a splice of ``doc``'s text. ``archive`` finds an archived copy."""
    plan = FixPlan()
    resources = doc.resource_fields("id", "url", "archived_url", "check")
    by_id = {r.get("id"): i for i, r in enumerate(resources) if isinstance(r, dict)}
    urls = {
        normalize_url(r["url"]): r.get("id")
        for r in resources
        if isinstance(r, dict) and isinstance(r.get("url"), str)
    }
    done: set[tuple[int, str]] = set()  # one change per field of a resource
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
        elif (index, finding.status) in done:
            reason = "listed twice in the results"
        elif not doc.editable("resources", index, "url"):
            reason = "written with an anchor or an alias; fix it by hand"
        elif finding.status == "redirected":
            reason = _redirect(doc, index, finding, urls, plan)
        elif (
            finding.status == "drifted"
            and finding.title
            and _reviewed_as(resource) == finding.title
        ):
            reason = "already marked for review with this title"
        elif finding.status == "drifted":
            reason = _review(doc, index, finding, today or dt.date.today(), plan)
        else:
            reason = _archive(doc, index, resource, finding, archive, plan)
        done.add((index, finding.status))
        if reason:
            plan.skipped.append(Skipped(rid, finding.url, finding.status, reason))
    return plan


def _redirect(
    doc: Document, index: int, finding: Finding, urls: dict[str, Any], plan: FixPlan
) -> str | None:
    from catalog.yamldoc import scalars
    from catalog.yamldoc.splice import replace_scalar

    final = finding.final_url
    if not final or final == finding.url:
        return "the report gives no final URL"
    problem = url_problem(final)
    if problem:
        return f"the final URL is not usable: {problem}"
    owner = urls.get(normalize_url(final))
    if owner is not None and owner != finding.id:
        return f"the final URL is already catalogued as '{owner}'"
    entry = doc.entry("resources", index, "url")
    style = doc.yaml.log.styles.get(entry)
    if style == '"':
        written = scalars.double_quoted(final)
    elif style == "'":
        written = "'" + final.replace("'", "''") + "'"
    else:
        written = scalars.text(final)
    plan.splices.append(replace_scalar(doc.yaml, entry, written))
    urls[normalize_url(final)] = finding.id
    plan.changes.append(Change(str(finding.id), "url", finding.url, final, doc.line_of(index)))
    return None


def _reviewed_as(resource: dict[str, Any]) -> Any:
    """The title in the entry's ``check.review``, if it has one."""
    check = resource.get("check")
    review = check.get("review") if isinstance(check, dict) else None
    return review.get("title") if isinstance(review, dict) else None


def _archive(
    doc: Document,
    index: int,
    resource: dict[str, Any],
    finding: Finding,
    archive: Callable[[str], str | None] | None,
    plan: FixPlan,
) -> str | None:
    from catalog.curate.order import resource_fields
    from catalog.curate.splices import set_key

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
    mapping = doc.entry("resources", index)
    plan.splices.append(set_key(doc, mapping, "archived_url", snapshot, resource_fields()))
    plan.changes.append(Change(str(finding.id), "archived_url", None, snapshot, doc.line_of(index)))
    return None


def _review(
    doc: Document, index: int, finding: Finding, today: dt.date, plan: FixPlan
) -> str | None:
    """Mark a drifted resource as reviewed: ``check.review`` with today and the new title."""
    from catalog.curate.order import field_order, resource_fields
    from catalog.curate.splices import set_key
    from catalog.settings import ResourceCheck, Review
    from catalog.yamldoc.emit import Flow
    from catalog.yamldoc.log import MAPPING

    title = finding.title
    if not title:
        return "the results do not say the page's new title; run 'catalog check' again"
    review = {"date": dt.date(today.year, today.month, today.day), "title": title}
    yaml = doc.yaml
    mapping = doc.entry("resources", index)
    check = doc.entry("resources", index, "check")
    if check < 0:
        splices = [set_key(doc, mapping, "check", Flow({"review": review}), resource_fields())]
    elif yaml.kind(check) != MAPPING:
        return "its 'check' is not a mapping"
    else:
        current = doc.entry("resources", index, "check", "review")
        if current >= 0 and yaml.kind(current) == MAPPING and current not in yaml.log.flow:
            order = field_order(Review)
            splices = [set_key(doc, current, key, value, order) for key, value in review.items()]
        else:
            splices = [set_key(doc, check, "review", Flow(review), field_order(ResourceCheck))]
    plan.splices += splices
    plan.changes.append(
        Change(str(finding.id), "check.review", finding.previous_title, title, doc.line_of(index))
    )
    return None
