"""What earlier runs found, per URL: last status, when, final URL, the failure streak, and the
fingerprint of the last ``ok`` page (title and word sketch: :mod:`catalog.linkcheck.content`).

A fresh ``ok`` (younger than ``max_age``) is not fetched again; failures always are. Every
``ok`` answer with content replaces the stored fingerprint, so slow change never adds up to a
false alarm; a ``drifted`` answer keeps the old one until the curator acts. Older files are
read and written back as version 3: version 1 had no fingerprints, and version 2's sketches
were taken by an earlier word cut, so they are dropped (the next ``ok`` page becomes the
reference) rather than compared with sketches they do not match. The file
is written by the one writer, :mod:`catalog.files` (atomically); a corrupt or unreadable file
is reported through :attr:`Cache.warning` and the cache starts empty: it never stops the run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.linkcheck.results import Outcome, Status

if TYPE_CHECKING:
    from catalog.linkcheck.content import Fingerprint

VERSION = 3
_READABLE = (1, 2, 3)


def default_path() -> Path:
    """``$XDG_CACHE_HOME/catalog/linkcheck.json``, or ``~/.cache/catalog/linkcheck.json``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "catalog" / "linkcheck.json"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Entry:
    status: str
    code: int | None
    checked_at: str  # ISO 8601, UTC
    final_url: str | None
    consecutive_failures: int = 0
    failing_since: str | None = None
    detail: str = ""
    fingerprint: dict[str, Any] | None = None  # the last ok page: {"title", "sketch"}
    title: str | None = None  # the page's title in this answer, when its content was read


class Cache:
    def __init__(self, path: Path | None, entries: dict[str, Entry] | None = None) -> None:
        self.path = path
        self.entries: dict[str, Entry] = entries or {}
        self.warning: str | None = None

    @classmethod
    def load(cls, path: Path) -> Cache:
        cache = cls(path)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cache
        except OSError as exc:
            cache.warning = f"{path}: cannot read the link cache ({exc.strerror}); starting empty"
            return cache
        try:
            data = json.loads(raw)
            version = data.get("version")
            if version not in _READABLE:
                raise ValueError(f"unknown version {version!r}")
            entries = {url: Entry(**value) for url, value in data["entries"].items()}
            if version < VERSION:
                entries = {url: replace(e, fingerprint=None) for url, e in entries.items()}
            cache.entries = entries
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            cache.warning = (
                f"{path}: the link cache is corrupt ({exc}); it will be rebuilt from this run"
            )
            cache.entries = {}
        return cache

    def fresh(self, url: str, max_age: dt.timedelta) -> Entry | None:
        """The entry when its last result was a success younger than ``max_age``."""
        entry = self.entries.get(url)
        if entry is None or entry.status not in (Status.OK.value, Status.REDIRECTED.value):
            return None
        try:
            checked = dt.datetime.fromisoformat(entry.checked_at)
        except ValueError:
            return None
        return entry if _now() - checked < max_age else None

    def fingerprint(self, url: str) -> Fingerprint | None:
        """The fingerprint of the last ``ok`` answer of ``url``, when one was kept."""
        from catalog.linkcheck.content import Fingerprint

        entry = self.entries.get(url)
        if entry is None or entry.fingerprint is None:
            return None
        try:
            return Fingerprint.from_dict(entry.fingerprint)
        except ValueError:
            return None  # a damaged fingerprint: this run's page becomes the reference

    def record(self, url: str, outcome: Outcome, *, now: dt.datetime | None = None) -> Entry:
        """Store a new result and update the failure streak; returns the new entry."""
        when = (now or _now()).isoformat()
        old = self.entries.get(url)
        if outcome.status.is_problem:
            streak = (old.consecutive_failures if old else 0) + 1
            since = old.failing_since if old and old.failing_since else when
        else:
            streak, since = 0, None
        kept = old.fingerprint if old else None
        if outcome.status is Status.OK and outcome.fingerprint is not None:
            kept = outcome.fingerprint.as_dict()
        entry = Entry(
            outcome.status.value,
            outcome.code,
            when,
            outcome.final_url,
            streak,
            since,
            outcome.detail,
            kept,
            outcome.title,
        )
        self.entries[url] = entry
        return entry

    def save(self) -> None:
        """Write the file with the one writer, creating its folder; raises
        :class:`~catalog.errors.OutputError` when it cannot be written."""
        from catalog.files import write_text

        if self.path is None:
            return
        data: dict[str, Any] = {
            "version": VERSION,
            # vars(), not asdict(): no deep copy of every sketch, and json only reads them
            "entries": {url: vars(e) for url, e in sorted(self.entries.items())},
        }
        # The writer names the reason when the folder still is not there (a file in the way).
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def parse_age(text: str) -> dt.timedelta:
    """``"1d"``, ``"12h"``, ``"30m"``, ``"45s"`` or ``"0"`` -> a timedelta; ValueError if not."""
    value = text.strip().lower()
    units = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
    number, unit = (value[:-1], value[-1]) if value and value[-1] in units else (value, "s")
    if not number.isdigit():
        raise ValueError(f"'{text}' is not an age; use for example 1d, 12h, 30m or 0")
    return dt.timedelta(**{units[unit]: int(number)})
