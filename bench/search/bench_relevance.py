"""Score search relevance on the relevance set (tests/relevance/cases.py): MRR and nDCG@5.

Run by hand (never in the test suite):

    python bench/search/bench_relevance.py                 # the installed code
    python bench/search/bench_relevance.py --before REV    # also the code and catalog of REV

Grades: a resource a case wants is grade 2; one it lists under ``also``, or a resource of the
topic it names, grade 1. The reciprocal rank is that of the first wanted resource (the first
resource of the topic when the case wants none), over the whole ranking. nDCG@5 compares the top
five with the best possible order of the graded resources. ``--before REV`` extracts
``catalog/`` and ``resources.yaml`` of that git revision into a temporary folder and scores them
in a subprocess, so the figures before and after come from the same cases, measured the same way.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "relevance"))

from cases import CASES, Case  # noqa: E402


def grades(case: Case, topics: dict[str, list[str]]) -> dict[str, int]:
    found = {rid: 1 for rid, names in topics.items() if case.topic in names}
    found.update(dict.fromkeys(case.also, 1))
    found.update(dict.fromkeys(case.want, 2))
    return found


def score(case: Case, ranking: list[str], topics: dict[str, list[str]]) -> dict[str, object]:
    graded = grades(case, topics)
    best = 2 if case.want else 1
    rank = next((i + 1 for i, rid in enumerate(ranking) if graded.get(rid, 0) >= best), None)
    dcg = sum((2 ** graded.get(rid, 0) - 1) / math.log2(i + 2) for i, rid in enumerate(ranking[:5]))
    ideal = sorted(graded.values(), reverse=True)[:5]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    top = ranking[: case.k]
    if case.topic:
        passed = sum(rid in graded for rid in ranking[:5]) >= case.most and all(
            rid in top for rid in case.want
        )
    else:
        passed = all(rid in top for rid in case.want)
    return {
        "query": case.query,
        "kind": case.kind,
        "rank": rank,
        "rr": 1 / rank if rank else 0.0,
        "ndcg5": dcg / idcg if idcg else 0.0,
        "passed": passed,
        "top": ranking[:5],
    }


def evaluate(catalog_path: str) -> list[dict[str, object]]:
    """Score every case with the ``catalog`` package importable here."""
    from catalog import load
    from catalog.index import Index
    from catalog.search import rank

    catalog = load(catalog_path)
    index = Index.build(catalog)
    topics = {r.id: list(r.topics) for r in catalog.resources}
    return [score(c, [h.resource.id for h in rank(index, c.query)], topics) for c in CASES]


def evaluate_revision(rev: str) -> list[dict[str, object]]:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "catalog", "resources.yaml"],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": tmp}
        argv = [sys.executable, __file__, "--inner", str(Path(tmp) / "resources.yaml")]
        out = subprocess.run(argv, env=env, capture_output=True, check=True, cwd=tmp).stdout
    results: list[dict[str, object]] = json.loads(out)
    return results


def summary(results: list[dict[str, object]]) -> dict[str, tuple[float, float, int, int]]:
    kinds: dict[str, list[dict[str, object]]] = {"all": results}
    for r in results:
        kinds.setdefault(str(r["kind"]), []).append(r)
    return {
        kind: (
            sum(float(r["rr"]) for r in rs) / len(rs),  # type: ignore[arg-type]
            sum(float(r["ndcg5"]) for r in rs) / len(rs),  # type: ignore[arg-type]
            sum(bool(r["passed"]) for r in rs),
            len(rs),
        )
        for kind, rs in kinds.items()
    }


def report(name: str, results: list[dict[str, object]]) -> None:
    print(f"\n{name}")
    print(f"  {'queries':10} {'MRR':>6} {'nDCG@5':>7} {'passed':>9}")
    for kind, (mrr, ndcg, passed, n) in summary(results).items():
        print(f"  {kind + f' ({n})':10} {mrr:6.3f} {ndcg:7.3f} {passed:4d} / {n:<3d}")
    failed = [r for r in results if not r["passed"]]
    for r in failed:
        print(f"  not met: {r['query']!r}: wanted at rank {r['rank']}; top {r['top']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--before", metavar="REV", help="also score this git revision")
    parser.add_argument("--catalog", default=str(ROOT / "resources.yaml"))
    parser.add_argument("--inner", metavar="CATALOG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(evaluate(args.inner)))
        return
    print(f"{len(CASES)} queries")
    if args.before:
        report(f"before ({args.before})", evaluate_revision(args.before))
    report("now", evaluate(args.catalog))


if __name__ == "__main__":
    main()
