"""Why the models are dataclasses that Pydantic validates, and why the index cache is JSON.

Run by hand (never in the test suite):

    python bench/core/bench_model.py            # medians of whole processes and in-process steps

Whole processes (wall time, medians):
  * the interpreter floor, importing catalog.models, and importing Pydantic's BaseModel: the
    least any Pydantic model class costs, whatever ``defer_build`` saves on building it;
  * a warm `catalog search attention` on the shipped catalog, as shipped and with Pydantic
    imported first: what the search would pay if a Resource were a Pydantic model.
In-process, on a generated 10,000-entry catalog with a warm cache: the steps of load_index
(read, JSON decode, building the Resources), ranking, and what building
the same Resources would cost through their __init__ or through Pydantic validation.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(BENCH), str(BENCH / "core")]

from benchkit import ROOT, arguments, median_of, timed  # noqa: E402
from generate import generate  # noqa: E402

PYDANTIC = "from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator"


def whole(argv: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(timed(argv, env, runs, warm=True))


def main() -> None:
    parser = arguments(__doc__, runs=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "CATALOG_CACHE_DIR": str(work / "cache"), "COLUMNS": "100"}
        os.environ["CATALOG_CACHE_DIR"] = env["CATALOG_CACHE_DIR"]
        py = sys.executable
        search = "import sys; sys.argv = ['catalog', 'search', 'attention', '-c', {!r}]; "
        search = search.format(str(ROOT / "resources.yaml"))
        search += "from catalog.cli import main; main()"
        cases = [
            ("python -c pass", [py, "-c", "pass"]),
            ("import catalog.models", [py, "-c", "import catalog.models"]),
            ("import Pydantic's BaseModel", [py, "-c", PYDANTIC]),
            ("search attention, warm", [py, "-c", search]),
            ("the same, Pydantic imported first", [py, "-c", f"{PYDANTIC}; {search}"]),
        ]
        print(f"whole processes, {args.runs} runs each (median)")
        for name, argv in cases:
            print(f"  {name:36} {1000 * whole(argv, env, args.runs):7.1f} ms")

        big = work / "big.yaml"
        big.write_text(generate(args.count), encoding="utf-8")
        in_process(big, max(3, args.runs // 2))


def in_process(path: Path, runs: int) -> None:
    from catalog.index import cache_dir, cache_key, load_index
    from catalog.modelkit import from_json, validate
    from catalog.models import Catalog, Resource
    from catalog.search import rank

    load_index(path)  # builds and caches the index
    key = cache_key(path.read_bytes())
    cached = cache_dir() / f"index-{key[:32]}.json"
    raw = cached.read_bytes()
    data = json.loads(raw)
    resources = data["catalog"]["resources"]
    index = load_index(path)
    plain = [{**r, "check": None, "added": None} for r in resources]
    steps = {
        "read the cache file": lambda: cached.read_bytes(),
        "json.loads": lambda: json.loads(raw),
        "Resources via from_json": lambda: from_json(Catalog, data["catalog"]),
        "load_index, whole": lambda: load_index(path),
        "rank 'transformer'": lambda: rank(index, "transformer"),
        "Resources via __init__": lambda: [Resource(**r) for r in plain],
        "Resources via Pydantic": lambda: [validate(Resource, r) for r in plain],
    }
    print(f"\nin-process, {len(resources):,} resources, cache file {len(raw) / 1e6:.1f} MB")
    for name, step in steps.items():
        print(f"  {name:36} {1000 * median_of(step, runs):7.1f} ms")


if __name__ == "__main__":
    main()
