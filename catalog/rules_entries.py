"""Rules on each entry's own values that the schema's types do not say: a title of blank space,
a URL that carries a user name or password, an ``added`` date after today (errors), and the
same item written twice in topics, authors or tags (a warning: harmless, but a slip). A topic
named once by its id and once by an alias is fine: the loader keeps it once. Part of
:mod:`catalog.rules`, which runs these with the cross-entry rules.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from catalog.rules import Finding

if TYPE_CHECKING:
    from catalog.rules import _View

_LISTS = ("topics", "authors", "tags")


def entries(view: _View) -> list[Finding]:
    """Every per-entry problem of this kind, in document order."""
    today = dt.date.today()
    out: list[Finding] = []
    for i, resource in enumerate(view.resources):
        title = resource.get("title")
        if isinstance(title, str) and title and not title.strip():
            out.append(
                Finding(
                    ("resources", i, "title"),
                    "title is only blank space",
                    "write the resource's title",
                )
            )
        for key in _LISTS:
            out += _repeats(i, key, resource.get(key))
        url = resource.get("url")
        if isinstance(url, str) and _credentials(url):
            out.append(
                Finding(
                    ("resources", i, "url"),
                    "URL carries a user name or password",
                    "remove 'user:password@': the list would publish it and the link checker "
                    "would send it",
                )
            )
        added = _date(resource.get("added"))
        if added is not None and added > today:
            out.append(
                Finding(
                    ("resources", i, "added"),
                    f"'added' is {added.isoformat()}, a date after today",
                    "give the date the entry was added to the catalog",
                )
            )
    return out


def _repeats(i: int, key: str, values: Any) -> list[Finding]:
    """The second and later mentions of the same text in a list."""
    seen: set[str] = set()
    out = []
    for k, value in enumerate(values if isinstance(values, list) else []):
        if not isinstance(value, str):
            continue
        if value in seen:
            out.append(
                Finding(
                    ("resources", i, key, k),
                    f"'{value}' is listed twice in {key}",
                    "remove the repeated item",
                    severity="warning",
                )
            )
        seen.add(value)
    return out


def _credentials(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False  # the schema reports a malformed URL
    return parts.username is not None or parts.password is not None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None  # the schema reports it
    return None
