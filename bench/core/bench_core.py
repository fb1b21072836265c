"""Benchmark the catalog core as a user meets it: whole `catalog` processes, wall time.

Run by hand (never in the test suite):

    python bench/core/bench_core.py            # 9 runs of each case, medians and targets

Cases (issue: catalog core, section 8):
  * `catalog search attention` on the shipped catalog, warm index cache   target <= 200 ms
  * `catalog validate` on a generated 10,000-entry catalog                 target <= 1.5 s
  * `catalog search transformer` on it, warm index cache                   target <= 0.5 s
  * the same search with an empty cache (first run after an edit)          no target; recorded
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


def main() -> None:
    parser = arguments(__doc__, runs=9)
    args = parser.parse_args()
    script = catalog_script()
    with generated_catalog(args.count) as (big, env, cache):
        shipped = ROOT / "resources.yaml"
        cases = [
            (
                "search attention, shipped, warm",
                [script, "search", "attention", "-c", str(shipped)],
                0.200,
                None,
            ),
            (f"validate, {args.count:,} entries", [script, "validate", "-c", str(big)], 1.5, None),
            (
                f"search transformer, {args.count:,}, warm",
                [script, "search", "transformer", "-c", str(big)],
                0.5,
                None,
            ),
            (
                f"search transformer, {args.count:,}, cold",
                [script, "search", "transformer", "-c", str(big)],
                None,
                cache,
            ),
            ("python -c pass (interpreter floor)", [sys.executable, "-c", "pass"], None, None),
        ]
        print(f"generated catalog: {big.stat().st_size / 1e6:.1f} MB; {args.runs} runs per case\n")
        print(REPORT_HEADER)
        for name, argv, target, fresh in cases:
            runs = args.runs if fresh is None else max(3, args.runs // 3)
            times = timed(argv, env, runs, warm=fresh is None, fresh=fresh, ok=(0, 1))
            report(name, times, target)


if __name__ == "__main__":
    main()
