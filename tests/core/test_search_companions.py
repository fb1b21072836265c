"""Search ties: a main entry comes before its companions, even an older companion."""

from __future__ import annotations

from pathlib import Path

from catalog import load
from catalog.search import search

ENTRY = """\
  - id: {id}
    title: Hyena DNA model
    url: https://example.org/{id}
    kind: {kind}
    topics: [genomics]
    authors: [Eric Nguyen]
    year: {year}
    level: advanced
    language: en
{extra}    description: A long-range DNA model.
"""


def _catalog(tmp_path: Path, *, linked: bool) -> Path:
    extra = "    companions:\n      - {id: hyena-repo, role: code}\n" if linked else ""
    text = "topics:\n  genomics:\n    title: Genomics\n    description: DNA.\nresources:\n"
    text += ENTRY.format(id="hyena-repo", kind="repository", year=2022, extra="")
    text += ENTRY.format(id="hyena-paper", kind="paper", year=2023, extra=extra)
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_older_entry_first_on_a_tie_without_companions(tmp_path: Path) -> None:
    hits = search(load(_catalog(tmp_path, linked=False)), "hyena dna")
    assert [h.resource.id for h in hits] == ["hyena-repo", "hyena-paper"]


def test_main_entry_outranks_its_companion_on_a_tie(tmp_path: Path) -> None:
    hits = search(load(_catalog(tmp_path, linked=True)), "hyena dna")
    assert [h.resource.id for h in hits] == ["hyena-paper", "hyena-repo"]
    assert hits[0].score == hits[1].score
