"""Cost of content checks (issue 16): ``catalog check`` with and without ``--no-content``.

    .venv/bin/python bench/linkcheck/content.py [--urls 2000] [--runs 5]

Starts ``server.py --html`` (8 hosts on 127.0.0.x, 50 ms latency, a 30 KB HTML page with its
own title under ``/r/N``, a 404 for any other path, so the soft-404 probe finds nothing), writes
a catalog of N such pages, warms one link cache per mode, then alternates the two modes
``--runs`` times (``--max-age 0``: every page is fetched again, as on a nightly run with a
day-old cache). Prints medians of wall time and CPU, the extra CPU per page, the wall-time
ratio, and how many requests each host received in one content run beyond one per page.
Targets: at most one extra request per host, at most 0.5 ms of extra CPU per page, at most
1.5 x the wall time of --no-content. Nothing leaves loopback.

By default both modes run flat out (128 requests in flight, 16 per host), which makes the
client CPU-bound, so the wall-time ratio is close to the CPU ratio. ``--polite`` runs them with
``catalog check``'s own defaults instead (64 in flight, 4 per host), as a nightly run does.
"""

from __future__ import annotations

import ast
import statistics
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PY, arguments, start_server, timed, write_inputs

HERE = Path(__file__).resolve().parent


def stats(address: str) -> dict[str, int]:
    with urllib.request.urlopen(f"http://{address}/__stats", timeout=10) as answer:  # loopback
        counts: dict[str, int] = ast.literal_eval(answer.read().decode())
    return counts


FLAT_OUT = ("--concurrency", "128", "--per-host", "16", "--interval", "0")


def command(catalog: Path, cache: Path, limits: tuple[str, ...], *extra: str) -> list[str]:
    script = str(Path(PY).with_name("catalog"))
    return [
        script, "check", "-c", str(catalog), "--cache", str(cache), "--max-age", "0",
        "--allow-network", "127.0.0.0/8", *limits, "-f", "json", "-o", "/dev/null", *extra,
    ]  # fmt: skip


def main() -> None:
    parser = arguments()
    parser.add_argument("--polite", action="store_true", help="catalog check's default limits")
    args = parser.parse_args()
    limits = () if args.polite else FLAT_OUT
    server, addresses = start_server("asyncio", args.hosts, args.latency, "--html")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            catalog, _ = write_inputs(folder, addresses, args.urls)
            plain_cache, content_cache = folder / "plain.json", folder / "content.json"
            timed(command(catalog, plain_cache, limits, "--no-content"))  # warm caches and pages
            timed(command(catalog, content_cache, limits))
            before = stats(addresses[0])
            timed(command(catalog, content_cache, limits))
            after = stats(addresses[0])
            plain, content = [], []
            for _ in range(args.runs):
                plain.append(timed(command(catalog, plain_cache, limits, "--no-content")))
                content.append(timed(command(catalog, content_cache, limits)))
    finally:
        server.terminate()
        server.wait()
    per_host = args.urls / args.hosts
    extra = {host: after.get(host, 0) - before.get(host, 0) - per_host for host in after}
    p_wall, c_wall = (statistics.median(r[0] for r in runs) for runs in (plain, content))
    p_cpu, c_cpu = (statistics.median(r[1] for r in runs) for runs in (plain, content))
    setting = "catalog check's defaults" if args.polite else "flat out, 128 / 16 per host"
    print(f"{args.urls} HTML pages (~30 KB) over {args.hosts} hosts, {args.runs} runs each")
    print(f"limits: {setting}")
    print(f"--no-content: {p_wall:.2f} s wall, {p_cpu / args.urls * 1000:.3f} ms CPU per page")
    print(f"content:      {c_wall:.2f} s wall, {c_cpu / args.urls * 1000:.3f} ms CPU per page")
    print(f"extra CPU per page: {(c_cpu - p_cpu) / args.urls * 1000:.3f} ms (target <= 0.5)")
    print(f"wall-time ratio: {c_wall / p_wall:.2f} x --no-content (target <= 1.5)")
    print(f"extra requests per host in one content run: {sorted(extra.values())} (target <= 1)")


if __name__ == "__main__":
    main()
