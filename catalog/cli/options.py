"""Options that several commands take, declared once as ``Annotated`` aliases.

``list``, ``search``, ``check`` and ``export`` filter with the same six options; every command
that reads a catalog takes ``--catalog``. A command spells a parameter as, for example,
``topic: TopicOption = None``, so names, short forms, help and types cannot drift apart.
:func:`make_filters` turns the six filter values into :class:`catalog.search.Filters`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

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
    typer.Option("--since", metavar="YEAR", help="Only resources from YEAR or later."),
]
FreeOption = Annotated[
    bool | None,
    typer.Option(
        "--free/--paid", help="Only free resources, or only paid ones.", show_default=False
    ),
]


def make_filters(
    topic: list[str] | None,
    kind: list[str] | None,
    level: list[str] | None,
    language: list[str] | None,
    since: int | None,
    free: bool | None,
) -> Any:
    """:class:`catalog.search.Filters` from the shared options; an unknown kind or level is a
    usage error naming the closest value. Topics are resolved against the catalog later."""
    from catalog.cli._common import fail
    from catalog.rules import did_you_mean
    from catalog.search import Filters
    from catalog.vocab import KINDS, LEVELS

    for values, allowed, name in ((kind, KINDS, "kind"), (level, LEVELS, "level")):
        for value in values or []:
            if value not in allowed:
                hint = did_you_mean(value, allowed) or f"choose from: {', '.join(allowed)}"
                raise fail(f"unknown {name} '{value}'", hint=hint)
    return Filters(
        topics=tuple(topic or ()),
        kinds=tuple(kind or ()),
        levels=tuple(level or ()),
        languages=tuple(language or ()),
        since=since,
        free=free,
    )
