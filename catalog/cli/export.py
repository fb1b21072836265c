"""`catalog export`: the catalog as Markdown, JSON, CSV, BibTeX or an offline HTML page."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from catalog.cli._common import (
    ExitCode,
    fail,
    resolve_path,
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
    from catalog.export import ExportOptions
    from catalog.models import Catalog
    from catalog.search import Filters


# Typer needs the choices when the command is declared; these mirror catalog.export.options
# without importing it at start-up (a test checks that the two stay identical).
class FormatChoice(str, enum.Enum):
    markdown = "markdown"
    json = "json"
    csv = "csv"
    bibtex = "bibtex"
    html = "html"


class GroupChoice(str, enum.Enum):
    topic = "topic"
    kind = "kind"
    level = "level"
    year = "year"
    none = "none"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("export")(export)


def export(
    catalog: CatalogOption = None,
    format: FormatChoice = typer.Option(
        FormatChoice.markdown, "--format", "-f", help="markdown, json, csv, bibtex or html."
    ),
    lang: LangChoice = typer.Option(
        LangChoice.en,
        "--lang",
        help="Language of headings and descriptions; English stands in (marked) where missing.",
    ),
    group_by: GroupChoice = typer.Option(
        GroupChoice.topic, "--group-by", help="Sections of the Markdown and HTML outputs."
    ),
    paths: bool = typer.Option(True, "--paths/--no-paths", help="Include the learning paths."),
    output: Path | None = typer.Option(
        None, "--output", "-o", dir_okay=False, help="Write to FILE (atomically) instead of stdout."
    ),
    inject: Path | None = typer.Option(
        None,
        "--inject",
        dir_okay=False,
        metavar="FILE",
        help="Put the Markdown list between the <!-- catalog:start/end --> markers in FILE.",
    ),
    check: bool = typer.Option(
        False,
        "--check",
        help="With --inject or -o: change nothing; exit 1 and show a diff when FILE is stale.",
    ),
    schema: bool = typer.Option(
        False, "--schema", help="Print the JSON Schema of --format json and exit."
    ),
    topic: TopicOption = None,
    kind: KindOption = None,
    level: LevelOption = None,
    language: LanguageOption = None,
    since: SinceOption = None,
    free: FreeOption = None,
    paid: PaidOption = None,
) -> None:
    """Export the catalog (or the part the filters select).

    Exit 0 on success, 1 when --check finds FILE stale, 2 on bad usage or an unreadable input.

    Examples:

      catalog export --format markdown --lang fa -o resources.fa.md

      catalog export --inject README.md --check

      catalog export --format csv --topic genomics --free > genomics.csv
    """
    from catalog.errors import OutputError
    from catalog.export import ExportError, ExportOptions, Format, GroupBy, render

    if schema and format not in (FormatChoice.json, FormatChoice.markdown):  # markdown: unset
        raise fail(
            f"--schema describes the JSON export, not {format.value}",
            hint="drop --format, or use --format json",
        )
    if schema:
        from catalog.cli._common import print_json
        from catalog.export.json_doc import schema as json_schema

        print_json(json_schema())
        raise typer.Exit(ExitCode.OK)
    if inject is not None and (format is not FormatChoice.markdown or output is not None):
        raise fail(
            "--inject writes Markdown into FILE", hint="drop --format/--output, or drop --inject"
        )
    if check and inject is None and output is None:
        raise fail("--check compares with a file", hint="add --inject README.md or -o FILE")

    filters = make_filters(topic, kind, level, language, since, free, paid)
    options = ExportOptions(lang=lang.value, group_by=GroupBy(group_by.value), paths=paths)
    selected = _selected(catalog, filters)
    source = resolve_path(catalog)  # never written over: `-o resources.yaml` is refused
    try:
        if inject is not None:
            _inject(selected, options, inject, check, source)
        else:
            _emit(render(selected, Format(format.value), options), output, check, source)
    except (ExportError, OutputError) as exc:
        raise fail(str(exc)) from None


def _selected(path: Path | None, filters: Filters) -> Catalog:
    """The catalog (from the index cache, which holds it validated) limited to the filters."""
    from catalog.cli._common import load_index_or_exit, resolve_filters
    from catalog.export import select
    from catalog.search import apply

    catalog: Catalog = load_index_or_exit(path).catalog
    chosen = apply(catalog.resources, resolve_filters(filters, catalog.topic_ids()))
    return select(catalog, {r.id for r in chosen})


def _read(path: Path) -> str:
    try:
        # Bytes, not read_text: universal newlines would turn a CRLF README into LF.
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise fail(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot read the file: {exc}") from None


def _emit(text: str, output: Path | None, check: bool, source: Path) -> None:
    from catalog.files import write_text

    if output is None:
        sys.stdout.write(text)
    elif check:
        _report_stale(output, _read(output) if output.exists() else "", text)
    else:
        write_text(output, text, source=source)


def _inject(
    catalog: Catalog, options: ExportOptions, path: Path, check: bool, source: Path
) -> None:
    from dataclasses import replace

    from catalog.export import Format, render
    from catalog.export.inject import headings_before, inject
    from catalog.files import write_text

    document = _read(path)
    # Headings above the block shape its anchors (GitHub numbers repeated headings).
    options = replace(options, standalone=False, taken_headings=headings_before(document))
    updated = inject(document, render(catalog, Format.markdown, options), name=str(path))
    if check:
        _report_stale(path, document, updated)
    elif updated != document:
        write_text(path, updated, source=source)
        typer.echo(f"{path}: catalog block updated", err=True)
    else:
        typer.echo(f"{path}: already up to date", err=True)


def _report_stale(path: Path, current: str, expected: str) -> None:
    from catalog.export.inject import diff

    if current == expected:
        typer.echo(f"{path}: up to date", err=True)
        return
    sys.stdout.write(diff(current, expected, name=str(path)))
    typer.echo(f"{path}: stale; run the same command without --check to update it", err=True)
    raise typer.Exit(ExitCode.PROBLEMS)
