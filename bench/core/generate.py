"""Write a synthetic, valid catalog of N resources for the benchmarks: the one generator.

Two styles from the same vocabulary (about 5 MB at 10,000 entries, a Persian description on
every entry):

* plain (the default): keys in canonical order, no comments; what the core, search and export
  benchmarks read;
* ``--hand-edited``: what a real, hand-edited catalog has and a reader or editor must handle:
  a comment heading every 25 entries and a trailing comment now and then, ``added`` dates,
  double-quoted Persian text with a colon, an occasional folded block scalar, and each entry's
  keys in a shuffled order (so ``fmt`` has work to do); the YAML and curation benchmarks read it.
"""

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
FA = "مدل ترنسفورمر برای دنباله‌های طولانی و توالی‌های پروتئین"


def _plain_entry(rng: random.Random, i: int) -> list[str]:
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    en = " ".join(rng.choice(WORDS) for _ in range(6))
    return [
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
        f"      fa: {FA}.",
    ]


def _hand_edited_entry(rng: random.Random, i: int) -> list[str]:
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


def generate(count: int, seed: int = 7, *, hand_edited: bool = False) -> str:
    """The catalog text of `count` resources; the same seed and style give the same bytes."""
    rng = random.Random(seed)
    lines = ["# yaml-language-server: $schema=catalog.schema.json"]
    lines += ["", "topics:"] if hand_edited else ["topics:"]
    for topic in TOPICS:
        name = topic.replace("-", " ")
        if hand_edited:
            lines += [f"  {topic}:", "    title:", f"      en: {name.title()}"]
            lines += [f"      fa: {FA[:9]}"]
        else:
            lines += [f"  {topic}:", f"    title: {name.title()}"]
        lines += [f"    description: Resources about {name}."]
    lines += ["", "resources:"]  # canonical: the root's sections one blank line apart
    for i in range(count):
        if hand_edited:
            if i % 25 == 0:
                lines += ["", f"  # --- group {i // 25}: {rng.choice(WORDS)} ---"]
            lines += _hand_edited_entry(rng, i)
        else:
            lines += _plain_entry(rng, i)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("output", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument(
        "--hand-edited",
        action="store_true",
        help="comments, shuffled keys, folded and quoted text (the YAML and curation benches)",
    )
    args = parser.parse_args()
    text = generate(args.count, hand_edited=args.hand_edited)
    args.output.write_text(text, encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.count} resources, {size / 1e6:.1f} MB, to {args.output}")


if __name__ == "__main__":
    main()
