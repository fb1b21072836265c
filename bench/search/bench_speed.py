"""Time `catalog search` as a user meets it: whole processes, wall time, medians.

Run by hand (never in the test suite), with the project installed without -e:

    python bench/search/bench_speed.py                     # 11 runs per case
    python bench/search/bench_speed.py --catalog FILE      # another shipped-size catalog

Cases: queries of several shapes (one word, a title, Persian through the glossary, a typo, a
partial match) on the shipped catalog, target <= 200 ms; and on a generated catalog of 10,000
entries (bench/core/generate.py), target <= 0.5 s; both with the index cached, as after the
first query of a file. The first query after an edit (index built) is recorded, with no target.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(BENCH), str(BENCH / "core")]

from benchkit import (  # noqa: E402
    REPORT_HEADER,
    ROOT,
    arguments,
    catalog_script,
    generated_catalog,
    report,
    timed,
)

SHIPPED_QUERIES = [
    ["attention"],
    ["illustrated", "transformer"],
    ["مکانیزم", "توجه"],
    ["atention", "mechansim"],
    ["flashattention", "protein"],
]
BIG_QUERIES = [["transformer"], ["attention", "model"], ["atention"], ["مدل", "ترنسفورمر"]]


def main() -> None:
    parser = arguments(__doc__, runs=11)
    parser.add_argument("--catalog", type=Path, default=ROOT / "resources.yaml")
    args = parser.parse_args()
    catalog = catalog_script()
    with generated_catalog(args.count) as (big, env, cache):
        print(f"{args.runs} runs per case; {catalog}\n")
        print(REPORT_HEADER)
        for words in SHIPPED_QUERIES:
            argv = [catalog, "search", *words, "-c", str(args.catalog)]
            report(f"shipped: {' '.join(words)}", timed(argv, env, args.runs, warm=True), 0.200)
        for words in BIG_QUERIES:
            argv = [catalog, "search", *words, "-c", str(big)]
            times = timed(argv, env, args.runs, warm=True)
            report(f"{args.count:,}: {' '.join(words)}", times, 0.5)
        argv = [catalog, "search", "transformer", "-c", str(big)]
        cold = timed(argv, env, max(3, args.runs // 3), fresh=cache)
        report(f"{args.count:,}: transformer, index built", cold, None)
        floor = timed([sys.executable, "-c", "pass"], env, args.runs, warm=True)
        report("python -c pass (interpreter floor)", floor, None)


if __name__ == "__main__":
    main()
