"""Write a synthetic, valid catalog of N resources (about 4 MB at 10,000) for the benchmarks."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TOPICS = ["attention", "long-sequences", "genomics", "proteins", "efficient-attention", "llm"]
KINDS = ["video", "course", "book", "article", "paper", "tutorial", "repository"]
LEVELS = ["beginner", "intermediate", "advanced"]
WORDS = (
    "transformer attention sequence protein genome model encoder decoder positional "
    "embedding sparse linear kernel memory context window scaling training inference token"
).split()


def generate(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["# yaml-language-server: $schema=catalog.schema.json", "topics:"]
    for topic in TOPICS:
        lines += [f"  {topic}:", f"    title: {topic.replace('-', ' ').title()}"]
        lines += [f"    description: Resources about {topic.replace('-', ' ')}."]
    lines.append("resources:")
    for i in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        en = " ".join(rng.choice(WORDS) for _ in range(6))
        fa = "مدل ترنسفورمر برای دنباله‌های طولانی و توالی‌های پروتئین"
        lines += [
            f"  - id: resource-{i:05d}",
            f"    title: {title} {i}",
            f"    url: https://host{i % 97}.example.org/articles/{i}/{rng.randrange(10**6)}",
            f"    kind: {rng.choice(KINDS)}",
            f"    topics: [{', '.join(rng.sample(TOPICS, 2))}]",
            f"    authors: [Author {rng.randrange(500)}, Author {rng.randrange(500)}]",
            f"    year: {rng.randrange(1990, 2026)}",
            f"    level: {rng.choice(LEVELS)}",
            "    language: en",
            f"    free: {rng.choice(['true', 'false'])}",
            "    description:",
            f"      en: {en.capitalize()}.",
            f"      fa: {fa.strip()}.",
        ]
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
