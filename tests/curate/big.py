"""A large, valid, hand-edited-looking catalog for the safety tests: 1,000 entries by default.

Every entry's keys are shuffled (so ``fmt`` has work everywhere), a comment heads every 25
entries, one ends every 7th entry's last line and one stands above a key inside every 11th;
descriptions are translated, some as folded blocks, some double-quoted with a colon.
"""

from __future__ import annotations

import random

TOPICS = {"attention": ["self-attention"], "code": [], "papers": []}
KINDS = ["video", "course", "book", "article", "paper", "tutorial", "repository"]
LEVELS = ["beginner", "intermediate", "advanced"]
WORDS = "transformer attention sequence protein model encoder decoder token".split()
FA = "مدل ترنسفورمر برای دنباله‌های طولانی"


def url(i: int) -> str:
    return f"https://host{i % 97}.example.org/articles/{i}"


def _entry(rng: random.Random, i: int) -> list[str]:
    en = " ".join(rng.choice(WORDS) for _ in range(10)).capitalize()
    fields = [
        [f"title: {' '.join(rng.choice(WORDS) for _ in range(4)).capitalize()} {i}"],
        [f"url: {url(i)}"],
        [f"kind: {rng.choice(KINDS)}"],
        [f"topics: [{', '.join(rng.sample(sorted(TOPICS), 2))}]"],
        [f"authors: [Author {rng.randrange(50)}]"],
        [f"year: {rng.randrange(1990, 2026)}"],
        [f"level: {rng.choice(LEVELS)}"],
        ["language: en"],
        [f"added: 2024-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"],
    ]
    if i % 10 == 3:
        fields.append(
            ["description:", "  en: >-", f"    {en[:30]}", f"    {en[30:]}.", f"  fa: {FA}."]
        )
    elif i % 3 == 0:
        fields.append(["description:", f"  en: {en}.", f'  fa: "{FA}: {i}."'])
    else:
        fields.append([f"description: {en}."])
    rng.shuffle(fields)
    if i % 11 == 5:
        fields[3] = [f"# note on entry {i}", *fields[3]]
    lines = [f"  - id: resource-{i:04d}"] + [f"    {line}" for f in fields for line in f]
    if i % 7 == 0:
        lines[-1] += f"  # checked {i}"
    return lines


def catalog(count: int = 1000, seed: int = 13) -> str:
    rng = random.Random(seed)
    lines = ["# yaml-language-server: $schema=catalog.schema.json", "", "topics:"]
    for topic, aliases in TOPICS.items():
        lines += [f"  {topic}:", f"    title: {topic.title()}", f"    description: About {topic}."]
        if aliases:
            lines.append(f"    aliases: [{', '.join(aliases)}]")
    lines += ["", "resources:"]
    for i in range(count):
        if i % 25 == 0:
            lines += ["", f"  # --- group {i // 25} ---"]
        lines += _entry(rng, i)
    lines.append("# end of the list")
    return "\n".join(lines) + "\n"
