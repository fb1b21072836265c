"""Query commands: list, search, show, topics, stats (learning paths: cli/paths.py).

They read the catalog through :func:`catalog.index.load_index`, which serves a cached index when
the file's bytes are unchanged, so they start without importing Pydantic or a YAML reader. Every
row they print is a :class:`~catalog.models.Resource` of that index's catalog.

Annotations are not postponed (no ``from __future__ import annotations``): Typer reads the
command's at run time, and would compile each one written as text, twice.
"""

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from catalog.cli._common import (
    ExitCode,
    fail,
    localized_text,
    print_json,
    suggest,
)
from catalog.cli.options import (
    CatalogOption,
    FreeOption,
    KindOption,
    LangChoice,
    LanguageOption,
    LevelOption,
    PaidOption,
    SinceOption,
    TopicOption,
    make_filters,
)

if TYPE_CHECKING:
    from catalog.index import Index
    from catalog.models import Catalog, Resource


class SortKey(str, enum.Enum):
    TITLE = "title"
    YEAR = "year"
    LEVEL = "level"


def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    app.command("search")(search)
    app.command("show")(show)
    app.command("topics")(topics)
    app.command("stats")(stats)


def _index(catalog: Path | None) -> "Index":
    from catalog.cli._common import load_index_or_exit

    index: Index = load_index_or_exit(catalog)
    return index


def _filters(index: "Index", *options: Any) -> Any:
    from catalog.cli._common import resolve_filters

    languages = {r.language for r in index.catalog.resources}
    return resolve_filters(make_filters(*options, languages=languages), index.catalog.topic_ids())


def resource_json(catalog: "Catalog", resource: "Resource") -> dict[str, Any]:
    """The stable JSON shape of a resource (documented in docs/json.md): every field, the
    description always keyed by language, the main entry it is a companion of (or null), and
    the line of its entry."""
    from catalog.modelkit import to_json

    data = to_json(resource)
    data["description"] = resource.descriptions
    main = catalog.main_of(resource.id)
    data["companion_of"] = {"id": main[0].id, "role": main[1].role} if main else None
    data["line"] = catalog.line_of(resource.id)
    return dict(data)


def _table(entries: "list[Resource]") -> None:
    from catalog.cli.tables import print_table
    from catalog.plaintext import Column, Role

    # Ids are what `catalog show` takes: never cut. Titles wrap first; then level, kind and
    # year give way, in that order.
    columns = (
        Column("id", Role.KEY),
        Column("title", Role.TEXT),
        Column("kind", drop=2),
        Column("level", drop=1),
        Column("year", drop=3, right=True),
    )
    rows = [(e.id, e.title, e.kind, e.level, str(e.year)) for e in entries]
    print_table(columns, rows, styles={0: "cyan"})


