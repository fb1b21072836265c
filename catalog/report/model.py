"""Link-check reports: reading them back, and merging the reports of parallel shards.

A report is the JSON that ``catalog check --format json`` / ``--output`` writes::

    {"summary": {"ok": 120, "broken": 2, ...},
     "results": [{"id", "url", "status", "code", "final_url", "detail", "line", "elapsed_ms",
                  "failing"?, "failing_since"?, "consecutive_failures"?, ...}]}

Only ``id``, ``url`` and ``status`` are required of a result; every other key is optional and
kept as it is, so a newer checker can add keys without breaking older report commands. The
summary is always recomputed from the results: a shard's own summary is not trusted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from catalog.errors import ReportError as ReportError  # re-exported: its old home
from catalog.linkcheck.results import DEFAULT_FAIL_ON, Status

# The checker's status words, in its order: one definition (catalog.linkcheck.results.Status).
STATUSES: tuple[str, ...] = tuple(status.value for status in Status)
# A result without a "failing" key (an older report) fails on these, the checker's default
# --fail-on. blocked, rate_limited and timeout may be the site refusing a robot or a slow night,
# not a dead link: they are listed in the issue for a human look but never open it on their own.
# The default of `catalog check --fail-on`, as JSON words: one definition for both.
FAILING_STATUSES = frozenset(status.value for status in DEFAULT_FAIL_ON)
# Which of two results for the same id wins a merge: the more alarming one, so that a duplicate
# shard can never hide a failure.
_SEVERITY = {
    s: i
    for i, s in enumerate(
        (
            "skipped",
            "ok",
            "redirected",
            "drifted",
            "blocked",
            "rate_limited",
            "timeout",
            "error",
            "soft_404",
            "broken",
        )
    )
}


@dataclass(frozen=True)
class Report:
    """Check results, sorted by catalog line then id; ``sources`` counts the merged reports.

    ``interrupted`` is true when any merged run was stopped early: its report is partial.
    """

    results: tuple[Mapping[str, Any], ...]
    sources: int = 1
    interrupted: bool = False

    @property
    def summary(self) -> dict[str, int]:
        """Count per status in the order of STATUSES, then unknown ones sorted; zeros left out."""
        counts = Counter(result["status"] for result in self.results)
        order = {s: i for i, s in enumerate(STATUSES)}
        return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))

    @property
    def failing(self) -> list[Mapping[str, Any]]:
        """The results that count as failures (see :func:`is_failing`)."""
        return [r for r in self.results if is_failing(r)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a report, with ``failing`` and ``reports`` counts added."""
        data: dict[str, Any] = {
            "summary": self.summary,
            "failing": len(self.failing),
            "reports": self.sources,
        }
        if self.interrupted:
            data["interrupted"] = True
        return data | {"results": [dict(r) for r in self.results]}


def is_failing(result: Mapping[str, Any]) -> bool:
    """The checker's own verdict when it gave one (``--fail-after``), else the status."""
    verdict = result.get("failing")
    if isinstance(verdict, bool):
        return verdict
    return result["status"] in FAILING_STATUSES


def parse_report(text: str, source: str) -> Report:
    """Read one report's JSON text; ``source`` names it in error messages."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(
            f"{source}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg}); "
            "pass the file written by 'catalog check --output'"
        ) from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise ReportError(
            f"{source}: not a check report (nested too deep to read); "
            "pass the file written by 'catalog check --output'"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise ReportError(
            f"{source}: not a check report (expected an object with a 'results' list); "
            "pass the file written by 'catalog check --output'"
        )
    results = [_result(r, i, source) for i, r in enumerate(data["results"])]
    sources = data.get("reports")
    return Report(
        tuple(sorted(results, key=_order)),
        sources if isinstance(sources, int) and sources > 0 else 1,
        data.get("interrupted") is True,
    )


def merge_reports(reports: Sequence[Report]) -> Report:
    """One report from the reports of several shards (or several runs).

    Results are keyed by ``id``; when an id appears more than once the more alarming result
    wins (a failing one over a passing one, then by status severity), and among equals the
    first one given. An empty list gives an empty report.
    """
    chosen: dict[str, Mapping[str, Any]] = {}
    for report in reports:
        for result in report.results:
            current = chosen.get(result["id"])
            if current is None or _rank(result) > _rank(current):
                chosen[result["id"]] = result
    return Report(
        tuple(sorted(chosen.values(), key=_order)),
        sum(r.sources for r in reports),
        any(r.interrupted for r in reports),
    )


def read_reports(paths: Iterable[str]) -> list[Report]:
    """Read report files; a missing or unreadable file is a :class:`ReportError`."""
    from pathlib import Path

    reports = []
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ReportError(f"{name}: file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ReportError(f"{name}: cannot read the file ({exc})") from None
        reports.append(parse_report(text, name))
    return reports


def _result(raw: Any, index: int, source: str) -> Mapping[str, Any]:
    where = f"{source}: results[{index}]"
    if not isinstance(raw, dict):
        raise ReportError(f"{where}: expected an object, not {type(raw).__name__}")
    for key in ("id", "url", "status"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ReportError(f"{where}: '{key}' is missing or not a text")
    return raw


def _rank(result: Mapping[str, Any]) -> tuple[bool, int]:
    return is_failing(result), _SEVERITY.get(result["status"], len(_SEVERITY))


def _order(result: Mapping[str, Any]) -> tuple[int, str]:
    line = result.get("line")
    # Results without a line (an old report, or a resource gone from the file) sort last.
    return (line if isinstance(line, int) and not isinstance(line, bool) else 1 << 30, result["id"])
