"""`catalog import`: a Markdown list becomes topics and resources, with a clear report."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from catalog.curate.importer import import_list
from catalog.curate.mdlist import parse
from catalog.curate.yamledit import Document, check_edit, comment_census

from .conftest import FIXTURES, run

LIST = FIXTURES / "awesome-transformers.md"
MARKDOWN = LIST.read_text(encoding="utf-8")


def _links(markdown: str) -> set[str]:
    """Every http(s) link target in Markdown, found independently of the importer."""
    return set(re.findall(r"\]\((https?://[^)\s]+)\)", markdown))


def test_the_fixture_list_has_over_a_hundred_items_in_varied_forms() -> None:
    parsed = parse(MARKDOWN)
    assert len(parsed.items) >= 100
    by_line = {item.line: item for item in parsed.items}
    vaswani = by_line[77]  # numbered item, "by A, B - description"
    assert vaswani.title == "Attention Is All You Need"
    assert vaswani.authors[:2] == ("Ashish Vaswani", "Noam Shazeer")
    assert len(vaswani.authors) == 8
    assert vaswani.description == "The paper that introduced the transformer."
    assert vaswani.heading is not None
    assert vaswani.heading.title == "Papers"
    bloem = by_line[23]  # "(2019)" inside the description
    assert (bloem.year, bloem.description) == (
        2019,
        "Builds self-attention up from first principles.",
    )
    jurafsky = by_line[160]  # "A & B"
    assert jurafsky.authors == ("Dan Jurafsky", "James H. Martin")
    nested = by_line[101]  # under the "Lectures" label item
    assert nested.labels == ("lectures",)
    bold = by_line[157]  # **[title](url)**
    assert bold.title == "Natural Language Processing with Transformers"
    assert by_line[136].title == "Transformers documentation"  # a sub-item of a linked item
    assert by_line[136].heading is not None
    assert by_line[136].heading.title == "Code"


def test_every_line_that_is_not_understood_is_reported_with_its_number() -> None:
    unparsed = {(u.line, u.reason) for u in parse(MARKDOWN).unparsed}
    assert unparsed == {
        (180, "link outside a list item; make it a '- ' item"),
        (186, "no link in this item"),
        (187, "'docs/notes.md' is not a web (http or https) link"),
        (188, "'' is not a web (http or https) link"),
        (189, "'mailto:maintainers@example.org' is not a web (http or https) link"),
        (190, "no link in this item"),
        (191, "the link has no text to use as a title; write '- [Title](URL)' or '- Title URL'"),
    }


def test_contents_and_license_sections_are_skipped() -> None:
    parsed = parse(MARKDOWN)
    titles = [h.title for h in parsed.headings]
    assert "Contents" not in titles
    assert "License" not in titles
    assert not any("creativecommons" in item.url for item in parsed.items)


def _import(path: Path) -> tuple[Document, str, frozenset[str], object]:
    doc = Document.read(path, create=True)
    report = import_list(doc, parse(MARKDOWN), source=LIST.name, today=dt.date(2026, 11, 26))
    return doc, doc.apply(report.splices), frozenset(report.placeholders), report


def test_import_into_a_new_catalog_gives_the_same_links(tmp_path: Path) -> None:
    doc, text, placeholders, report = _import(tmp_path / "new.yaml")
    check_edit(doc, text, placeholders)
    data = yaml.safe_load(text)
    urls = {r["url"] for r in data["resources"]}
    parsed = parse(MARKDOWN)
    skipped = {u.text for u in parsed.unparsed}
    boilerplate = ("awesome.re", "licensebuttons.net", "creativecommons.org")  # badge, licence
    expected = {
        url
        for url in _links(MARKDOWN)
        if not url.split("/")[2].endswith(boilerplate) and not any(url in s for s in skipped)
    }
    merged = {m.url for m in report.merged}  # type: ignore[attr-defined]
    assert urls == expected - merged
    assert merged == {
        "https://arxiv.org/pdf/1706.03762",  # same arXiv id as the abs page
        "https://nlp.seas.harvard.edu/annotated-transformer",  # same canonical URL
    }


def test_placeholders_mark_what_markdown_cannot_say(tmp_path: Path) -> None:
    _, text, placeholders, _ = _import(tmp_path / "new.yaml")
    data = yaml.safe_load(text)
    first = data["resources"][0]
    assert first == {
        "id": "the-illustrated-transformer",
        "title": "The Illustrated Transformer",
        "url": "https://jalammar.github.io/illustrated-transformer/",
        "kind": "article",
        "topics": ["start-here"],
        "authors": ["Jay Alammar"],
        "year": "TODO",
        "level": "TODO",
        "language": "en",
        "description": "The classic picture-by-picture walk through the encoder and decoder.",
        "added": dt.date(2026, 11, 26),
    }
    vaswani = next(r for r in data["resources"] if r["url"] == "https://arxiv.org/abs/1706.03762")
    assert (vaswani["kind"], vaswani["year"], vaswani["arxiv"]) == ("paper", 2017, "1706.03762")
    channel = next(r for r in data["resources"] if "@SerranoAcademy" in r["url"])
    assert (channel["kind"], channel["authors"], channel["description"]) == (
        "TODO",
        "TODO",
        "A channel of friendly math-first explainers.",
    )
    assert "resources[the-illustrated-transformer].level" in placeholders


def test_validate_lists_each_placeholder_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    code, _, err = run("import", str(LIST), "-c", str(path))
    assert code == 0, err
    lines = path.read_text(encoding="utf-8").splitlines()
    code, out, _ = run("validate", "-c", str(path), "--format", "json")
    assert code == 1
    problems = json.loads(out)["problems"]
    todo_lines = [
        i + 1 for i, line in enumerate(lines) if line.endswith((": TODO", ': ""', "[TODO]"))
    ]
    assert sorted(p["line"] for p in problems) == todo_lines
    level = next(p for p in problems if p["path"] == "resources[0].level")
    assert level["message"] == "text 'TODO' is not one of: beginner, intermediate, advanced"
    assert lines[level["line"] - 1] == "    level: TODO"
    year = next(p for p in problems if p["path"] == "resources[0].year")
    assert year["message"] == "expected a whole number, got text 'TODO'"


def test_import_into_an_existing_catalog_keeps_every_comment_and_entry(
    copy_fixture: Callable[[str], Path],
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_text(encoding="utf-8")
    code, _, err = run("import", str(LIST), "-c", str(path))
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    today = dt.date.today().isoformat()
    after = after.replace(f"added: {today}", "added: 2026-11-26")
    assert comment_census(before) - comment_census(after) == {}
    # New entries come after the old ones, under a comment naming the list.
    block = "skip: true}\n\n  # --- Imported from awesome-transformers.md ---\n  - id: the-annotated-transformer\n"
    assert block in after
    # Keys in the schema's order (fmt's); the last comment stays last.
    assert after.endswith(
        "    added: 2026-11-26\n    description: A forward pass with random weights, by hand.\n"
        "# end of file\n"
    )
    # New topics follow the old ones, before the blank line that ends the section.
    assert "    description: Research papers.\n  start-here:\n" in after
    assert (
        '  blogs-and-articles:\n    title: Blogs and articles\n    description: ""\n\npaths:'
        in after
    )
    old, new = yaml.safe_load(before), yaml.safe_load(after)
    ids = [r["id"] for r in new["resources"]]
    assert ids[:3] == ["illustrated", "vaswani-2017", "nanogpt"]
    # Existing entries are untouched except for topics the list adds to them.
    for was, now in zip(old["resources"], new["resources"], strict=False):
        assert {k: v for k, v in now.items() if k != "topics"} == {
            k: v for k, v in was.items() if k != "topics"
        }
        assert now["topics"][: len(was["topics"])] == was["topics"]
    assert new["resources"][0]["topics"] == ["attention", "start-here"]  # merged by URL
    assert re.search(
        r"=\s+21  https://jalammar.github.io/illustrated-transformer/ -> illustrated \(\+ topic start-here\)",
        err,
    )
    assert "imported 115, merged 5, not understood 7; new topics 7" in err


def test_dry_run_writes_nothing_and_shows_the_diff(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, out, err = run("import", str(LIST), "-c", str(path), "--dry-run")
    assert code == 0, err
    assert path.read_bytes() == before
    assert "+  # --- Imported from awesome-transformers.md ---" in out
    assert "would import 115" in err
    assert "  ?  186  no link in this item: - TODO: add the Perceiver paper" in err


def test_json_report(tmp_path: Path) -> None:
    code, out, _ = run("import", str(LIST), "-c", str(tmp_path / "n.yaml"), "--json", "--dry-run")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "source",
        "catalog",
        "written",
        "imported",
        "merged",
        "unparsed",
        "new_topics",
    }
    assert data["written"] is False
    assert data["imported"][0] == {
        "line": 21,
        "id": "the-illustrated-transformer",
        "title": "The Illustrated Transformer",
        "url": "https://jalammar.github.io/illustrated-transformer/",
        "topic": "start-here",
        "placeholders": ["year", "level"],
    }
    assert data["unparsed"][0] == {
        "line": 180,
        "text": "Also worth a look: [Papers with Code: Transformers](https://paperswithcode.com/method/transformer), though it is not a list item.",
        "reason": "link outside a list item; make it a '- ' item",
    }
    assert not (tmp_path / "n.yaml").exists()


def test_importing_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert run("import", str(LIST), "-c", str(path))[0] == 0
    first = path.read_bytes()
    code, _, err = run("import", str(LIST), "-c", str(path))
    assert code == 0
    assert "imported 0, merged 120" in err
    assert path.read_bytes() == first


def test_an_unreadable_list_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "missing.md"), "-c", str(tmp_path / "c.yaml"))
    assert code == 2
    assert "cannot read the list" in err
    assert not (tmp_path / "c.yaml").exists()


def test_an_import_that_would_break_a_rule_writes_nothing(
    copy_fixture: Callable[[str], Path], tmp_path: Path
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    listing = tmp_path / "list.md"
    # An item filed under a heading whose topic exists, with a language the schema refuses.
    listing.write_text(
        "## Papers\n\n- [A paper](https://example.org/p) by A - Text.\n", encoding="utf-8"
    )
    code, _, err = run("import", str(listing), "-c", str(path), "--language", "xx")
    assert code == 1
    assert "'xx' is not an ISO 639-1 language code" in err
    assert "nothing was written" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("line", "title", "authors", "description"),
    [
        ("- [T](https://e.org/a) - Desc.", "T", (), "Desc."),
        ("- [T](https://e.org/a): Desc.", "T", (), "Desc."),
        ("- [T](https://e.org/a) — Desc.", "T", (), "Desc."),
        ("- [T](https://e.org/a) by A, B and C", "T", ("A", "B", "C"), ""),
        ("- [T](https://e.org/a), by A - Desc.", "T", ("A",), "Desc."),
        ("1. [T](https://e.org/a)", "T", (), ""),
        ("- Paper: [link](https://e.org/a) - Desc.", "Paper", (), "Desc."),
        ("- [`code` T](https://e.org/a)", "code T", (), ""),
        ("- [T](https://e.org/a) [[code]](https://g.com/a/b) - Desc.", "T", (), "Desc."),
        (
            "- [T](https://e.org/a) | [PDF](https://e.org/a.pdf) | [Slides](https://e.org/s)",
            "T",
            (),
            "",
        ),
        ("- [T](https://e.org/a) - See [this](https://e.org/b) too.", "T", (), "See this too."),
        ("- [T][ref] - Desc.\n\n[ref]: https://e.org/r", "T", (), "Desc."),
    ],
)
def test_item_forms(line: str, title: str, authors: tuple[str, ...], description: str) -> None:
    [item] = parse(f"## Topic\n\n{line}\n").items
    assert (item.title, item.authors, item.description) == (title, authors, description)


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["search", "attention"],
        ["export", "--format", "json"],
        ["check", "--kind", "playlist", "--no-cache"],
    ],
)
def test_query_commands_warn_once_about_placeholders_and_go_on(
    copy_fixture: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    path = copy_fixture("commented.yaml")
    assert run("import", str(LIST), "-c", str(path))[0] == 0
    code, out, err = run(*command, "-c", str(path))
    assert code in (0, 1), err  # check may find the offline links unchecked
    assert err.count("warning:") == 1
    assert "115 resources left out until their import placeholders are filled in" in err
    assert "'catalog validate' lists each placeholder with its line" in err
    if command[0] in ("list", "export"):
        assert "illustrated" in out
        assert "the-illustrated-transformer" not in out
    assert run("validate", "-c", str(path))[0] == 1


@pytest.mark.parametrize("name", ["commented.formatted.yaml", None])
def test_fmt_check_passes_right_after_an_import(
    copy_fixture: Callable[[str], Path], tmp_path: Path, name: str | None
) -> None:
    path = copy_fixture(name) if name else tmp_path / "new.yaml"
    assert run("import", str(LIST), "-c", str(path))[0] == 0
    code, out, err = run("fmt", "--check", "-c", str(path))
    assert (code, out) == (0, ""), err


def test_a_bare_url_after_a_title_is_the_items_link() -> None:
    """CommonMark makes no link of a bare URL; an item that writes one after its title used
    to be reported as having no link at all."""
    parsed = parse(
        "# Reading\n\n"
        "- Attention explained https://example.org/attention (2021) by Ann Author\n"
        "- https://example.org/bare-only\n"
        "- Just a label\n"
        "  - [Nested](https://example.org/nested)\n"
    )
    assert [(i.title, i.url, i.year, i.authors) for i in parsed.items] == [
        ("Attention explained", "https://example.org/attention", 2021, ("Ann Author",)),
        ("Nested", "https://example.org/nested", None, ()),
    ]
    assert [(u.line, u.reason) for u in parsed.unparsed] == [
        (4, "the link has no text to use as a title; write '- [Title](URL)' or '- Title URL'")
    ]


def test_a_title_without_latin_letters_gets_an_id_from_its_url(tmp_path: Path) -> None:
    """«مکانیزم توجه» slugifies to nothing: the id was 'resource', then 'resource-2'."""
    markdown = tmp_path / "fa.md"
    markdown.write_text(
        "# منابع\n\n"
        "- [مکانیزم توجه](https://virgool.io/@someone/attention-x1)\n"
        "- [ترنسفورمر](https://www.example.org/posts/transformer.html)\n",
        encoding="utf-8",
    )
    target = tmp_path / "fa.yaml"
    code, _, err = run("import", str(markdown), "-c", str(target), "--language", "fa")
    assert code in (0, 1), err  # 1: placeholders left to fill
    ids = [r["id"] for r in yaml.safe_load(target.read_text(encoding="utf-8"))["resources"]]
    assert ids == ["virgool-io-attention-x1", "example-org-transformer"]
