"""Run every candidate over the tricky corpus; print where each differs from YAML 1.2 core.

    python bench/yaml/check_corpus.py              # a Markdown table of the differences
    python bench/yaml/check_corpus.py --all        # every case, including agreements

The expectation is the value worked out from the YAML 1.2 spec (``corpus.py``); ruamel.yaml's
own YAML 1.2 loader (``typ="safe"``, pure Python) is shown beside it as the reference library.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# This folder, and tests/yamldoc for the comparison the differential tests make (agree.py).
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "tests" / "yamldoc")]

from agree import ERROR, outcome, reference, same  # noqa: E402
from candidates import READERS  # noqa: E402
from corpus import CASES  # noqa: E402

SHOWN = ["yamldoc", "tree-sitter", "rapidyaml", "pyyaml-compose", "yamlcore", "yaml-rs",
         "ruamel-safe-c", "libfyaml"]  # fmt: skip


def plain(value: Any) -> Any:
    """Python data with ruamel's and libfyaml's own types turned into dict, list, str."""
    if hasattr(value, "to_python"):
        value = value.to_python()
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def short(value: Any) -> str:
    text = "error" if value == ERROR else repr(value)
    text = text if len(text) <= 38 else text[:35] + "..."
    return text.replace("|", "\\|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="show agreements too")
    args = parser.parse_args()
    names = [n for n in SHOWN if n in READERS]
    columns = ["ruamel 1.2", *names]
    print("| case | YAML 1.2 core | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    differences = dict.fromkeys(columns, 0)
    for title, text, expected in CASES:
        row = [outcome(lambda t: plain(reference(t)), text)]
        for name in names:
            row.append(outcome(lambda t, n=name: plain(READERS[n](t, {})[0]), text))
        marks = []
        for column, value in zip(columns, row, strict=True):
            agrees = same(value, expected)
            differences[column] += not agrees
            marks.append("ok" if agrees else short(value))
        if args.all or any(m != "ok" for m in marks):
            print(f"| {title} | {short(expected)} | " + " | ".join(marks) + " |")
    print(
        f"\ncases: {len(CASES)}; differences per reader: "
        + ", ".join(f"{name} {count}" for name, count in differences.items())
    )


if __name__ == "__main__":
    main()
