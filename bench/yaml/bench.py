"""Benchmark the YAML-reader candidates on generated 1,000- and 10,000-entry catalogs.

Run by hand (never in the test suite); the candidates must be installed (see README.md):

    python bench/yaml/bench.py                 # 5 rounds, every candidate, both sizes
    python bench/yaml/bench.py --runs 9 --only yamldoc yaml-rs

Every figure comes from a fresh process per run (``candidates.py``), rounds interleaved so that
load from other work on the machine falls on every candidate alike; medians are printed, with
min-max. ``read`` is reading the file, parsing, and walking the result into plain data plus a
position for every mapping key and value (what the library offers of it). ``validate`` adds
what ``catalog validate`` does with the data (rules and models). ``process`` is the wall time of
the whole process seen from outside, interpreter start-up and imports included.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "core"))

from candidates import READERS  # noqa: E402
from generate import generate  # noqa: E402

# Pure-Python or pathological readers: one run at 10,000 entries is enough to rule them out.
SLOW = {"ruamel-rt", "ruamel-safe-c", "libfyaml", "pyyaml-compose", "yamlcore"}
VALIDATE = ("yamldoc", "yaml-rs")


def run(argv: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    out, err = child.communicate()
    lines = out.strip().splitlines()
    figures: dict[str, Any] = {}
    if lines and lines[-1].startswith("{"):
        figures = json.loads(lines[-1])
    elif child.returncode not in (0, 1):
        return {"error": (err.strip().splitlines() or ["no output"])[-1][:200]}
    figures["process"] = wall
    figures["rss_mb"] = usage.ru_maxrss / 1024  # the whole child, kilobytes on Linux
    return figures


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.2f}"
    return f"{median:.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="candidates to run")
    parser.add_argument("--sizes", nargs="*", type=int, default=[1_000, 10_000])
    args = parser.parse_args()
    names = args.only or list(READERS)
    python = sys.executable
    script = str(HERE / "candidates.py")
    catalog = shutil.which("catalog", path=str(Path(python).parent))
    print(f"load average at start: {os.getloadavg()[0]:.1f}; {args.runs} rounds")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"catalog-{size}.yaml"
            path.write_text(generate(size, hand_edited=True), encoding="utf-8")
            jobs: dict[str, list[str]] = {n: [python, script, n, str(path)] for n in names}
            for name in VALIDATE:
                if name in names:
                    jobs[f"{name} + validate"] = [python, script, name, str(path), "--validate"]
            if catalog:
                jobs["catalog validate (today)"] = [catalog, "validate", "-c", str(path)]
            jobs["python -c pass"] = [python, "-c", "pass"]
            results: dict[str, list[dict[str, Any]]] = {job: [] for job in jobs}
            for round_ in range(args.runs):
                for job, argv in jobs.items():
                    if round_ and size >= 10_000 and job.split()[0] in SLOW:
                        continue
                    results[job].append(run(argv))
            report(size, path, results)


def values_of(runs: list[dict[str, Any]], key: str) -> list[float]:
    return [r[key] for r in runs if r.get(key) is not None]


def report(size: int, path: Path, results: dict[str, list[dict[str, Any]]]) -> None:
    print(f"\n{size:,} entries, {path.stat().st_size / 1e6:.1f} MB")
    print("| candidate | runs | parse s | data s | read s | validate s | process s | peak RSS MB |"
          " positions | offsets | comments |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for job, runs in results.items():
        ok = [r for r in runs if "error" not in r]
        if not ok:
            print(f"| {job} | {len(runs)} | fails: {runs[0]['error'] if runs else '-'} |")
            continue
        if "candidate" not in ok[0]:  # a baseline: only the whole process
            rss = spread(values_of(ok, "rss_mb")).split(" ")[0]
            process = spread(values_of(ok, "process"))
            print(f"| {job} | {len(ok)} | | | | | {process} | {rss} | | | |")
            continue

        def values(key: str, ok: list[dict[str, Any]] = ok) -> list[float]:
            return values_of(ok, key)

        last = ok[-1]
        comments = last.get("comments")
        print(
            f"| {job} | {len(ok)} | {spread(values('parse'))} | {spread(values('data'))} | "
            f"{spread(values('read'))} | "
            f"{spread(values('validate'))} | {spread(values('process'))} | "
            f"{spread(values('rss_mb')).split(' ')[0]} | {last.get('positions', '-')} | "
            f"{'yes' if last.get('offsets') else 'no'} | "
            f"{'dropped' if comments is None else comments} |"
        )


if __name__ == "__main__":
    main()
