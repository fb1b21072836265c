"""Where our own share of a cached `catalog search attention` goes, measured in-process.

Run by hand (never in the test suite), with the project installed without -e:

    python bench/core/bench_share.py --runs 11

Each run is a fresh interpreter that first runs a one-command Typer app with one `list[str]`
argument, so that what Typer costs any command (its import, Pydantic's, the first
TypeAdapter) is paid before the clock starts. Then it times, with perf_counter, `catalog
search attention` on the shipped catalog through the CLI (`app([...], standalone_mode=False)`,
stdout captured), index cached, and splits that time by wrapping a few functions:

- `imports`: importing our modules, wherever that happens;
- `cache key`: hashing the catalog and every module of the package;
- `load index`: reading and parsing the cache file, building the catalog (without the key);
- `rank`: ranking the query (imports excluded);
- `rest`: what is left: Typer building our command and converting its twelve parameters, the
  filters, the table.

Medians of the runs, in ms. The whole-process figures are `bench_typer.py`'s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchkit import empty_folder

PROBE = r"""
import builtins, io, json, sys, time

import typer

warm = typer.Typer()


@warm.command()
def main(words: list[str]) -> None:
    pass


warm(["attention"], standalone_mode=False)

spent = {"imports": 0.0, "cache key": 0.0, "load index": 0.0, "rank": 0.0}
depth = 0
real_import = builtins.__import__


def timed_import(*args, **kwargs):
    global depth
    if depth:
        return real_import(*args, **kwargs)
    depth += 1
    start = time.perf_counter()
    try:
        return real_import(*args, **kwargs)
    finally:
        depth -= 1
        spent["imports"] += time.perf_counter() - start


def timed(owner, name, label):
    function = getattr(owner, name)

    def wrapper(*args, **kwargs):
        imports, start = spent["imports"], time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            inner = spent["imports"] - imports
            spent[label] += time.perf_counter() - start - inner

    setattr(owner, name, wrapper)


builtins.__import__ = timed_import
start = time.perf_counter()
from catalog.cli import app
import catalog.index
import catalog.search

timed(catalog.index, "cache_key", "cache key")
timed(catalog.index.Index, "loads", "load index")
timed(catalog.search, "rank", "rank")
stdout, sys.stdout = sys.stdout, io.StringIO()
app(["search", "attention"], standalone_mode=False)
sys.stdout = stdout
total = time.perf_counter() - start
builtins.__import__ = real_import
spent["rest"] = total - sum(spent.values())
spent["total"] = total
print(json.dumps({k: v * 1000 for k, v in spent.items()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with empty_folder() as (empty, env):
        runs = []
        for i in range(args.runs + 1):  # the first builds the index
            done = subprocess.run(
                [sys.executable, "-c", PROBE], cwd=empty, env=env, capture_output=True, check=True
            )
            if i:
                runs.append(json.loads(done.stdout))
    print(f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs, medians in ms\n")
    print("| part | ms |\n|---|---|")
    for part in runs[0]:
        print(f"| {part} | {statistics.median(run[part] for run in runs):.1f} |")


if __name__ == "__main__":
    main()
