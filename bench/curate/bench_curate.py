"""Time the curation commands' round-trip editing on a large synthetic catalog.

    .venv/bin/python bench/curate/bench_curate.py [--count 10000]

ruamel.yaml is pure Python, so these numbers are far above the read-only commands' (which use
the Rust YAML reader); they are for information, not a target the suite asserts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))

from generate import generate

from catalog.curate.add import append_entry, build_entry
from catalog.curate.fmt import format_document
from catalog.curate.yamledit import Document, commit


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<40} {time.perf_counter() - start:6.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    text = generate(args.count)
    print(f"{args.count} resources, {len(text.encode()) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "resources.yaml"
        path.write_text(text, encoding="utf-8")
        doc = timed("read (ruamel round-trip load)", lambda: Document.read(path))
        timed("render (ruamel dump)", doc.render)
        values = {
            "id": "bench-new-entry", "title": "New", "url": "https://example.org/new",
            "kind": "article", "topics": ["attention"], "authors": ["A"], "year": 2024,
            "level": "beginner", "language": "en", "description": "New entry.",
        }  # fmt: skip
        entry, missing = build_entry(values)
        append_entry(doc, entry, missing)
        timed("add: render + validate + write", lambda: commit(doc))
        doc = Document.read(path)
        timed("fmt (reorder + render + checks)", lambda: format_document(doc))


if __name__ == "__main__":
    main()
