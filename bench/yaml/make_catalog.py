"""Write a synthetic catalog for the YAML-reader benchmark: keys out of canonical order, comments.

Builds on ``bench/core/generate.py`` (same vocabulary, same size: about 5 MB at 10,000 entries,
a Persian description on every entry) and adds what a real, hand-edited catalog has and a
reader must handle: a comment heading every 25 entries and a trailing comment now and then,
``added`` dates, double-quoted Persian text with a colon, an occasional folded block scalar, and
each entry's keys in a shuffled order (so ``fmt`` has work to do).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from generate import KINDS, LEVELS, TOPICS, WORDS

FA = "مدل ترنسفورمر برای دنباله‌های طولانی و توالی‌های پروتئین"


def _entry(rng: random.Random, i: int) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(6)]
    fields: list[list[str]] = [
        [f"title: {' '.join(words).capitalize()} {i}"],
        [f"url: https://host{i % 97}.example.org/articles/{i}/{rng.randrange(10**6)}"],
        [f"kind: {rng.choice(KINDS)}"],
        [f"topics: [{', '.join(rng.sample(TOPICS, 2))}]"],
        [f"authors: [Author {rng.randrange(500)}, Author {rng.randrange(500)}]"],
        [f"year: {rng.randrange(1990, 2026)}"],
        [f"level: {rng.choice(LEVELS)}"],
        ["language: en"],
        [f"free: {rng.choice(['true', 'false'])}"],
        [f"added: 20{rng.randrange(18, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}"],
    ]
    en = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
    if i % 10 == 3:
        description = ["description:", "  en: >-", f"    {en[:40]}", f"    {en[40:]}."]
    else:
        description = ["description:", f"  en: {en}."]
    fa = f'  fa: "{FA}: {rng.choice(WORDS)}."' if i % 3 == 0 else f"  fa: {FA}."
    fields.append([*description, fa])
    rng.shuffle(fields)
    lines = [f"  - id: resource-{i:05d}"]
    for field in fields:
        lines += [f"    {line}" for line in field]
    if i % 7 == 0:
        lines[-1] += "  # checked by hand"
    return lines


def generate(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["# yaml-language-server: $schema=catalog.schema.json", "", "topics:"]
    for topic in TOPICS:
        name = topic.replace("-", " ")
        lines += [f"  {topic}:", "    title:", f"      en: {name.title()}", f"      fa: {FA[:9]}"]
        lines += [f"    description: Resources about {name}."]
    lines += ["", "resources:"]
    for i in range(count):
        if i % 25 == 0:
            lines += ["", f"  # --- group {i // 25}: {rng.choice(WORDS)} ---"]
        lines += _entry(rng, i)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    args.output.write_text(generate(args.count), encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.count} resources, {size / 1e6:.1f} MB, to {args.output}")


if __name__ == "__main__":
    main()
