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

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def catalog_script() -> str:
    found = shutil.which("catalog", path=str(Path(sys.executable).parent)) or shutil.which(
        "catalog"
    )
    if not found:
        raise SystemExit("install the project first: pip install .")
    return found


def timed(
    argv: list[str], env: dict[str, str], runs: int, *, fresh_cache: Path | None = None
) -> list[float]:
    times = []
    for _ in range(runs):
        if fresh_cache is not None:
            shutil.rmtree(fresh_cache, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{argv} failed: {result.stderr.decode()}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    script = catalog_script()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "big.yaml"
        big.write_text(generate(args.count), encoding="utf-8")
        cache = work / "cache"
        env = {**os.environ, "CATALOG_CACHE_DIR": str(cache), "COLUMNS": "100"}
        env.pop("CATALOG_FILE", None)
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
        print(f"{'case':42} {'median':>8} {'min':>8} {'max':>8} {'target':>8}")
        for name, argv, target, fresh in cases:
            if fresh is None:
                subprocess.run(argv, env=env, capture_output=True, check=False)  # warm the cache
            runs = timed(
                argv, env, args.runs if fresh is None else max(3, args.runs // 3), fresh_cache=fresh
            )
            median = statistics.median(runs)
            verdict = "" if target is None else ("ok" if median <= target else "MISSED")
            shown_target = "-" if target is None else f"{target:.2f}s"
            print(
                f"{name:42} {median:7.3f}s {min(runs):7.3f}s {max(runs):7.3f}s "
                f"{shown_target:>8} {verdict}"
            )


if __name__ == "__main__":
    main()
