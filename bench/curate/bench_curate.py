"""The curation commands against `catalog validate`, as whole processes (issue 13's targets).

    .venv/bin/python bench/curate/bench_curate.py [--runs 5] [--counts 10000 1000]

For each size, a generated catalog (``bench/core/generate.py --hand-edited``: keys in
shuffled, not canonical, order; comments; Persian text; folded blocks) and its ``catalog
fmt``-ed copy. Each round runs, in this order and each on a fresh copy of the file (the copy
is not timed):

* ``catalog validate`` of the unformatted file and of the formatted one;
* ``catalog add URL --yes`` of a page served by a loopback server in this process;
* ``catalog fix --report R --yes --no-archive`` applying 50 permanent redirects;
* ``catalog fmt --check`` of the formatted file;
* ``catalog fmt`` rewriting the unformatted file.

Wall time from fork to exit and the child's peak RSS (``wait4``), medians over the rounds.
Linux counts a child's peak from the parent's size at fork, so this process stays small: it
never imports the package, and the files are made by child processes. Nothing here reaches
beyond 127.0.0.1. Figures go to ``bench/curate/README.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MAKE = str(Path(__file__).resolve().parents[1] / "core" / "generate.py")
PAGE = b"""<!doctype html><html lang="en"><head><title>A page to add</title>
<meta name="description" content="A page served on loopback for the benchmark.">
<meta name="author" content="Bench Author">
<meta property="article:published_time" content="2024-05-06">
<meta property="og:type" content="article">
</head><body>text</body></html>"""
SCRIPT = str(Path(sys.executable).parent / "catalog")
TARGETS = {  # command: (times validate, peak RSS MB)
    "add": (2.0, 300.0),
    "fix": (2.0, None),
    "fmt --check": (2.0, None),
    "fmt": (3.0, None),
}


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:
        del format, args


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0,):
        print(f"  ! {' '.join(args[1:3])}: exit {process.returncode}: {error[-300:]}")
    return elapsed, usage.ru_maxrss / 1024, process.returncode


REDIRECTS = """
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
ids = re.findall(r"^  - id: (\\S+)$", text, re.M)
urls = re.findall(r"^    url: (\\S+)", text, re.M)
step = max(len(ids) // 50, 1)
results = [
    {"id": i, "url": u, "status": "redirected", "code": 301,
     "final_url": u.replace("/articles/", "/moved/")}
    for i, u in list(zip(ids, urls))[::step][:50]
]
json.dump({"summary": {}, "results": results}, open(sys.argv[2], "w"))
"""


def bench(count: int, runs: int, folder: Path, base: str) -> dict[str, dict[str, float]]:
    raw = folder / f"raw-{count}.yaml"
    make = [sys.executable, MAKE, str(raw), "--count", str(count), "--hand-edited"]
    subprocess.run(make, check=True)
    formatted = folder / f"formatted-{count}.yaml"
    shutil.copyfile(raw, formatted)
    env = {**os.environ, "NO_COLOR": "1", "CATALOG_CACHE_DIR": str(folder / "cache")}
    subprocess.run([SCRIPT, "fmt", "-c", str(formatted)], env=env, check=True, capture_output=True)
    report = folder / f"report-{count}.json"
    subprocess.run([sys.executable, "-c", REDIRECTS, str(raw), str(report)], check=True)
    work = folder / "work.yaml"
    add = [base + "/page", "--allow-network", "127.0.0.0/8", "--yes", "--topic", "attention"]
    add += ["--level", "beginner"]
    commands: dict[str, tuple[Path | None, list[str]]] = {
        "validate": (None, ["validate", "-c", str(raw)]),
        "validate (formatted)": (None, ["validate", "-c", str(formatted)]),
        "add": (raw, ["add", *add, "-c", str(work)]),
        "fix": (raw, ["fix", "--report", str(report), "--yes", "--no-archive", "-c", str(work)]),
        "fmt --check": (None, ["fmt", "--check", "-c", str(formatted)]),
        "fmt": (raw, ["fmt", "-c", str(work)]),
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (source, args) in commands.items():
            if source is not None:
                shutil.copyfile(source, work)
            seconds, rss, _code = timed([SCRIPT, *args], env)
            samples[name].append((seconds, rss))
    out: dict[str, dict[str, float]] = {}
    for name, values in samples.items():
        times = [t for t, _ in values]
        out[name] = {
            "median": statistics.median(times),
            "min": min(times),
            "max": max(times),
            "rss": statistics.median(r for _, r in values),
        }
    return out


def show(count: int, figures: dict[str, dict[str, float]]) -> None:
    size = "unformatted"
    print(f"\n{count:,} entries ({size} file; fmt --check on the formatted copy)")
    print(f"{'command':<22} {'median s':>9} {'min-max s':>13} {'x validate':>11} {'RSS MB':>8}")
    for name, f in figures.items():
        reference = figures["validate (formatted)" if name == "fmt --check" else "validate"]
        ratio = f["median"] / reference["median"]
        target = TARGETS.get(name)
        verdict = ""
        if target:
            ok = ratio <= target[0] and (target[1] is None or f["rss"] <= target[1])
            verdict = f"  target <= {target[0]:g}x" + (f", {target[1]:g} MB" if target[1] else "")
            verdict += "  met" if ok else "  MISSED"
        span = f"{f['min']:.2f}-{f['max']:.2f}"
        print(
            f"{name:<22} {f['median']:>9.2f} {span:>13} {ratio:>10.2f}x {f['rss']:>8.0f}{verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000, 1_000])
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            for count in args.counts:
                show(count, bench(count, args.runs, Path(folder), base))
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