def list_(
    catalog: CatalogOption = None,
    topic: TopicOption = None,
    kind: KindOption = None,
    level: LevelOption = None,
    language: LanguageOption = None,
    since: SinceOption = None,
    free: FreeOption = None,
    paid: PaidOption = None,
    sort: SortKey = typer.Option(
        SortKey.TITLE, "--sort", "-s", help="Order by title, year or level."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """List resources, optionally filtered.

    Examples:

      catalog list --topic genomics --level intermediate

      catalog list --kind paper --since 2023 --sort year

      catalog list --free --language fa --json
    """
    from catalog.plaintext import plural
    from catalog.search import apply, sort_resources

    index = _index(catalog)
    filters = _filters(index, topic, kind, level, language, since, free, paid)
    resources = index.catalog.resources
    entries = sort_resources(apply(resources, filters), sort.value)
    if json_out:
        results = [resource_json(index.catalog, r) for r in entries]
        print_json({"count": len(entries), "results": results})
        return
    if not entries:
        typer.echo("No resources match these filters.", err=True)
        return
    _table(entries)
    typer.echo(f"{len(entries)} of {plural(len(resources), 'resource')}", err=True)


def search(
    query: list[str] = typer.Argument(..., help="Words to look for, in English or Persian."),
    catalog: CatalogOption = None,
    topic: TopicOption = None,
    kind: KindOption = None,
    level: LevelOption = None,
    language: LanguageOption = None,
    since: SinceOption = None,
    free: FreeOption = None,
    paid: PaidOption = None,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Show at most this many results."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """Search titles, topics, tags, authors and descriptions (every language), best first.

    Resources that match every word come first; when none does, the closest partial matches
    are shown under a note. A prefix matches (atten), one typo is forgiven in words of five
    letters or more (atention), and the glossary finds a term in either language (مکانیزم توجه
    finds attention mechanism).

    Examples:

      catalog search attention

      catalog search long sequences --kind paper

      catalog search protein language model --limit 5 --json

      catalog search ترنسفورمر
    """
    from catalog.plaintext import plural
    from catalog.search import rank
    from catalog.textnorm import words

    if not words(" ".join(query)):
        raise fail(
            f"nothing to search for in '{' '.join(query)}'",
            hint="Give one or more words, for example: catalog search attention",
        )
    index = _index(catalog)
    filters = _filters(index, topic, kind, level, language, since, free, paid)
    hits = rank(index, query, filters)
    shown = hits[:limit]
    partial = bool(hits) and hits[0].partial
    if json_out:
        results = [{**resource_json(index.catalog, h.resource), "score": h.score} for h in shown]
        data = {"query": " ".join(query), "count": len(hits), "partial": partial}
        print_json({**data, "results": results})
        return
    if not hits:
        typer.echo(f"No resources match '{' '.join(query)}'.", err=True)
        return
    if partial:
        typer.echo(
            f"No resource matches every word of '{' '.join(query)}'; closest matches:", err=True
        )
    _table([h.resource for h in shown])
    more = f" (showing {len(shown)}; use --limit to see more)" if len(hits) > len(shown) else ""
    found = plural(len(hits), "partial match" if partial else "match")
    typer.echo(f"{found}{more}", err=True)


def show(
    resource_id: str = typer.Argument(..., metavar="ID", help="The resource's id."),
    catalog: CatalogOption = None,
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """Show every field of one resource.

    Example:

      catalog show vaswani-2017-attention
    """
    from catalog.cli.tables import print_fields

    index = _index(catalog)
    entry = index.catalog.get(resource_id)
    if entry is None:
        raise fail(
            f"no resource with id '{resource_id}'",
            code=ExitCode.PROBLEMS,
            hint=suggest(resource_id, [r.id for r in index.catalog.resources])
            or "see 'catalog list' for ids",
        )
    data = resource_json(index.catalog, entry)
    if json_out:
        print_json(data)
        return
    pairs: list[tuple[str, str]] = []
    topic_titles = {t: topic.title for t, topic in index.catalog.topics.items()}
    for key, value in data.items():
        if value is None or value == [] or key in ("description", "line"):
            continue
        if key == "topics":
            value = [
                f"{t} ({localized_text(topic_titles[t], 'en')})" if t in topic_titles else t
                for t in value
            ]
        if key == "companions":
            value = [f"{c['id']} ({c['role']})" for c in value]
        if key == "companion_of":
            key, value = "companion of", f"{value['id']} ({value['role']})"
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        else:
            shown = str(value)
        if isinstance(value, dict):
            shown = ", ".join(f"{k}: {v}" for k, v in value.items())
        pairs.append((key, shown))
    for lang, text in entry.descriptions.items():
        pairs.append((f"description ({lang})", text))
    line = index.catalog.line_of(entry.id)
    if line:
        pairs.append(("line", f"{index.catalog.source}:{line}"))
    print_fields(entry.title, pairs)


def topics(
    catalog: CatalogOption = None,
    lang: LangChoice = typer.Option(LangChoice.en, "--lang", help="Language of titles: en or fa."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """List topics with how many resources each has.

    Example:

      catalog topics
    """
    from catalog.cli.tables import print_table
    from catalog.plaintext import Column, Role

    index = _index(catalog)
    all_topics = index.catalog.topics
    counts = dict.fromkeys(all_topics, 0)
    for resource in index.catalog.resources:
        for t in resource.topics:
            counts[t] = counts.get(t, 0) + 1
    if json_out:
        rows = [
            {
                "id": t,
                "title": topic.title,
                "description": topic.description,
                "aliases": topic.aliases,
                "count": counts[t],
            }
            for t, topic in all_topics.items()
        ]
        print_json({"count": len(rows), "topics": rows})
        return
    columns = [
        Column("topic", Role.KEY),
        Column("resources", right=True),
        Column("title", Role.TEXT),
        Column("aliases", Role.TEXT),
    ]
    table = [
        (t, str(counts[t]), localized_text(topic.title, lang), ", ".join(topic.aliases))
        for t, topic in all_topics.items()
    ]
    print_table(columns, table, styles={0: "cyan"})


def _counts(values: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        key = "unknown" if value is None else str(value)
        out[key] = out.get(key, 0) + 1
    return out


def stats(
    catalog: CatalogOption = None,
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """Count resources by kind, level, language, year and topic.

    Example:

      catalog stats --json
    """
    from rich.columns import Columns
    from rich.table import Table

    from catalog.cli._common import console
    from catalog.cli.tables import terminal_width
    from catalog.plaintext import plural
    from catalog.search import LEVEL_ORDER

    index = _index(catalog)
    entries = index.catalog.resources
    by = {
        "kind": dict(sorted(_counts([e.kind for e in entries]).items(), key=lambda kv: -kv[1])),
        "level": dict(
            sorted(_counts([e.level for e in entries]).items(), key=lambda kv: LEVEL_ORDER[kv[0]])
        ),
        "language": dict(sorted(_counts([e.language for e in entries]).items())),
        "year": dict(sorted(_counts([e.year for e in entries]).items())),
        "topic": {t: sum(t in e.topics for e in entries) for t in index.catalog.topics},
        "free": _counts(
            [None if e.free is None else ("free" if e.free else "paid") for e in entries]
        ),
    }
    if json_out:
        print_json({"total": len(entries), **by})
        return
    if terminal_width() is None:  # a pipe or a file: one count per line, tab-separated
        from catalog.plaintext import Column, tsv

        rows = [
            (name, str(key), str(n)) for name, counts in by.items() for key, n in counts.items()
        ]
        typer.echo(tsv([Column("by"), Column("value"), Column("resources")], rows), nl=False)
        typer.echo(plural(len(entries), "resource"), err=True)
        return
    tables = []
    for name, counts in by.items():
        table = Table(title=f"by {name}", box=None, header_style="bold", pad_edge=False)
        table.add_column(name, no_wrap=True)
        table.add_column("n", justify="right")
        for key, n in counts.items():
            table.add_row(key, str(n))
        tables.append(table)
    out = console()
    out.print(plural(len(entries), "resource"))
    out.print(Columns(tables, padding=(1, 4)))
