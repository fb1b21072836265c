"""Compare `catalog search attention` in several environments: whole processes, interleaved.

Run by hand (never in the test suite), with the project installed without -e in virtual
environments that differ in one thing: two Typer releases, for example,

    python3 -m venv ../venv-0.28 && ../venv-0.28/bin/pip install '.[bench]' 'typer==0.28.*'
    python3 -m venv ../venv-0.29 && ../venv-0.29/bin/pip install '.[bench]' 'typer>=0.29'
    python bench/core/bench_typer.py ../venv-0.28 ../venv-0.29 --runs 11

or the same Typer and two versions of this tree (each row names its environment's folder).

Each environment's `catalog search attention` runs from an empty folder on the shipped catalog,
with the index cached (two warm-up runs each), the environments taking turns so that load from
elsewhere hits both alike. Also timed, the same way: `python -c pass` (the interpreter's floor)
and a one-command Typer app with one `list[str]` argument (what Typer alone costs a command that
takes a value). Target for the search: <= 200 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchkit import empty_folder

TYPER_APP = (
    "import typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def main(words: list[str]) -> None: pass\n"
    "app(['attention'])\n"
)


def cases(venv: Path) -> dict[str, list[str]]:
    python = str(venv / "bin" / "python")
    return {
        "catalog search attention": [str(venv / "bin" / "catalog"), "search", "attention"],
        "Typer app, one list[str] argument": [python, "-c", TYPER_APP],
        "python -c pass": [python, "-c", "pass"],
    }


def typer_version(venv: Path) -> str:
    probe = "import importlib.metadata as m; print(m.version('typer'))"
    done = subprocess.run([str(venv / "bin" / "python"), "-c", probe], capture_output=True)
    return done.stdout.decode().strip()


def once(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("venvs", nargs="+", type=Path, help="virtual environments to compare")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--warmups", type=int, default=2)
    args = parser.parse_args()
    with empty_folder() as (empty, env):
        plans = {venv: cases(venv) for venv in args.venvs}
        for plan in plans.values():
            for argv in plan.values():
                for _ in range(args.warmups):
                    once(argv, empty, env)
        times: dict[tuple[Path, str], list[float]] = {}
        for _ in range(args.runs):
            for name in next(iter(plans.values())):
                for venv, plan in plans.items():
                    times.setdefault((venv, name), []).append(once(plan[name], empty, env))
    print(f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs each, ms\n")
    print("| environment | Typer | case | median | min | max |\n|---|---|---|---|---|---|")
    for (venv, name), values in times.items():
        row = f"{statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f}"
        print(f"| {venv.name} | {typer_version(venv)} | {name} | {row} |")


if __name__ == "__main__":
    main()
