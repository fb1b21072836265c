"""Options that several commands take, declared once as ``Annotated`` aliases.

``list``, ``search``, ``check`` and ``export`` filter with the same seven options; every
command that reads a catalog takes ``--catalog``. A command spells a parameter as, for example,
``topic: TopicOption = None``, so names, short forms, help and types cannot drift apart.
:func:`make_filters` checks the filter values and turns them into
:class:`catalog.search.Filters`.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

import typer


class LangChoice(str, enum.Enum):
    """The languages of the catalog's texts: ``--lang`` takes one of these, or is refused."""

    en = "en"
    fa = "fa"


CATALOG_HELP = (
    "Catalog file. Default: ./resources.yaml if present, otherwise the catalog shipped with "
    "the package."
)

CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        "-c",
        envvar="CATALOG_FILE",
        help=CATALOG_HELP,
        show_default=False,
        dir_okay=False,
    ),
]
# Edits never default to the packaged copy, which is not the user's to change.
EditCatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        "-c",
        envvar="CATALOG_FILE",
        help="Catalog file to edit. Default: ./resources.yaml.",
        show_default=False,
        dir_okay=False,
    ),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option("--topic", "-t", help="Only this topic (id or alias); repeat for any of several."),
]
KindOption = Annotated[
    list[str] | None,
    typer.Option("--kind", "-k", help="Only this kind (video, paper, book, ...); repeatable."),
]
LevelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--level", "-l", help="Only this level: beginner, intermediate or advanced; repeatable."
    ),
]
LanguageOption = Annotated[
    list[str] | None,
    typer.Option("--language", help="Only resources in this language (en, fa, ...)."),
]
SinceOption = Annotated[
    int | None,
    typer.Option("--since", metavar="YEAR", min=0, help="Only resources from YEAR or later."),
]
# Two flags rather than a --free/--paid pair, so that giving both is an error, not "last wins".
FreeOption = Annotated[
    bool | None,
    typer.Option("--free", help="Only free resources.", show_default=False),
]
PaidOption = Annotated[
    bool | None,
    typer.Option("--paid", help="Only paid resources.", show_default=False),
]


def make_filters(
    topic: list[str] | None,
    kind: list[str] | None,
    level: list[str] | None,
    language: list[str] | None,
    since: int | None,
    free: bool | None,
    paid: bool | None = None,
    *,
    languages: Collection[str] = (),
) -> Any:
    """:class:`catalog.search.Filters` from the shared options, or a usage error: an unknown
    kind, level or language names the closest value, and --free with --paid is refused.
    ``languages``, the catalog's when it is loaded already, are what an unknown language's
    hint names. Topics are checked against the catalog by
    :func:`catalog.cli._common.resolve_filters`."""
    from catalog.cli._common import fail
    from catalog.identifiers import ISO_639_1
    from catalog.search import Filters
    from catalog.vocab import KINDS, LEVELS

    for values, allowed, name in ((kind, KINDS, "kind"), (level, LEVELS, "level")):
        for value in values or []:
            if value not in allowed:
                from catalog.rules import did_you_mean  # only for the message

                hint = did_you_mean(value, allowed) or f"choose from: {', '.join(allowed)}"
                raise fail(f"unknown {name} '{value}'", hint=hint)
    for value in language or []:
        if value not in ISO_639_1:
            raise fail(f"unknown language '{value}'", hint=_language_hint(value, languages))
    if free and paid:
        raise fail("--free and --paid exclude each other", hint="give one of them, or neither")
    return Filters(
        topics=tuple(topic or ()),
        kinds=tuple(kind or ()),
        levels=tuple(level or ()),
        languages=tuple(language or ()),
        since=since,
        free=True if free else False if paid else None,
    )


def _language_hint(value: str, languages: Collection[str]) -> str:
    from catalog.identifiers import ISO_639_1

    # 'EN' and 'eng' mean 'en'; spelling distance says little between two-letter codes.
    close = [c for c in (value.lower(), value.lower()[:2]) if c in ISO_639_1]
    if close:
        return f"did you mean '{close[0]}'?"
    if languages:
        return f"languages in this catalog: {', '.join(sorted(languages))}"
    return "use an ISO 639-1 code, such as en or fa"
