"""Link-checker benchmark: catalog check against lychee on local servers only.

    .venv/bin/python bench/linkcheck/bench.py [--urls 2000] [--latency 0.05] [--runs 5]
                                              [--rss-urls 20000]

Starts ``server.py`` in its own process (8 hosts on 127.0.0.x, fixed latency), writes a
catalog of N URLs spread over the hosts (and the same URLs as a Markdown file for lychee),
then, ``--runs`` times each: the check phase alone (``phase.py``), the whole ``catalog check``
process, and ``lychee``. Prints medians, ratios, CPU per link and peak RSS at ``--rss-urls``.
Every URL is on loopback; nothing else is contacted.
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

HERE = Path(__file__).resolve().parent
PY = sys.executable


def start_server(
    kind: str, hosts: int, latency: float, *extra: str
) -> tuple[subprocess.Popen[str], list[str]]:
    """``asyncio``: server.py, a bare protocol that costs almost no CPU; ``node``: server.mjs,
    Node's http module, a real server that competes with the client for the 2 cores."""
    program = [PY, str(HERE / "server.py")]
    if kind == "node":
        program = [shutil.which("node") or "node", str(HERE / "server.mjs")]
    proc = subprocess.Popen(
        [*program, "--hosts", str(hosts), "--latency", str(latency), *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    addresses = []
    for line in proc.stdout:
        if line.strip() == "ready":
            break
        addresses.append(line.strip())
    return proc, addresses


def write_inputs(folder: Path, addresses: list[str], n: int) -> tuple[Path, Path]:
    urls = [f"http://{addresses[i % len(addresses)]}/r/{i}" for i in range(n)]
    entries = [
        f"  - id: r{i}\n    title: R{i}\n    url: {url}\n    kind: article\n"
        "    topics: [t]\n    authors: [A]\n    year: 2020\n    level: beginner\n"
        "    language: en\n    description: d\n"
        for i, url in enumerate(urls)
    ]
    catalog = folder / f"catalog-{n}.yaml"
    catalog.write_text(
        "topics:\n  t:\n    title: T\n    description: D\nresources:\n" + "".join(entries)
    )
    markdown = folder / f"links-{n}.md"
    markdown.write_text("".join(f"- <{u}>\n" for u in urls))
    return catalog, markdown


def timed(args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one child process, and its stdout."""
    with tempfile.TemporaryFile() as captured:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=captured, stderr=subprocess.DEVNULL)
        # wait4 gives this child's own rusage: CPU time and peak RSS (ru_maxrss, in KiB).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        captured.seek(0)
        out = captured.read().decode()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def catalog_cmd(catalog: Path, transport: str = "httpx-aiohttp") -> list[str]:
    script = [str(Path(PY).with_name("catalog"))]
    if transport == "httpcore":
        script = [PY, str(HERE / "with_httpcore.py")]
    return [
        *script, "check", "-c", str(catalog), "--no-cache",
        "--allow-network", "127.0.0.0/8", "--concurrency", "128", "--per-host", "16",
        "--interval", "0", "-f", "json", "-o", os.devnull,
    ]  # fmt: skip


def lychee_cmd(markdown: Path) -> list[str]:
    lychee = shutil.which("lychee") or str(Path(PY).with_name("lychee"))
    return [
        lychee, "--no-progress", "--max-concurrency", "128", "--host-concurrency", "16",
        "--host-request-interval", "0ms", "--format", "json", str(markdown),
    ]  # fmt: skip


def arguments() -> argparse.ArgumentParser:
    """The options every link-check benchmark takes: how many URLs over how many hosts, the
    servers' latency and how many runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=5)
    return parser


def main() -> None:
    parser = arguments()
    parser.add_argument("--rss-urls", type=int, default=20000)
    parser.add_argument("--server", choices=("asyncio", "node"), default="asyncio")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also time the check phase and whole process over httpx's own transport (httpcore)",
    )
    args = parser.parse_args()
    ideal = args.urls * args.latency / 128
    server, addresses = start_server(args.server, args.hosts, args.latency)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            catalog, markdown = write_inputs(folder, addresses, args.urls)
            phase, whole, lychee = [], [], []
            for _ in range(args.runs):
                _, _, _, out = timed([PY, str(HERE / "phase.py"), str(catalog)])
                phase.append(json.loads(out))
                whole.append(timed(catalog_cmd(catalog)))
                lychee.append(timed(lychee_cmd(markdown)))
            check_s = statistics.median(p["check_s"] for p in phase)
            check_cpu = statistics.median(p["check_cpu_s"] for p in phase)
            whole_s = statistics.median(w[0] for w in whole)
            whole_cpu = statistics.median(w[1] for w in whole)
            lychee_s = statistics.median(w[0] for w in lychee)
            print(
                f"URLs: {args.urls} over {args.hosts} hosts, latency {args.latency * 1000:.0f} ms,"
                f" server: {args.server}, runs: {args.runs}"
            )
            print(f"statuses (last check phase): {phase[-1]['statuses']}")
            print(f"ideal:                  {ideal:.2f} s")
            print(f"check phase (median):   {check_s:.2f} s  = {check_s / ideal:.2f} x ideal")
            print(f"catalog check process:  {whole_s:.2f} s  = {whole_s / lychee_s:.2f} x lychee")
            print(f"lychee process:         {lychee_s:.2f} s")
            print(f"CPU per link, check phase:   {check_cpu / args.urls * 1000:.3f} ms")
            print(f"CPU per link, whole process: {whole_cpu / args.urls * 1000:.3f} ms")
            floors = [
                json.loads(timed([PY, str(HERE / "floor.py"), str(catalog)])[3])["floor_s"]
                for _ in range(args.runs)
            ]
            floor = statistics.median(floors)
            print(f"floor, bare aiohttp:    {floor:.2f} s  (check phase = {check_s / floor:.2f} x)")
            print(f"whole process / lychee: {whole_s / lychee_s:.2f} x (target <= 3)")
            if args.compare:
                for name in ("httpx-aiohttp", "httpcore"):
                    runs = [
                        json.loads(timed([PY, str(HERE / "phase.py"), str(catalog), name])[3])
                        for _ in range(args.runs)
                    ]
                    wall = statistics.median(r["check_s"] for r in runs)
                    cpu = statistics.median(r["check_cpu_s"] for r in runs) / args.urls * 1000
                    procs = [timed(catalog_cmd(catalog, name)) for _ in range(args.runs)]
                    p_wall = statistics.median(w[0] for w in procs)
                    p_cpu = statistics.median(w[1] for w in procs) / args.urls * 1000
                    print(
                        f"{name:14} check phase {wall:5.2f} s, {cpu:.3f} ms CPU/link; whole "
                        f"process {p_wall:5.2f} s = {p_wall / lychee_s:.2f} x lychee, "
                        f"{p_cpu:.3f} ms CPU/link"
                    )
            if args.rss_urls:
                big, _ = write_inputs(folder, addresses, args.rss_urls)
                names = ("httpx-aiohttp", "httpcore") if args.compare else ("httpx-aiohttp",)
                for name in names:
                    wall, cpu, rss, _ = timed(catalog_cmd(big, name))
                    print(
                        f"{args.rss_urls} URLs over {name}: {wall:.2f} s wall, "
                        f"{cpu / args.rss_urls * 1000:.3f} ms CPU per link, peak RSS {rss:.0f} MB"
                    )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
