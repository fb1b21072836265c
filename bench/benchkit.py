"""What the whole-process benchmarks share: the installed `catalog` script, the environment its
processes run in, and wall-time timing of processes and of in-process steps.

A script in a folder below bench/ puts this folder (and bench/core, for the generator) on
``sys.path`` and imports from here, so each stays runnable as ``python bench/<area>/<script>.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def arguments(doc: str | None, runs: int) -> argparse.ArgumentParser:
    """The options every whole-process benchmark takes: ``--runs`` and ``--count``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs, help="runs per case")
    parser.add_argument(
        "--count", type=int, default=10_000, help="resources in the generated catalog"
    )
    return parser


def catalog_script(install: str = "pip install .") -> str:
    """The `catalog` console script of this interpreter's environment, else the one on PATH."""
    found = shutil.which("catalog", path=str(Path(sys.executable).parent)) or shutil.which(
        "catalog"
    )
    if not found:
        raise SystemExit(f"install the project first: {install}")
    return found


@contextlib.contextmanager
def empty_folder() -> Iterator[tuple[Path, dict[str, str]]]:
    """An empty folder to run `catalog` from (so it reads the catalog shipped in the package),
    and the environment of such a process, with an index cache of its own beside the folder."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        yield empty, {**os.environ, "CATALOG_CACHE_DIR": str(Path(tmp) / "cache"), "NO_COLOR": "1"}


@contextlib.contextmanager
def generated_catalog(count: int) -> Iterator[tuple[Path, dict[str, str], Path]]:
    """A generated catalog of ``count`` resources in a temporary folder, the environment of a
    `catalog` process with its own index cache beside it, and that cache's folder."""
    from generate import generate  # bench/core, which every script puts on sys.path

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_text(generate(count), encoding="utf-8")
        cache = Path(tmp) / "cache"
        yield big, process_env(cache), cache


def process_env(cache: Path) -> dict[str, str]:
    """The environment of a timed `catalog` process: its own index cache, a fixed width, and no
    CATALOG_FILE, so that only ``-c`` picks the catalog."""
    env = {**os.environ, "CATALOG_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("CATALOG_FILE", None)
    return env


def timed(
    argv: list[str],
    env: dict[str, str],
    runs: int,
    *,
    warm: bool = False,
    fresh: Path | None = None,
    ok: Collection[int] = (0,),
) -> list[float]:
    """Wall times of `runs` whole processes of `argv`, after one untimed run if `warm`.

    `fresh` is a folder removed before each run (an index cache, to time a first query); an
    exit status outside `ok` stops the benchmark with the process's error output.
    """
    if warm:
        subprocess.run(argv, env=env, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode not in ok:
            raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr.decode()}")
    return times


def median_of(step: Callable[[], object], runs: int) -> float:
    """The median wall time, in seconds, of `runs` calls of `step` in this process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, times: list[float], target: float | None) -> None:
    """One row: median, min and max in seconds, the target and whether the median meets it."""
    median = statistics.median(times)
    verdict = "" if target is None else ("met" if median <= target else "MISSED")
    shown = "-" if target is None else f"{target:.2f}s"
    print(f"{name:44} {median:7.3f}s {min(times):7.3f}s {max(times):7.3f}s {shown:>7} {verdict}")


REPORT_HEADER = f"{'case':44} {'median':>8} {'min':>8} {'max':>8} {'target':>7}"
