"""One dialect: YAML 1.2 core whatever else the file holds; hints quote what was written; dates
come from text; import placeholders can be set aside."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from catalog import CatalogError, CatalogValidationError, loads
from catalog.loader import left_out

VALID = (Path(__file__).resolve().parents[1] / "fixtures" / "valid" / "minimal.yaml").read_text(
    encoding="utf-8"
)


def _problems(text: str) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        loads(text)
    return [f"{p.line}:{p.column}: {p.path}: {p.message} ({p.hint})" for p in caught.value.errors]


@pytest.mark.parametrize("anchor", ["", "&d "])
def test_the_same_text_means_the_same_values_whatever_else_the_file_holds(anchor: str) -> None:
    # The reproduction: with two readers, an unrelated anchor turned '1:30' into 90.
    text = VALID.replace("title: DNABERT", "title: 1:30")
    text = text.replace("authors: [Yanrong Ji]", f"authors: {anchor}[Yanrong Ji]")
    catalog = loads(text)
    assert catalog.resources[1].title == "1:30"
    assert catalog.resources[1].authors == ["Yanrong Ji"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1e3", "number 1000.0"),
        ("017", "number 17"),
        ("0x1F", "number 31"),
        ("true", "boolean true"),
    ],
)
def test_a_hint_quotes_the_text_as_written(written: str, shown: str) -> None:
    [problem] = _problems(VALID.replace("title: DNABERT", f"title: {written}"))
    assert problem == (
        f'34:12: resources[1].title: expected text, got {shown} (quote it: "{written}")'
    )


def test_yes_is_text_and_its_rule_and_hint_stay() -> None:
    [problem] = _problems(VALID.replace("free: true", "free: yes"))
    assert "expected true or false, got text 'yes'" in problem
    assert "words like yes, no, on and off are not booleans here" in problem


@pytest.mark.parametrize("written", ["2024-02-08", '"2024-02-08"', "'2024-02-08'"])
def test_a_date_is_text_the_schema_turns_into_a_date(written: str) -> None:
    catalog = loads(VALID.replace("added: 2024-02-08", f"added: {written}"))
    assert catalog.resources[0].added == dt.date(2024, 2, 8)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024-13-45", "'2024-13-45' is not a date of the calendar"),
        ("08/02/2024", "expected a date such as 2024-01-31, got text '08/02/2024'"),
        ("20240208", "expected a date such as 2024-01-31, got number 20240208"),
    ],
)
def test_a_date_that_is_not_one_is_refused(written: str, message: str) -> None:
    [problem] = _problems(VALID.replace("added: 2024-02-08", f"added: {written}"))
    assert problem.startswith("32:12: resources[0].added: ")
    assert message in problem


def test_the_yaml_directive_does_not_change_the_dialect() -> None:
    text = "%YAML 1.1\n---\n" + VALID.replace("title: DNABERT", "title: 1:30")
    assert loads(text).resources[1].title == "1:30"
    [problem] = _problems("%YAML 1.3\n---\n" + VALID)
    assert "write '%YAML 1.2' or remove the directive" in problem


def test_a_catalog_whose_only_errors_are_placeholders_can_be_read_without_them() -> None:
    text = VALID.replace(
        "level: advanced\n    language: en\n    description: Code",
        "level: TODO\n    language: en\n    description: Code",
    )
    with pytest.raises(CatalogValidationError):
        loads(text)
    catalog = loads(text, placeholders="skip")
    assert [r.id for r in catalog.resources] == ["vaswani-2017"]
    note = left_out(catalog)
    assert note is not None
    assert note.message == "1 resource left out until their import placeholders are filled in"
    assert catalog.line_of("vaswani-2017") == 18
    # Anything else wrong, and the catalog is not read at all.
    with pytest.raises(CatalogValidationError):
        loads(text.replace("kind: paper", "kind: vidoe"), placeholders="skip")
