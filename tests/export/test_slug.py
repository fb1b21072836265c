"""The slugger against GitHub's rules and, when installed, github-slugger itself."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from catalog.export._slug_table import SLUGGER_VERSION
from catalog.export.slug import _REMOVED, Slugger, slug

from .helpers import ROOT, node_package


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Hello World", "hello-world"),
        ("C++ & Rust: “fast” code", "c--rust-fast-code"),
        ("  Leading and  double  spaces ", "--leading-and--double--spaces-"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Emoji 🚀 rocket", "emoji--rocket"),
        ("Ünïcödé Ωmega", "ünïcödé-ωmega"),
        ("مدل‌های زبانی (LLM)", "مدلهای-زبانی-llm"),  # ZWNJ is a format character: removed
        ("فصل ۲: توجه", "فصل-۲-توجه"),  # Persian digits are numbers: kept
        ("\u200eAttention\u200e (به انگلیسی)", "attention-به-انگلیسی"),
        ("x² and ½", "x-and-"),  # other numbers are removed, as github-slugger does
    ],
)
def test_slug(heading: str, anchor: str) -> None:
    assert slug(heading) == anchor


def test_repeats_get_numbered_like_github() -> None:
    slugger = Slugger(taken=["Intro"])
    assert [slugger.slug(t) for t in ["Intro", "Intro", "Intro 1", "intro"]] == [
        "intro-1",
        "intro-2",
        "intro-1-1",
        "intro-3",
    ]


@pytest.mark.slow
def test_table_is_github_slugger_code_point_for_code_point() -> None:
    package = node_package("github-slugger")
    installed = json.loads((package / "package.json").read_text())["version"]
    assert installed == SLUGGER_VERSION, "regenerate with tests/export/tools/gen_slug_table.py"
    # Every code point, one at a time, through the real class and ours. (Lower-casing is left
    # out: it follows each runtime's Unicode version, which differs for a few new letters.)
    script = (
        f"const {{regex}} = await import({json.dumps(str(package / 'regex.js'))});"
        "const out = [];"
        "for (let cp = 0; cp <= 0x10FFFF; cp++) {"
        " if (cp >= 0xD800 && cp <= 0xDFFF) continue;"
        " if (String.fromCodePoint(cp).replace(regex, '') === '') out.push(cp); }"
        "process.stdout.write(JSON.stringify(out));"
    )
    removed = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True
    ).stdout
    theirs = set(json.loads(removed))
    ours = {
        cp
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp <= 0xDFFF and _REMOVED.fullmatch(chr(cp))
    }
    assert ours == theirs


def test_generator_script_exists() -> None:
    assert (ROOT / "tests" / "export" / "tools" / "gen_slug_table.py").is_file()
