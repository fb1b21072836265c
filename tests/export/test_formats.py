"""JSON, CSV and BibTeX parsed back with real parsers."""

from __future__ import annotations

import csv
import io
import json

import bibtexparser
import jsonschema
import pytest

from catalog.export import ExportOptions, Format, render
from catalog.export.bibtex import escape as bib_escape
from catalog.export.csv_table import COLUMNS, neutralise
from catalog.export.html_page import embed_json
from catalog.export.json_doc import EXCLUDED, schema
from catalog.modelkit import field_names
from catalog.models import Catalog, Resource


def test_json_round_trip_matches_schema(fixture_catalog: Catalog) -> None:
    data = json.loads(render(fixture_catalog, Format.json))
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
    assert [r["id"] for r in data["resources"]] == [r.id for r in fixture_catalog.resources]
    first = data["resources"][0]
    assert first["description"]["fa"].startswith("فهرست پخش")
    assert data["resources"][1]["description"] == {
        "en": "The paper that introduced the transformer; dense but short."
    }
    assert data["paths"][0]["steps"][1] == {
        "id": "vaswani-2017",
        "note": {"en": "The original paper; read it once the pictures make sense."},
    }
    assert [t["id"] for t in data["topics"]] == list(fixture_catalog.topics)


def test_json_schema_lists_every_resource_field() -> None:
    resource = schema()["properties"]["resources"]["items"]
    derived = {"companion_of"}  # the reverse link of a main entry's companions
    assert set(resource["properties"]) == set(field_names(Resource)) - EXCLUDED | derived


def test_json_without_paths(fixture_catalog: Catalog) -> None:
    data = json.loads(render(fixture_catalog, Format.json, ExportOptions(paths=False)))
    assert data["paths"] == []


def test_shipped_catalog_json_is_valid(shipped_catalog: Catalog) -> None:
    data = json.loads(render(shipped_catalog, Format.json))
    jsonschema.validate(data, schema())
    assert len(data["resources"]) == len(shipped_catalog.resources)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_is_rfc4180_and_parses_back(fixture_catalog: Catalog) -> None:
    text = render(fixture_catalog, Format.csv)
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    assert text.count("\r\n") == len(fixture_catalog.resources) + 1  # no bare newlines inside
    assert "\n" not in text.replace("\r\n", "")
    rows = _rows(text)
    assert [r["id"] for r in rows] == [r.id for r in fixture_catalog.resources]
    by_id = {r["id"]: r for r in rows}
    assert by_id["injection-title"]["title"] == "[x](javascript:alert(1)) <script>alert(1)</script>"
    assert by_id["vaswani-2017"]["authors"].split("; ")[:2] == ["Ashish Vaswani", "Noam Shazeer"]
    assert by_id["dna-repo"]["topics"] == "bio; attention"
    assert by_id["serrano-playlist"]["free"] == "true"
    assert by_id["vaswani-2017-talk"]["free"] == ""


def test_csv_neutralises_formulas(fixture_catalog: Catalog) -> None:
    rows = {r["id"]: r for r in _rows(render(fixture_catalog, Format.csv))}
    assert rows["vaswani-2017-talk"]["description"].startswith("'=HYPERLINK(")
    assert rows["formula-cells"]["title"] == "'+1 Tricks for C++ & Rust"
    assert rows["formula-cells"]["authors"] == "'@handle; -dash"
    assert rows["formula-cells"]["description"].startswith("'- Starts with a dash")
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_neutralise(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


def test_csv_in_persian_marks_the_language_of_each_description(fixture_catalog: Catalog) -> None:
    rows = {
        r["id"]: r for r in _rows(render(fixture_catalog, Format.csv, ExportOptions(lang="fa")))
    }
    assert rows["serrano-playlist"]["description_lang"] == "fa"
    assert rows["vaswani-2017"]["description_lang"] == "en"


def test_bibtex_parses_back(fixture_catalog: Catalog) -> None:
    library = bibtexparser.parse_string(render(fixture_catalog, Format.bibtex))
    assert library.failed_blocks == []
    entries = library.entries
    assert len(entries) == len(fixture_catalog.resources)
    keys = [e.key for e in entries]
    assert len(set(keys)) == len(keys)
    assert all(k.isascii() and k.isalnum() for k in keys)
    assert keys[:3] == ["serrano2023natural", "vaswani2017attention", "vaswani2017attentionb"]
    types = {e.key: e.entry_type for e in entries}
    assert types["vaswani2017attention"] == "article"
    assert types["ji2021dnabert"] == "misc"
    assert types["serrano2023natural"] == "online"
    assert "book" in types.values()
    paper = entries[1].fields_dict
    assert paper["doi"].value == "10.48550/arXiv.1706.03762"
    assert paper["eprint"].value == "1706.03762"
    assert paper["author"].value.split(" and ")[0] == "Ashish Vaswani"
    tricky = next(e for e in entries if e.fields_dict["url"].value.endswith("c<d>"))
    assert tricky.fields_dict["title"].value == (
        r"{[x](javascript:alert(1)) \textless{}script\textgreater{}alert(1)"
        r"\textless{}/script\textgreater{}}"
    )


def test_shipped_catalog_bibtex_parses_back(shipped_catalog: Catalog) -> None:
    library = bibtexparser.parse_string(render(shipped_catalog, Format.bibtex))
    assert library.failed_blocks == []
    assert len({e.key for e in library.entries}) == len(shipped_catalog.resources)


def test_bibtex_escapes_every_special_character() -> None:
    assert bib_escape("50% of $5 & {x} #1 a_b ^ ~ \\") == (
        r"50\% of \$5 \& \{x\} \#1 a\_b \textasciicircum{} \textasciitilde{} \textbackslash{}"
    )


def test_embedded_json_cannot_close_the_script_tag() -> None:
    text = embed_json({"t": "</script><!-- & \u2028\u2029"})
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029"}
