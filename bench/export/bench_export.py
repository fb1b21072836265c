"""Benchmark `catalog export --format markdown` as a user meets it: a whole process, wall time.

Run by hand (never in the test suite):

    python bench/export/bench_export.py          # 9 runs per case; medians against the target

Target (issue 4, section 5): exporting a generated 10,000-entry catalog (about 4 MB) to Markdown
takes <= 1 s for the whole process. The in-process split (load vs. render) says where the time
goes. The catalog comes from bench/core/generate.py, the same file the core benchmarks use.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(BENCH), str(BENCH / "core")]

from benchkit import catalog_script, timed  # noqa: E402
from generate import generate  # noqa: E402

TARGET_S = 1.0


def in_process(path: Path, runs: int, lang: str) -> dict[str, float]:
    """Medians of each step of a warm export, and of catalog.load for comparison."""
    import catalog
    from catalog.export import ExportOptions, Format, render
    from catalog.index import load_index

    steps: dict[str, list[float]] = {"load_index": [], "render": [], "catalog.load": []}
    for _ in range(runs):
        start = time.perf_counter()
        index = load_index(path)
        indexed = time.perf_counter()
        render(index.catalog, Format.markdown, ExportOptions(lang=lang))
        rendered = time.perf_counter()
        catalog.load(path)
        steps["load_index"].append(indexed - start)
        steps["render"].append(rendered - indexed)
        steps["catalog.load"].append(time.perf_counter() - rendered)
    return {name: statistics.median(times) for name, times in steps.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()

    script = catalog_script("pip install -e .")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CATALOG_CACHE_DIR"] = str(Path(folder) / "cache")
        env = {**os.environ, "NO_COLOR": "1"}
        path = Path(folder) / "big.yaml"
        path.write_text(generate(args.count), encoding="utf-8")
        size = path.stat().st_size / 1e6
        print(f"catalog: {args.count} resources, {size:.1f} MB, {args.runs} runs per case")
        out = Path(folder) / "out.md"
        cases = [
            ("export markdown (en) to stdout", [script, "export", "-c", str(path)]),
            (
                "export markdown (fa) -o FILE",
                [script, "export", "-c", str(path), "--lang", "fa", "-o", str(out)],
            ),
            ("validate (load only, for scale)", [script, "validate", "-c", str(path)]),
            ("catalog --version (start-up)", [script, "--version"]),
        ]
        cold = timed(cases[0][1], env, 1)[0]  # the first export of these bytes builds the index
        print(f"{'first export (index cache cold)':36} {cold:6.3f} s  (no target; once per edit)")
        for name, argv in cases:
            times = timed(argv, env, args.runs)
            median = statistics.median(times)
            mark = ""
            if name.startswith("export"):
                mark = "  OK" if median <= TARGET_S else f"  OVER the {TARGET_S:.1f} s target"
            spread = f"(min {min(times):.3f}, max {max(times):.3f})"
            print(f"{name:36} median {median:6.3f} s  {spread}{mark}")
        for lang in ("en", "fa"):
            steps = in_process(path, max(3, args.runs // 3), lang)
            shown = ", ".join(f"{name} {seconds:.3f} s" for name, seconds in steps.items())
            print(f"in-process ({lang}): {shown}")


if __name__ == "__main__":
    main()
