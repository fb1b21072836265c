"""The models of a catalog: what ``resources.yaml`` may contain.

Models are frozen and strict: unknown keys are errors, and YAML values are never coerced
(``yes`` does not become ``True``, ``2017`` does not become ``"2017"``). Field-level rules live
here; rules that look across entries (unique ids and URLs, known topics) live in
:mod:`catalog.rules`, so that one run can report all of them with positions.

These classes are the one representation of a catalog: the loader validates them, the index
cache holds them, and search, filters, the link checker and every export read them. They are
dataclasses that Pydantic validates (see :mod:`catalog.modelkit`); reading them does not import
Pydantic.
"""

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, ClassVar

from catalog.errors import Problem
from catalog.identifiers import is_arxiv_id, is_doi, is_language_code, isbn_problem
from catalog.modelkit import After, IsoDate, Limits, Model, model
from catalog.settings import CheckSettings, ResourceCheck
from catalog.vocab import KINDS, LEVELS, ROLES, Kind, Level, Role

__all__ = [
    "KINDS",
    "LEVELS",
    "ROLES",
    "Catalog",
    "Companion",
    "GlossaryTerm",
    "Kind",
    "LearningPath",
    "Level",
    "PathStep",
    "Resource",
    "Topic",
    "topic_names",
]
TIMED_KINDS = frozenset({"video", "playlist", "course"})

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MIN_YEAR = 1950
_DURATION = re.compile(r"^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def _check_localized(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict):
        if "en" not in value:
            raise ValueError("a translated text needs an 'en' entry")
        bad = [key for key in value if not is_language_code(key)]
        if bad:
            raise ValueError(f"'{bad[0]}' is not an ISO 639-1 language code")
    return value


def _http_url(value: str) -> str:
    from catalog.urls import url_problem

    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _year(value: int) -> int:
    this_year = dt.date.today().year
    if not MIN_YEAR <= value <= this_year:
        raise ValueError(f"year must be from {MIN_YEAR} to {this_year}, got {value}")
    return value


def _language(value: str) -> str:
    if not is_language_code(value):
        raise ValueError(f"'{value}' is not an ISO 639-1 language code such as 'en' or 'fa'")
    return value


def _duration(value: str) -> str:
    if not _DURATION.match(value):
        raise ValueError(f"duration '{value}' should look like '1h30m', '45m' or '2h'")
    return value


def _author(value: str) -> str:
    if value.count("(") != value.count(")") or value.count("[") != value.count("]"):
        raise ValueError(
            f"author '{value}' has unbalanced brackets: was a list split at a comma? "
            '(quote an author that contains commas: - "et al. (InstaDeep, NVIDIA, TUM)")'
        )
    return value


def _isbn(value: str) -> str:
    problem = isbn_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _doi(value: str) -> str:
    if not is_doi(value):
        raise ValueError(f"'{value}' is not a DOI (expected '10.NNNN/suffix')")
    return value


def _arxiv(value: str) -> str:
    if not is_arxiv_id(value):
        raise ValueError(
            f"'{value}' is not an arXiv id (expected '2101.01234', optionally 'v2', "
            "or an old-style id such as 'cs/0112017')"
        )
    return value


Slug = Annotated[str, Limits(pattern=SLUG_PATTERN, max_length=100)]
NonEmptyText = Annotated[str, Limits(min_length=1)]
# A text, or its translations keyed by language code ('en' required).
LocalizedText = Annotated[NonEmptyText | dict[str, NonEmptyText], After(_check_localized)]
Url = Annotated[NonEmptyText, After(_http_url)]


def localized(value: str | Mapping[str, str], lang: str) -> tuple[str, bool]:
    """The text in ``lang``, and whether it is really in that language (False: English fallback)."""
    if isinstance(value, str):
        return value, lang == "en"
    if lang in value:
        return value[lang], True
    return value["en"], lang == "en"


def topic_names(aliases: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Every accepted topic name (ids and aliases) mapped to its topic id, from ``(topic id,
    its aliases)`` pairs. A topic's own id wins over another topic's alias of the same name."""
    names: dict[str, str] = {}
    for topic_id, topic_aliases in aliases:
        for alias in topic_aliases:
            names[alias] = topic_id
        names[topic_id] = topic_id
    return names


@model
class Topic(Model):
    """A subject a resource can be filed under. Title and description may be translated."""

    title: LocalizedText
    description: LocalizedText
    aliases: list[Slug] = dataclasses.field(default_factory=list)


@model
class Companion(Model):
    """Another entry that belongs with a main entry: its code, blog post, notebook, video, other
    version or translation. Only the main entry lists it; the reverse link is derived
    (:meth:`Catalog.main_of`)."""

    id: Slug
    role: Role


@model
class Resource(Model):
    """One learning resource. Field names are a public contract."""

    id: Slug
    title: NonEmptyText
    url: Url
    kind: Kind
    topics: Annotated[list[Slug], Limits(min_length=1)]
    authors: Annotated[list[Annotated[NonEmptyText, After(_author)]], Limits(min_length=1)]
    year: Annotated[int, After(_year)]
    level: Level
    language: Annotated[str, After(_language)]
    tags: list[Slug] = dataclasses.field(default_factory=list)
    duration: Annotated[str, After(_duration)] | None = None
    isbn: Annotated[str, After(_isbn)] | None = None
    doi: Annotated[str, After(_doi)] | None = None
    arxiv: Annotated[str, After(_arxiv)] | None = None
    free: bool | None = None
    added: IsoDate | None = None
    archived_url: Annotated[str, After(_http_url)] | None = None
    companions: list[Companion] = dataclasses.field(default_factory=list)
    check: ResourceCheck | None = None
    # Last, so that the long texts close each entry in the YAML file (catalog fmt keeps this
    # order) and in JSON output.
    description: LocalizedText

    def _check(self) -> None:
        if self.duration is not None and self.kind not in TIMED_KINDS:
            raise ValueError(
                f"duration only applies to videos, playlists and courses, not to a {self.kind}"
            )

    def text(self, lang: str = "en") -> tuple[str, bool]:
        """The description in ``lang`` and whether it is a real translation."""
        return localized(self.description, lang)

    @property
    def descriptions(self) -> dict[str, str]:
        """Every description by language code."""
        if isinstance(self.description, str):
            return {"en": self.description}
        return dict(self.description)


@model
class PathStep(Model):
    """One step of a learning path: a resource id and why it comes here."""

    id: Slug
    note: LocalizedText


@model
class LearningPath(Model):
    """An ordered sequence of resources for a learner to follow."""

    title: LocalizedText
    description: LocalizedText | None = None
    # Paths to follow first, by id.
    requires: list[Slug] = dataclasses.field(default_factory=list)
    steps: Annotated[list[PathStep], Limits(min_length=1)]


def _forms(value: dict[str, list[str]]) -> dict[str, list[str]]:
    bad = [key for key in value if not is_language_code(key)]
    if bad:
        raise ValueError(f"'{bad[0]}' is not an ISO 639-1 language code such as 'en' or 'fa'")
    return value


# Other written forms of a glossary term, by language code: {fa: [رتبه‌پایین, رتبه‌ی پایین]}.
Forms = Annotated[dict[str, list[NonEmptyText]], After(_forms)]


@model
class GlossaryTerm(Model):
    """A technical term in English and Persian (its preferred forms), with the other forms a
    reader may meet: ``variants`` are accepted spellings, ``avoid`` are understood by search but
    are not to be written (``catalog validate`` warns where a text in that language uses one)."""

    en: NonEmptyText
    fa: NonEmptyText
    variants: Forms = dataclasses.field(default_factory=dict)
    avoid: Forms = dataclasses.field(default_factory=dict)

    def forms(self) -> list[tuple[str, str, bool]]:
        """Every ``(language, form, preferred-or-accepted)`` of the term, preferred forms first."""
        found = [("en", self.en, True), ("fa", self.fa, True)]
        found += [(lang, form, True) for lang, forms in self.variants.items() for form in forms]
        found += [(lang, form, False) for lang, forms in self.avoid.items() for form in forms]
        return found


@model
class Catalog(Model):
    """A whole catalog: topics, resources, learning paths, the glossary and link-check settings.

    Besides the file's content, a loaded catalog knows where it came from (:attr:`source`), the
    line of each resource's entry, and the warnings found while loading it.
    """

    topics: dict[Slug, Topic]
    resources: list[Resource]
    paths: dict[Slug, LearningPath] = dataclasses.field(default_factory=dict)
    # Terms in English and Persian: search expands queries through them (catalog.glossary).
    glossary: dict[Slug, GlossaryTerm] = dataclasses.field(default_factory=dict)
    check: CheckSettings | None = None

    # Not fields of the file: set per instance by the loader (or the index cache) through
    # :meth:`located`. The class attributes are the defaults of a catalog built in code.
    _source: ClassVar[str | None] = None
    _lines: ClassVar[Mapping[str, int]] = {}
    _warnings: ClassVar[tuple[Problem, ...]] = ()

    def located(
        self, source: str | None, lines: Mapping[str, int], warnings: Iterable[Problem] = ()
    ) -> "Catalog":
        """This catalog, told where it was read from (returns ``self``)."""
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "_lines", dict(lines))
        object.__setattr__(self, "_warnings", tuple(sorted(warnings)))
        return self

    def replace(self, **changes: object) -> "Catalog":
        """A copy with some fields changed (no validation), keeping where it came from."""
        copy = dataclasses.replace(self, **changes)  # type: ignore[arg-type]
        return copy.located(self._source, self._lines, self._warnings)

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
        return self._lookups()[0].get(resource_id)

    def main_of(self, resource_id: str) -> tuple[Resource, Companion] | None:
        """The main entry that lists ``resource_id`` as a companion, with that link, or None."""
        return self._lookups()[1].get(resource_id)

    def _lookups(
        self,
    ) -> tuple[dict[str, Resource], dict[str, tuple[Resource, Companion]]]:
        """Resources by id, and each companion's main entry with its link (the first, as the
        file lists them): built on first use, since exports ask for every resource and a scan
        each time made them quadratic (3 s of Markdown, 7 s of CSV at 10,000 entries)."""
        tables = self.__dict__.get("_tables")
        if tables is None:
            by_id: dict[str, Resource] = {}
            mains: dict[str, tuple[Resource, Companion]] = {}
            for resource in self.resources:
                by_id.setdefault(resource.id, resource)
                for companion in resource.companions:
                    mains.setdefault(companion.id, (resource, companion))
            tables = (by_id, mains)
            object.__setattr__(self, "_tables", tables)
        return tables

    def companions_of(self, resource_id: str) -> list[tuple[Resource, Companion]]:
        """The companions a main entry lists, in its order (ids not in the catalog left out)."""
        main = self.get(resource_id)
        if main is None:
            return []
        found = [(self.get(c.id), c) for c in main.companions]
        return [(r, c) for r, c in found if r is not None]

    def topic_ids(self) -> dict[str, str]:
        """Every accepted topic name (ids and aliases) mapped to its topic id."""
        return topic_names((key, topic.aliases) for key, topic in self.topics.items())
