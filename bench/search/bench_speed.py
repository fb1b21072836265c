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
sys.path.insert(0, str(ROOT / "bench" / "core"))

from generate import generate  # noqa: E402

SHIPPED_QUERIES = [
    ["attention"],
    ["illustrated", "transformer"],
    ["مکانیزم", "توجه"],
    ["atention", "mechansim"],
    ["flashattention", "protein"],
]
BIG_QUERIES = [["transformer"], ["attention", "model"], ["atention"], ["مدل", "ترنسفورمر"]]


def script() -> str:
    found = shutil.which("catalog", path=str(Path(sys.executable).parent)) or shutil.which(
        "catalog"
    )
    if not found:
        raise SystemExit("install the project first: pip install .")
    return found


def timed(
    argv: list[str], env: dict[str, str], runs: int, fresh: Path | None = None
) -> list[float]:
    if fresh is None:
        subprocess.run(argv, env=env, capture_output=True, check=False)  # warm the cache
    times = []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"{argv} failed: {result.stderr.decode()}")
    return times


def report(name: str, times: list[float], target: float | None) -> None:
    median = statistics.median(times)
    verdict = "" if target is None else ("met" if median <= target else "MISSED")
    shown = "-" if target is None else f"{target:.2f}s"
    print(f"{name:44} {median:7.3f}s {min(times):7.3f}s {max(times):7.3f}s {shown:>7} {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--catalog", type=Path, default=ROOT / "resources.yaml")
    args = parser.parse_args()
    catalog = script()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "big.yaml"
        big.write_text(generate(args.count), encoding="utf-8")
        cache = work / "cache"
        env = {**os.environ, "CATALOG_CACHE_DIR": str(cache), "COLUMNS": "100"}
        env.pop("CATALOG_FILE", None)
        print(f"{args.runs} runs per case; {catalog}\n")
        print(f"{'case':44} {'median':>8} {'min':>8} {'max':>8} {'target':>7}")
        for words in SHIPPED_QUERIES:
            argv = [catalog, "search", *words, "-c", str(args.catalog)]
            report(f"shipped: {' '.join(words)}", timed(argv, env, args.runs), 0.200)
        for words in BIG_QUERIES:
            argv = [catalog, "search", *words, "-c", str(big)]
            report(f"{args.count:,}: {' '.join(words)}", timed(argv, env, args.runs), 0.5)
        argv = [catalog, "search", "transformer", "-c", str(big)]
        cold = timed(argv, env, max(3, args.runs // 3), fresh=cache)
        report(f"{args.count:,}: transformer, index built", cold, None)
        floor = timed([sys.executable, "-c", "pass"], env, args.runs)
        report("python -c pass (interpreter floor)", floor, None)


if __name__ == "__main__":
    main()
