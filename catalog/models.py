"""Pydantic models of a catalog: what ``resources.yaml`` may contain.

Models are frozen and strict: unknown keys are errors, and YAML values are never coerced
(``yes`` does not become ``True``, ``2017`` does not become ``"2017"``). Field-level rules live
here; rules that look across entries (unique ids and URLs, known topics) live in
:mod:`catalog.rules`, so that one run can report all of them with positions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from catalog.errors import Problem
from catalog.identifiers import (
    is_arxiv_id,
    is_doi,
    is_language_code,
    isbn_problem,
)
from catalog.settings import CheckSettings, ResourceCheck
from catalog.vocab import KINDS, LEVELS, Kind, Level

__all__ = [
    "KINDS",
    "LEVELS",
    "Catalog",
    "Kind",
    "LearningPath",
    "Level",
    "PathStep",
    "Resource",
    "Topic",
]
TIMED_KINDS = frozenset({"video", "playlist", "course"})

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=100)]
NonEmptyText = Annotated[str, Field(min_length=1)]
LocalizedText = NonEmptyText | dict[str, NonEmptyText]

_DURATION = re.compile(r"^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
MIN_YEAR = 1950


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


def _check_localized(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict):
        if "en" not in value:
            raise ValueError("a translated text needs an 'en' entry")
        bad = [key for key in value if not is_language_code(key)]
        if bad:
            raise ValueError(f"'{bad[0]}' is not an ISO 639-1 language code")
    return value


def localized(value: str | dict[str, str], lang: str) -> tuple[str, bool]:
    """The text in ``lang``, and whether it is really in that language (False: English fallback)."""
    if isinstance(value, str):
        return value, lang == "en"
    if lang in value:
        return value[lang], True
    return value["en"], lang == "en"


class Topic(_Model):
    """A subject a resource can be filed under. Title and description may be translated."""

    title: LocalizedText
    description: LocalizedText
    aliases: list[Slug] = Field(default_factory=list)

    @field_validator("title", "description")
    @classmethod
    def _texts(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        return _check_localized(value)


class Resource(_Model):
    """One learning resource. Field names are a public contract."""

    id: Slug
    title: NonEmptyText
    url: NonEmptyText
    kind: Kind
    topics: Annotated[list[Slug], Field(min_length=1)]
    authors: Annotated[list[NonEmptyText], Field(min_length=1)]
    year: int
    level: Level
    language: str
    tags: list[Slug] = Field(default_factory=list)
    duration: str | None = None
    isbn: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    free: bool | None = None
    added: dt.date | None = None
    archived_url: str | None = None
    check: ResourceCheck | None = None
    # Last, so that the long texts close each entry in the YAML file (catalog fmt keeps this
    # order) and in JSON output.
    description: LocalizedText

    @field_validator("url", "archived_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from catalog.urls import url_problem

        problem = url_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("year")
    @classmethod
    def _year(cls, value: int) -> int:
        this_year = dt.date.today().year
        if not MIN_YEAR <= value <= this_year:
            raise ValueError(f"year must be from {MIN_YEAR} to {this_year}, got {value}")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if not is_language_code(value):
            raise ValueError(f"'{value}' is not an ISO 639-1 language code such as 'en' or 'fa'")
        return value

    @field_validator("description")
    @classmethod
    def _description(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        return _check_localized(value)

    @field_validator("duration")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None and not _DURATION.match(value):
            raise ValueError(f"duration '{value}' should look like '1h30m', '45m' or '2h'")
        return value

    @field_validator("isbn")
    @classmethod
    def _isbn(cls, value: str | None) -> str | None:
        if value is not None:
            problem = isbn_problem(value)
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("doi")
    @classmethod
    def _doi(cls, value: str | None) -> str | None:
        if value is not None and not is_doi(value):
            raise ValueError(f"'{value}' is not a DOI (expected '10.NNNN/suffix')")
        return value

    @field_validator("arxiv")
    @classmethod
    def _arxiv(cls, value: str | None) -> str | None:
        if value is not None and not is_arxiv_id(value):
            raise ValueError(
                f"'{value}' is not an arXiv id (expected '2101.01234', optionally 'v2', "
                "or an old-style id such as 'cs/0112017')"
            )
        return value

    @model_validator(mode="after")
    def _duration_kind(self) -> Resource:
        if self.duration is not None and self.kind not in TIMED_KINDS:
            raise ValueError(
                f"duration only applies to videos, playlists and courses, not to a {self.kind}"
            )
        return self

    def text(self, lang: str = "en") -> tuple[str, bool]:
        """The description in ``lang`` and whether it is a real translation."""
        return localized(self.description, lang)

    @property
    def descriptions(self) -> dict[str, str]:
        """Every description by language code."""
        if isinstance(self.description, str):
            return {"en": self.description}
        return dict(self.description)


class PathStep(_Model):
    """One step of a learning path: a resource id and why it comes here."""

    id: Slug
    note: LocalizedText

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        return _check_localized(value)


class LearningPath(_Model):
    """An ordered sequence of resources for a learner to follow."""

    title: LocalizedText
    description: LocalizedText | None = None
    steps: Annotated[list[PathStep], Field(min_length=1)]

    @field_validator("title", "description")
    @classmethod
    def _texts(cls, value: str | dict[str, str] | None) -> str | dict[str, str] | None:
        return None if value is None else _check_localized(value)


class Catalog(_Model):
    """A whole catalog: topics, resources, learning paths and link-check settings."""

    topics: dict[Slug, Topic]
    resources: list[Resource]
    paths: dict[Slug, LearningPath] = Field(default_factory=dict)
    check: CheckSettings | None = None

    _warnings: list[Problem] = PrivateAttr(default_factory=list)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)
    _source: str | None = PrivateAttr(default=None)

    @property
    def warnings(self) -> list[Problem]:
        """Findings that do not make the catalog invalid (for example an unused topic)."""
        return list(self._warnings)

    @property
    def source(self) -> str | None:
        """The file this catalog was loaded from, if any."""
        return self._source

    def line_of(self, resource_id: str) -> int | None:
        """The line in the source file where a resource's entry starts."""
        return self._lines.get(resource_id)

    def get(self, resource_id: str) -> Resource | None:
        """The resource with this id, or None."""
        for resource in self.resources:
            if resource.id == resource_id:
                return resource
        return None

    def topic_ids(self) -> dict[str, str]:
        """Every accepted topic name (ids and aliases) mapped to its topic id."""
        names: dict[str, str] = {}
        for topic_id, topic in self.topics.items():
            for alias in topic.aliases:
                names[alias] = topic_id
            names[topic_id] = topic_id
        return names
