"""`catalog add`: metadata proposed from a page served on loopback, flags, prompts, refusals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from catalog.curate.metadata import extract
from catalog.curate.yamledit import comment_census

from .conftest import run
from .stub import Stub, page, redirect, serving

PAPER_PAGE = """<!doctype html>
<html lang="en-US"><head>
<title>A Tour of Attention | Example Blog</title>
<meta property="og:title" content="A Tour of Attention">
<meta property="og:description" content="Queries, keys and values, drawn &amp; explained.">
<meta name="citation_author" content="Doe, Jane">
<meta name="citation_author" content="Richard Roe">
<meta name="citation_publication_date" content="2021/03/04">
<meta property="og:site_name" content="Example Blog">
</head><body><h1>ignored</h1><meta name="author" content="Not Me"></body></html>
"""
ARTICLE_PAGE = """<html><head><title> Plain
  title </title>
<meta name="description" content="A plain description.">
<meta property="article:author" content="https://example.org/people/someone">
<meta name="author" content="Some One">
<meta property="article:published_time" content="2019-05-06T10:00:00Z">
</head></html>"""


PERSIAN_PAGE = """<html lang="fa"><head><title>سازوکار توجه</title>
<meta name="description" content="توضیحی ساده دربارهٔ سازوکار توجه در ترنسفورمرها.">
<meta name="author" content="نویسنده">
<meta property="og:type" content="article">
</head></html>"""
VIDEO_PAGE = """<html lang="en"><head><title>A talk</title>
<meta property="og:type" content="video.other">
<meta name="description" content="A recorded talk.">
</head></html>"""
FULL = ["--topic", "attention", "--level", "beginner", "--year", "2021", "--author", "Ann"]
FULL += ["--title", "T", "--description", "D."]


@pytest.fixture
def site() -> Iterator[Stub]:
    with serving(
        {
            "/tour": page(PAPER_PAGE),
            "/plain": page(ARTICLE_PAGE),
            "/old": redirect("/plain"),
            "/doc.pdf": page("%PDF-1.4", content_type="application/pdf"),
            "/gone": page("no", status=404),
            "/down": page("oops", status=500),
            "/fa": page(PERSIAN_PAGE),
            "/talk": page(VIDEO_PAGE),
        }
    ) as stub:
        yield stub


def _add(catalog: Path, url: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    return run("add", url, "-c", str(catalog), "--allow-network", "127.0.0.0/8", *args, input=input)


def test_metadata_from_meta_tags() -> None:
    meta = extract(PAPER_PAGE)
    assert meta.title == "A Tour of Attention"
    assert meta.description == "Queries, keys and values, drawn & explained."
    assert meta.authors == ("Jane Doe", "Richard Roe")
    assert (meta.year, meta.language, meta.site_name) == (2021, "en", "Example Blog")
    plain = extract(ARTICLE_PAGE)
    assert (plain.title, plain.authors, plain.year) == ("Plain title", ("Some One",), 2019)
    assert plain.language is None


def test_add_with_yes_takes_the_page_metadata_and_flags(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_text(encoding="utf-8")
    code, out, err = _add(
        path, site.url("/tour"), "--yes", "--topic", "self-attention", "--level", "beginner",
        "--kind", "article", "--fa-description", "گشتی در سازوکار توجه.", "--free",
        "--topic", "attention",
    )  # fmt: skip
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert comment_census(after) == comment_census(before)
    entry = yaml.safe_load(after)["resources"][-1]
    added = entry.pop("added")
    assert list(entry)[-2:] == ["free", "description"]  # the schema's order: fmt's
    assert entry == {
        "id": "doe-2021-a-tour-of-attention",
        "title": "A Tour of Attention",
        "url": site.url("/tour"),
        "kind": "article",
        "topics": ["attention"],
        "authors": ["Jane Doe", "Richard Roe"],
        "year": 2021,
        "level": "beginner",
        "language": "en",
        "description": {
            "en": "Queries, keys and values, drawn & explained.",
            "fa": "گشتی در سازوکار توجه.",
        },
        "free": True,
    }
    assert str(added)[:2] == "20"
    assert "+  - id: doe-2021-a-tour-of-attention" in out
    # The entry is the last one: the line reported is where it starts.
    line = after.splitlines().index("  - id: doe-2021-a-tour-of-attention") + 1
    assert f"added doe-2021-a-tour-of-attention to {path}:{line}" in err
    assert run("validate", "-c", str(path))[0] == 0


def test_the_diff_holds_only_added_lines_and_fmt_check_passes_after(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.formatted.yaml")
    before = path.read_text(encoding="utf-8")
    code, out, err = _add(
        path, site.url("/tour"), "--yes", "--topic", "attention", "--level", "beginner"
    )
    assert code == 0, err
    changed = [x for x in out.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]
    assert changed
    assert all(x.startswith("+") for x in changed)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.removesuffix("# end of file\n"))
    assert after.endswith("# end of file\n")
    code, out, err = run("fmt", "--check", "-c", str(path))
    assert (code, out) == (0, ""), err


def test_add_asks_for_the_rest_with_defaults(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    answers = "\n".join(
        [
            "",  # title: keep "Plain title"
            "blog",  # kind: not a choice, asked again
            "article",
            "nonsense, attention",  # topics: unknown one, asked again
            "attention, code",
            "",  # authors: keep
            "",  # year: keep 2019
            "intermediate",
            "",  # language: keep en
            "",  # description: keep
            "",  # Persian description: none
            "n",  # free: no
            "plain-post",  # id
            "y",  # confirm
        ]
    )
    code, _, err = _add(path, site.url("/old"), input=answers + "\n")
    assert code == 0, err
    assert "'blog' is not one of: video, playlist" in err
    assert "unknown topic(s): nonsense" in err
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))["resources"][-1]
    assert entry["id"] == "plain-post"
    assert entry["url"] == site.url("/plain")  # the redirect's target
    assert (entry["kind"], entry["topics"], entry["authors"]) == (
        "article",
        ["attention", "code"],
        ["Some One"],
    )
    assert (entry["year"], entry["level"], entry["free"]) == (2019, "intermediate", False)


def test_yes_refuses_to_write_a_placeholder_and_names_the_flags(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = _add(path, site.url("/doc.pdf"), "--yes", "--topic", "papers")
    assert code == 2
    assert "no value for title, authors, year, level, description; nothing was written" in err
    assert "give --title ... --author ... --year ... --level ... --description ..." in err
    assert path.read_bytes() == before
    code, _, err = _add(path, site.url("/doc.pdf"), "--yes", *FULL, "--no-fetch")
    assert code == 0, err
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))["resources"][-1]
    assert (entry["kind"], entry["title"], entry["year"]) == ("paper", "T", 2021)


def test_an_unknown_topic_flag_is_refused_before_the_page_is_fetched(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = _add(path, site.url("/tour"), "--yes", *FULL, "--topic", "atention")
    assert code == 2
    assert "error: unknown topic 'atention'" in err
    assert "did you mean 'attention'" in err
    assert path.read_bytes() == before


def test_an_invalid_edit_names_lines_of_the_edited_text_not_of_the_file(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = _add(path, site.url("/tour"), "--yes", *FULL, "--language", "english")
    assert code == 1
    assert f"{path} (after the edit):" in err
    assert "nothing was written" in err
    assert path.read_bytes() == before


def test_an_empty_answer_to_a_required_field_is_asked_again(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    answers = ["", "", "", "", "", "2020", "", "advanced"] + [""] * 6 + ["y"]
    code, _, err = _add(
        path, site.url("/doc.pdf"), "--title", "A PDF", "--topic", "papers", "--author", "A",
        "--description", "A paper.", input="\n".join(answers) + "\n",
    )  # fmt: skip
    assert code == 0, err
    assert err.count("this field is required") >= 2
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))["resources"][-1]
    assert (entry["year"], entry["level"]) == (2020, "advanced")


@pytest.mark.parametrize(
    ("route", "kind"),
    [("/plain", "article"), ("/talk", "video"), ("/tour", "article"), ("/doc.pdf", "paper")],
)
def test_the_kind_comes_from_the_host_then_og_type_and_defaults_to_article(
    copy_fixture: Callable[[str], Path], site: Stub, route: str, kind: str
) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = _add(path, site.url(route), "--yes", *FULL)
    assert code == 0, err
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["resources"][-1]["kind"] == kind


def test_a_persian_page_fills_the_persian_description(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = _add(
        path,
        site.url("/fa"),
        "--yes",
        "--topic",
        "attention",
        "--level",
        "beginner",
        "--year",
        "2022",
    )
    assert code == 2
    assert "no value for description" in err  # the English one: the page gave the Persian
    code, _, err = _add(
        path, site.url("/fa"), "--yes", "--topic", "attention", "--level", "beginner",
        "--year", "2022", "--description", "A plain explanation of attention.",
    )  # fmt: skip
    assert code == 0, err
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))["resources"][-1]
    assert entry["language"] == "fa"
    assert entry["description"] == {
        "en": "A plain explanation of attention.",
        "fa": "توضیحی ساده دربارهٔ سازوکار توجه در ترنسفورمرها.",
    }


def test_topic_aliases_become_ids_once(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = run(
        "add", "https://example.org/x", "-c", str(path), "--no-fetch", "--yes", *FULL,
        "--topic", "self-attention", "--topic", "code",
    )  # fmt: skip
    assert code == 0, err
    assert "    topics: [attention, code]\n" in path.read_text(encoding="utf-8")


def test_not_a_url_is_said_so(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = run("add", "notaurl", "-c", str(path), "--yes")
    assert code == 2
    assert "'notaurl' is not a URL" in err
    assert "https://example.org/page" in err


def test_a_catalogued_url_is_refused_naming_the_entry(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = _add(path, "http://www.arxiv.org/abs/1706.03762v5/", "--yes", "--no-fetch")
    assert code == 1
    assert "is already in the catalog as 'vaswani-2017' (line 47)" in err
    assert path.read_bytes() == before
    assert site.requests == []


def test_an_invalid_entry_is_refused_and_nothing_written(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = _add(
        path, site.url("/tour"), "--yes", "--topic", "attention", "--language", "english",
        "--level", "beginner",
    )  # fmt: skip
    assert code == 1
    assert "language: 'english' is not an ISO 639-1 language code" in err
    assert path.read_bytes() == before


def test_a_duplicate_id_is_refused(copy_fixture: Callable[[str], Path], site: Stub) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = _add(
        path, site.url("/tour"), "--yes", "--topic", "attention", "--id", "nanogpt",
        "--level", "beginner",
    )  # fmt: skip
    assert code == 1
    assert "duplicate id 'nanogpt'" in err


def test_the_network_guard_is_closed_by_default(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = run("add", site.url("/tour"), "-c", str(path), "--yes")
    assert code == 2
    assert "refused to connect to 127.0.0.1" in err
    assert site.requests == []


def test_a_page_that_cannot_be_fetched_proposes_nothing(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    code, out, err = _add(path, site.url("/down"), "--yes", *FULL, "--dry-run")
    assert code == 0, err
    assert "warning:" in err
    assert "nothing proposed from the page" in err
    assert "+    title: T" in out
    assert "dry run" in err


def test_a_broken_url_is_refused_under_yes_and_asked_about_otherwise(
    copy_fixture: Callable[[str], Path], site: Stub
) -> None:
    path = copy_fixture("commented.yaml")
    before = path.read_bytes()
    code, _, err = _add(path, site.url("/gone"), "--yes", *FULL)
    assert code == 1
    assert "HTTP 404: the link checker finds it broken" in err
    assert "nothing was written" in err
    assert path.read_bytes() == before
    code, _, err = _add(path, site.url("/gone"), *FULL, input="n\n")
    assert code == 1
    assert "Add it anyway?" in err
    assert path.read_bytes() == before
    code, _, err = _add(path, site.url("/gone"), "--yes", *FULL, "--no-fetch")
    assert code == 0, err
    assert site.url("/gone") in path.read_text(encoding="utf-8")


def test_a_paper_page_proposes_a_paper() -> None:
    from catalog.curate.add import propose

    html = (
        "<head><title>[1706.03762] Attention Is All You Need</title>"
        '<meta name="citation_title" content="Attention Is All You Need">'
        '<meta name="citation_author" content="Vaswani, Ashish">'
        '<meta name="citation_date" content="2017/06/12">'
        '<meta name="citation_arxiv_id" content="1706.03762"></head>'
    )
    values = propose("https://arxiv.org/abs/1706.03762", extract(html), taken={"vaswani-2017"})
    expected = {"title": "Attention Is All You Need", "kind": "paper", "year": 2017}
    assert {k: values[k] for k in expected} == expected
    assert values["arxiv"] == "1706.03762"
    assert values["authors"] == ["Ashish Vaswani"]
    assert values["id"] == "vaswani-2017-attention-is-all-you-need"


def test_a_bad_network_range_is_a_usage_error(copy_fixture: Callable[[str], Path]) -> None:
    path = copy_fixture("commented.yaml")
    code, _, err = run("add", "https://e.org/x", "-c", str(path), "--allow-network", "nope")
    assert code == 2
    assert "'nope' is not an IP network" in err
