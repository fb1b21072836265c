"""Rules on the links between entries: companions and learning-path prerequisites.

A main entry lists its companions; only it may (the reverse link is derived), so an entry is
the companion of one main entry, never its own, and companions are one level deep. A path's
``requires`` names other paths that must exist and never lead back to it. Part of
:mod:`catalog.rules`, which runs these with the other cross-entry rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog.rules import Finding, Loc, did_you_mean

if TYPE_CHECKING:
    from catalog.rules import _View


def _companion_ids(resource: dict[str, Any]) -> list[tuple[int, str]]:
    companions = resource.get("companions")
    found = []
    for k, companion in enumerate(companions if isinstance(companions, list) else []):
        cid = companion.get("id") if isinstance(companion, dict) else None
        if isinstance(cid, str):
            found.append((k, cid))
    return found


def companions(view: _View) -> list[Finding]:
    """Companion ids exist; an entry is nobody's companion twice, nor its own; one level only."""
    ids = {r["id"] for r in view.resources if isinstance(r.get("id"), str)}
    mains = {r["id"] for r in view.resources if isinstance(r.get("id"), str) and _companion_ids(r)}
    owner: dict[str, str] = {}
    out = []
    for i, resource in enumerate(view.resources):
        rid = resource.get("id")
        for k, cid in _companion_ids(resource):
            loc: Loc = ("resources", i, "companions", k, "id")
            if cid == rid:
                out.append(Finding(loc, f"'{cid}' is listed as its own companion", "remove it"))
            elif cid not in ids:
                hint = did_you_mean(cid, ids) or "a companion must name a resource in the catalog"
                out.append(Finding(loc, f"unknown resource id '{cid}'", hint))
            elif cid in owner:
                out.append(
                    Finding(
                        loc,
                        f"'{cid}' is already a companion of '{owner[cid]}'",
                        "an entry belongs to one main entry; remove one of the two",
                    )
                )
            elif cid in mains:
                out.append(
                    Finding(
                        loc,
                        f"'{cid}' has companions of its own, so it cannot be a companion",
                        "companions are one level deep; list its companions here instead",
                    )
                )
            if cid != rid and cid in ids:
                owner.setdefault(cid, str(rid))
    return out


def path_requires(view: _View) -> list[Finding]:
    """A path's prerequisites are known paths, and following them never leads back to it."""
    raw = view.data.get("paths")
    requires: dict[str, list[str]] = {}
    for path_id, path in raw.items() if isinstance(raw, dict) else []:
        listed = path.get("requires") if isinstance(path, dict) else None
        if isinstance(path_id, str) and isinstance(listed, list):
            requires[path_id] = [p if isinstance(p, str) else "" for p in listed]
    out = []
    for path_id, listed in requires.items():
        for k, other in enumerate(listed):
            if not other:
                continue
            loc: Loc = ("paths", path_id, "requires", k)
            if other not in view.paths:
                hint = did_you_mean(other, view.paths) or "see 'catalog paths'"
                out.append(Finding(loc, f"unknown path '{other}'", hint))
            elif _leads_back(requires, other, path_id):
                out.append(
                    Finding(
                        loc,
                        f"path '{other}' requires '{path_id}' in turn (a cycle)",
                        "a path cannot come before itself; remove one of the requirements",
                    )
                )
    return out


def _leads_back(requires: dict[str, list[str]], start: str, target: str) -> bool:
    seen: set[str] = set()
    todo = [start]
    while todo:
        current = todo.pop()
        if current == target:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(requires.get(current, []))
    return False
