"""One fixture per validation rule: the exact line, column, path, message and hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import CatalogError, CatalogReadError, CatalogValidationError, Problem, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def render(problem: Problem) -> str:
    where = f"{problem.line}:{problem.column}: " if problem.line else ""
    path = f"{problem.path}: " if problem.path else ""
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"{where}{path}{problem.message}{hint}"


EXPECTED = {
    "author_brackets": [
        "39:33: resources[1].authors[1]: author 'et al. (InstaDeep' has unbalanced brackets: was a list split at a comma? (quote an author that contains commas: - \"et al. (InstaDeep, NVIDIA, TUM)\")",
        "39:60: resources[1].authors[3]: author 'TUM)' has unbalanced brackets: was a list split at a comma? (quote an author that contains commas: - \"et al. (InstaDeep, NVIDIA, TUM)\")",
    ],
    "alias_bomb": [
        "21:11: aliases expand to far more data than the file holds (a 'billion laughs' file?) (remove the anchors and aliases, or write the values out)",
    ],
    "arxiv_format": [
        "30:12: resources[0].arxiv: 'arXiv:1706.03762' is not an arXiv id (expected '2101.01234', optionally 'v2', or an old-style id such as 'cs/0112017')",
    ],
    "bad_kind": [
        "36:11: resources[1].kind: text 'repo' is not one of: video, playlist, course, book, article, paper, tutorial, repository, interactive (did you mean 'repository'?)",
    ],
    "companion_unknown_id": [
        "23:14: resources[0].companions[0].id: unknown resource id 'dnabert-rep' (did you mean 'dnabert-repo'?)",
    ],
    "companion_of_two": [
        "45:14: resources[2].companions[0].id: 'dnabert-repo' is already a companion of 'dnabert' (an entry belongs to one main entry; remove one of the two)",
    ],
    "companion_of_itself": [
        "23:14: resources[0].companions[0].id: 'dnabert' is listed as its own companion (remove it)",
    ],
    "companion_nested": [
        "23:14: resources[0].companions[0].id: 'dnabert-blog' has companions of its own, so it cannot be a companion (companions are one level deep; list its companions here instead)",
    ],
    "companion_role": [
        "23:34: resources[0].companions[0].role: text 'source' is not one of: code, blog, notebook, video, version, translation",
    ],
    "path_requires_unknown": [
        "14:16: paths.next.requires[0]: unknown path 'strat' (did you mean 'start'?)",
    ],
    "path_requires_cycle": [
        "9:16: paths.start.requires[0]: path 'next' requires 'start' in turn (a cycle) (a path cannot come before itself; remove one of the requirements)",
        "15:16: paths.next.requires[0]: path 'start' requires 'next' in turn (a cycle) (a path cannot come before itself; remove one of the requirements)",
    ],
    "description_needs_en": [
        "28:7: resources[0].description: a translated text needs an 'en' entry",
    ],
    "duplicate_id": [
        "33:9: resources[1].id: duplicate id 'vaswani-2017' (first used by resources[0]) (ids must be unique; rename one of them)",
    ],
    "duplicate_key": [
        "40:5: duplicate key 'year' (first at line 39) (remove one of them; YAML would silently keep only the last)",
    ],
    "title_blank": [
        "34:12: resources[1].title: title is only blank space (write the resource's title)",
    ],
    "url_credentials": [
        "35:10: resources[1].url: URL carries a user name or password (remove "
        "'user:password@': the list would publish it and the link checker would send it)",
    ],
    "added_future": [
        "32:12: resources[0].added: 'added' is 2999-01-02, a date after today "
        "(give the date the entry was added to the catalog)",
    ],
    "alias_is_a_topic_id": [
        "10:20: topics.genomics.aliases[1]: alias 'attention' is already the id of topic "
        "'attention' (an alias must name one topic only)",
    ],
    "duplicate_url": [
        "20:10: resources[0].url: same URL as dnabert (each resource is listed once; merge the entries or fix the URL)",
        "35:10: resources[1].url: same URL as vaswani-2017 (each resource is listed once; merge the entries or fix the URL)",
    ],
    "duration_on_paper": [
        "18:5: resources[0]: duration only applies to videos, playlists and courses, not to a paper",
    ],
    "empty": [
        "the file is empty; it needs 'topics:' and 'resources:'",
    ],
    "empty_topics": [
        "37:13: resources[1].topics: must not be empty",
    ],
    "id_slug": [
        "33:9: resources[1].id: 'DNA_BERT' is not a valid id (use lower-case letters, digits and '-', starting with a letter or digit)",
    ],
    "isbn_checksum": [
        "43:11: resources[1].isbn: ISBN-13 '978-1-098-13679-5' fails its checksum; check the digits",
    ],
    "language_code": [
        "41:15: resources[1].language: 'english' is not an ISO 639-1 language code such as 'en' or 'fa'",
    ],
    "missing_field": [
        "33:5: resources[1].level: missing required field 'level'",
    ],
    "not_utf8": [
        "3:15: the file is not UTF-8 text (save the file as UTF-8)",
    ],
    "number_not_text": [
        '30:12: resources[0].arxiv: expected text, got number 1706.03762 (quote it: "1706.03762")',
    ],
    "path_unknown_id": [
        "15:13: paths.start.steps[0].id: unknown resource id 'vaswani-2018' (did you mean 'vaswani-2017'?)",
    ],
    "skip_needs_reason": [
        "45:7: resources[1].check: 'skip: true' needs a 'reason' saying why the link is not checked",
    ],
    "syntax_error": [
        "34:12: not valid YAML: the '[' opened here is not closed, or an item in it is malformed"
        " (the reader gave up at line 35, column 8) (close it with ']', separate items with"
        " ', ', and quote an item that holds ': ' or starts with a bracket)",
    ],
    "top_level_list": [
        "1:1: the top level must be a mapping with 'topics' and 'resources', not a list",
    ],
    "unknown_key": [
        "33:5: resources[1].title: missing required field 'title'",
        "34:5: resources[1].titel: unknown key 'titel' (did you mean 'title'?)",
    ],
    "unknown_topic": [
        "37:14: resources[1].topics[0]: unknown topic 'genomic' (did you mean 'genomics'?)",
    ],
    "unsafe_tag": [
        "34:12: tag '!!python/object/apply:os.system' is not allowed (remove the tag; catalog files hold plain text, numbers, lists and mappings)",
    ],
    "url_scheme": [
        "35:10: resources[1].url: URL scheme must be http or https, not 'ftp'",
    ],
    "utf16": [
        "1:1: the file is not UTF-8 text (the file looks like UTF-16; save it as UTF-8)",
    ],
    "year_quoted": [
        "39:11: resources[1].year: expected a whole number, got text '2021' (remove the quotes)",
    ],
    "year_range": [
        "39:11: resources[1].year: year must be from 1950 to 2026, got 1900",
    ],
    "yes_is_not_true": [
        "31:11: resources[0].free: expected true or false, got text 'yes' (write true or false; words like yes, no, on and off are not booleans here)",
    ],
}

READ_ERRORS = {"alias_bomb", "duplicate_key", "empty", "not_utf8", "syntax_error", "top_level_list"}
READ_ERRORS |= {"unsafe_tag", "utf16"}


def test_every_invalid_fixture_has_an_expectation() -> None:
    names = {p.stem for p in (FIXTURES / "invalid").glob("*.yaml")}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_reports_exact_problems(name: str) -> None:
    path = FIXTURES / "invalid" / f"{name}.yaml"
    with pytest.raises(CatalogError) as caught:
        load(path)
    errors = [p for p in caught.value.problems if p.severity == "error"]
    assert [render(p) for p in errors] == EXPECTED[name]
    assert all(p.file == str(path) for p in errors)
    expected_type = CatalogReadError if name in READ_ERRORS else CatalogValidationError
    assert isinstance(caught.value, expected_type)


def test_problems_are_sorted_by_line_and_reported_together() -> None:
    with pytest.raises(CatalogValidationError) as caught:
        load(FIXTURES / "invalid" / "unknown_key.yaml")
    lines = [p.line for p in caught.value.problems]
    assert lines == sorted(lines)
    assert len(caught.value.problems) == 2


def test_problem_text_reads_file_line_column_path_message() -> None:
    path = FIXTURES / "invalid" / "unknown_topic.yaml"
    with pytest.raises(CatalogError) as caught:
        load(path)
    first_error = caught.value.errors[0]
    assert str(first_error) == (
        f"{path}:37:14: resources[1].topics[0]: unknown topic 'genomic' (did you mean 'genomics'?)"
    )


def test_valid_minimal_catalog_loads_with_aliases_resolved() -> None:
    catalog = load(FIXTURES / "valid" / "minimal.yaml")
    assert [r.id for r in catalog.resources] == ["vaswani-2017", "dnabert"]
    assert catalog.resources[0].topics == ["attention"]
    assert catalog.resources[1].topics == ["genomics"]
    assert catalog.warnings == []
    assert catalog.line_of("vaswani-2017") == 18
    assert catalog.line_of("dnabert") == 33
    assert catalog.paths["start"].steps[0].id == "vaswani-2017"


def test_unused_topic_is_a_warning_not_an_error() -> None:
    catalog = load(FIXTURES / "valid" / "unused_topic.yaml")
    assert [render(w) for w in catalog.warnings] == [
        "3:3: topics.vision: topic 'vision' is not used by any resource "
        "(file a resource under it or remove it)"
    ]
    assert catalog.warnings[0].severity == "warning"


def test_an_item_written_twice_is_a_warning() -> None:
    """Harmless (the loader keeps it once) but a slip: validate --strict fails on it."""
    catalog = load(FIXTURES / "valid" / "repeated_items.yaml")
    assert [render(w) for w in catalog.warnings] == [
        "37:19: resources[1].topics[1]: 'dna' is listed twice in topics (remove the repeated item)",
        "38:27: resources[1].authors[1]: 'Yanrong Ji' is listed twice in authors "
        "(remove the repeated item)",
    ]


def test_missing_file_is_one_clear_read_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogReadError) as caught:
        load(tmp_path / "nope.yaml")
    assert len(caught.value.problems) == 1
    assert "file not found" in caught.value.problems[0].message


def test_folder_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogReadError, match="is a folder"):
        load(tmp_path)


VALID = sorted(p.stem for p in (FIXTURES / "valid").glob("*.yaml"))


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_loads(name: str) -> None:
    catalog = load(FIXTURES / "valid" / f"{name}.yaml")
    assert len(catalog.resources) == 2
    expected_warnings = {"unused_topic": 1, "repeated_items": 2}.get(name, 0)
    assert len(catalog.warnings) == expected_warnings
