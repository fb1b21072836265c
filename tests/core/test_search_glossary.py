"""The bilingual glossary: its schema and rules, query expansion, and `catalog glossary`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog import CatalogValidationError, Problem, load, loads
from catalog.cli import app
from catalog.glossary import Glossary, keyed_words, phrase, uses
from catalog.models import GlossaryTerm
from catalog.textnorm import words

ROOT = Path(__file__).resolve().parents[2]

HEAD = """\
topics:
  t: {title: T, description: A topic.}
glossary:
  low-rank:
    en: low-rank
    fa: کم‌رتبه
    avoid: {fa: [رتبه‌پایین, رتبه‌ی پایین]}
  sparse:
    en: sparse
    fa: تُنُک
    variants: {en: [sparsity]}
    avoid: {fa: [خلوت]}
  attention-mechanism: {en: attention mechanism, fa: سازوکار توجه, avoid: {fa: [مکانیزم توجه]}}
"""


def resource(fa: str) -> str:
    return f"""\
resources:
  - id: r
    title: A resource
    url: https://example.org/r
    kind: article
    topics: [t]
    authors: [Someone]
    year: 2020
    level: beginner
    language: en
    description:
      en: Low-rank and sparse attention.
      fa: {fa}
"""


def render(problem: Problem) -> str:
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"{problem.line}:{problem.column}: {problem.path}: {problem.message}{hint}"


def test_forms_compare_as_search_normalises_them() -> None:
    # Zero-width non-joiner, ezafe after a silent heh, diacritics, an English plural.
    assert phrase("رتبه‌ی پایین") == phrase("رتبه پایین") == ("رتبه", "پایین")
    assert phrase("تُنُک") == phrase("تنک")
    assert phrase("Attention Heads") == ("attention", "head")
    assert phrase("analysis") == ("analysis",)  # not a plural


def test_expand_finds_the_longest_term_and_its_other_forms() -> None:
    glossary = Glossary(
        {
            "attention": GlossaryTerm(en="attention", fa="توجه"),
            "attention-mechanism": GlossaryTerm(
                en="attention mechanism", fa="سازوکار توجه", avoid={"fa": ["مکانیزم توجه"]}
            ),
            "vision-transformer": GlossaryTerm(
                en="vision transformer", fa="ترنسفورمر بینایی", variants={"en": ["ViT"]}
            ),
        }
    )
    found = glossary.expand(words("مکانیزم توجه در ترنسفورمر بینایی"))
    assert [(e.start, e.end, e.terms) for e in found] == [
        (0, 2, ("attention-mechanism",)),
        (3, 5, ("vision-transformer",)),
    ]
    assert found[0].forms == (("attention", "mechanism"), ("سازوکار", "توجه"))
    assert found[1].forms == (("vision", "transformer"), ("vit",))
    only = glossary.expand(["attention"])
    assert only[0].forms == (("توجه",),)
    assert glossary.find("ViT") == glossary.find("vision-transformer") == ["vision-transformer"]
    assert glossary.find("سازوکار‌توجه") == []  # one word is not two
    assert glossary.find("nothing") == []


def test_uses_matches_whole_words_and_a_suffix_on_the_last() -> None:
    assert uses(keyed_words("ماتریس توجه خلوتی است"), phrase("خلوت"))
    assert uses(keyed_words("به‌روزرسانی رتبه‌ی  پایین"), phrase("رتبه‌ی پایین"))
    assert not uses(keyed_words("خلوتگاه"), phrase("خلوت"))  # another word
    assert not uses(keyed_words("پایین رتبه"), phrase("رتبه‌ی پایین"))


def test_validate_warns_on_each_form_to_avoid_with_the_preferred_one() -> None:
    text = HEAD + resource("توجه خلوت و رتبه‌ی پایین، و مکانیزم توجه")
    catalog = loads(text)
    assert [render(p) for p in catalog.warnings] == [
        "26:11: resources[0].description.fa: the Persian text uses 'رتبه‌ی پایین', a form the "
        "glossary says to avoid (write 'کم‌رتبه' instead; see 'catalog glossary low-rank')",
        "26:11: resources[0].description.fa: the Persian text uses 'خلوت', a form the glossary "
        "says to avoid (write 'تُنُک' instead; see 'catalog glossary sparse')",
        "26:11: resources[0].description.fa: the Persian text uses 'مکانیزم توجه', a form the "
        "glossary says to avoid (write 'سازوکار توجه' instead; see 'catalog glossary attention-mechanism')",
    ]
    assert all(p.severity == "warning" for p in catalog.warnings)
    clean = loads(HEAD + resource("توجه تُنُک و کم‌رتبه، و سازوکار توجه"))
    assert clean.warnings == []


def test_validate_checks_topic_and_path_texts_too() -> None:
    text = HEAD.replace(
        "  t: {title: T, description: A topic.}",
        "  t: {title: T, description: {en: A topic., fa: توجه خلوت.}}",
    ) + resource("متن.")
    [warning] = loads(text).warnings
    assert warning.path == "topics.t.description.fa"


def test_a_form_names_one_term_once() -> None:
    text = HEAD.replace("variants: {en: [sparsity]}", "variants: {en: [sparsity, low rank]}")
    with pytest.raises(CatalogValidationError) as caught:
        loads(text + resource("متن."))
    assert [render(p) for p in caught.value.problems] == [
        "11:31: glossary.sparse.variants.en[1]: 'low rank' is already a form of glossary term "
        "'low-rank' (a form names one term, once; remove this one)",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("variants: {en: [sparsity]}", "variants: {english: [sparsity]}"),
            "11:15: glossary.sparse.variants: 'english' is not an ISO 639-1 language code such as "
            "'en' or 'fa'",
        ),
        (
            ("    fa: تُنُک\n", ""),
            "9:5: glossary.sparse.fa: missing required field 'fa'",
        ),
        (
            ("variants: {en: [sparsity]}", "varients: {en: [sparsity]}"),
            "11:5: glossary.sparse.varients: unknown key 'varients' (did you mean 'variants'?)",
        ),
    ],
)
def test_the_schema_validates_the_glossary(change: tuple[str, str], expected: str) -> None:
    with pytest.raises(CatalogValidationError) as caught:
        loads(HEAD.replace(*change) + resource("متن."))
    assert [render(p) for p in caught.value.problems] == [expected]


def test_the_shipped_glossary_covers_the_terms_our_descriptions_use() -> None:
    catalog = load(ROOT / "resources.yaml")
    glossary = Glossary(catalog.glossary)
    texts = [keyed_words(t) for r in catalog.resources for t in r.descriptions.values()]
    used = [
        term_id
        for term_id, forms in glossary.forms.items()
        if any(uses(text, form) for form in forms for text in texts)
    ]
    assert len(used) >= 60
    assert all(term.en and term.fa for term in catalog.glossary.values())
    assert catalog.warnings == []  # no description uses a form to avoid


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1", "CATALOG_CACHE_DIR": str(tmp_path / "cache")}
    path = tmp_path / "c.yaml"
    path.write_text(HEAD + resource("متن."), encoding="utf-8")

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*args, "--catalog", str(path)], env=env)

    return invoke


def test_glossary_command_lists_every_term(run) -> None:  # type: ignore[no-untyped-def]
    result = run("glossary")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["term", "English", "Persian"]
    assert lines[1].split() == [
        "low-rank",
        "low-rank",
        "کم‌رتبه;",
        "avoid:",
        "رتبه‌پایین,",
        "رتبه‌ی",
        "پایین",
    ]
    assert "sparse (sparsity)" in lines[2]
    data = json.loads(run("glossary", "--json").stdout)
    assert data["count"] == 3
    assert data["terms"][1] == {
        "id": "sparse",
        "en": "sparse",
        "fa": "تُنُک",
        "variants": {"en": ["sparsity"]},
        "avoid": {"fa": ["خلوت"]},
    }


def test_glossary_command_finds_a_term_by_any_form(run) -> None:  # type: ignore[no-untyped-def]
    for name in (["low-rank"], ["رتبه‌ی", "پایین"], ["رتبه", "پایین"], ["LOW-RANK"]):
        result = run("glossary", *name, "--json")
        assert result.exit_code == 0, name
        assert json.loads(result.stdout)["id"] == "low-rank"
    table = run("glossary", "مکانیزم", "توجه")
    assert "attention-mechanism" in table.stdout
    missing = run("glossary", "sparce")
    assert missing.exit_code == 1
    assert "no glossary term 'sparce'" in missing.output
    assert "did you mean 'sparse'" in missing.output


def test_search_shows_partial_matches_under_a_note(run) -> None:  # type: ignore[no-untyped-def]
    full = json.loads(run("search", "sparse", "--json").stdout)
    assert full["partial"] is False
    assert full["count"] == 1
    data = json.loads(run("search", "sparse", "nonexistentword", "--json").stdout)
    assert data["partial"] is True
    assert [r["id"] for r in data["results"]] == ["r"]
    table = run("search", "sparse", "nonexistentword")
    assert table.exit_code == 0
    assert "No resource matches every word of 'sparse nonexistentword'; closest matches:" in (
        table.output
    )
    assert "1 partial match" in table.output
