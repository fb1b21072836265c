"""Learning-path commands: `catalog paths` and `catalog path NAME`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from catalog.cli._common import ExitCode, fail, localized_text, print_json, suggest
from catalog.cli.options import CatalogOption, LangChoice

if TYPE_CHECKING:
    from catalog.models import Catalog


def register(app: typer.Typer) -> None:
    app.command("paths")(paths)
    app.command("path")(path)


def _catalog(path: Path | None) -> Catalog:
    from catalog.cli._common import load_index_or_exit

    catalog: Catalog = load_index_or_exit(path).catalog
    return catalog


def paths(
    catalog: CatalogOption = None,
    lang: LangChoice = typer.Option(LangChoice.en, "--lang", help="Language of titles: en or fa."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """List the learning paths.

    Example:

      catalog paths --lang fa
    """
    from catalog.cli.tables import print_table
    from catalog.plaintext import Column, Role

    loaded = _catalog(catalog)
    if json_out:
        rows = [
            {
                "id": key,
                "title": p.title,
                "description": p.description,
                "requires": list(p.requires),
                "steps": len(p.steps),
            }
            for key, p in loaded.paths.items()
        ]
        print_json({"count": len(rows), "paths": rows})
        return
    if not loaded.paths:
        typer.echo("This catalog has no learning paths.", err=True)
        return
    columns = [Column("path", Role.KEY), Column("steps", right=True), Column("title", Role.TEXT)]
    table = [
        (key, str(len(p.steps)), localized_text(p.title, lang)) for key, p in loaded.paths.items()
    ]
    print_table(columns, table, styles={0: "cyan"})


def path(
    name: str = typer.Argument(..., help="The path's id (see 'catalog paths')."),
    catalog: CatalogOption = None,
    lang: LangChoice = typer.Option(
        LangChoice.en, "--lang", help="Language of titles and notes: en or fa."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the docs)."),
) -> None:
    """Show one learning path as a numbered sequence.

    Example:

      catalog path from-zero
    """
    from rich.markup import escape

    from catalog.cli._common import console
    from catalog.cli.query import resource_json

    loaded = _catalog(catalog)
    found = loaded.paths.get(name)
    if found is None:
        hint = suggest(name, loaded.paths) or "see 'catalog paths'"
        raise fail(f"no learning path '{name}'", code=ExitCode.PROBLEMS, hint=hint)
    steps = []
    for number, step in enumerate(found.steps, start=1):
        entry = loaded.get(step.id)
        steps.append((number, step, entry))
    if json_out:
        print_json(
            {
                "id": name,
                "title": found.title,
                "description": found.description,
                "requires": list(found.requires),
                "steps": [
                    {
                        "step": n,
                        "id": s.id,
                        "note": s.note,
                        "resource": resource_json(loaded, e) if e else None,
                    }
                    for n, s, e in steps
                ],
            }
        )
        return
    out = console()
    out.print(f"[bold]{escape(localized_text(found.title, lang))}[/]")
    description = localized_text(found.description, lang)
    if description:
        out.print(escape(description))
    if found.requires:
        first = ", ".join(
            f"{localized_text(loaded.paths[p].title, lang)} ({p})" if p in loaded.paths else p
            for p in found.requires
        )
        label = "پیش‌نیاز" if lang == "fa" else "Follow first"
        out.print(f"[dim]{escape(label)}:[/] {escape(first)}")
    for number, step, entry in steps:
        title = entry.title if entry else step.id
        detail = f"{entry.kind}, {entry.level}, {entry.year}" if entry else "missing"
        out.print(f"\n[bold]{number}.[/] {escape(title)} [dim]({escape(detail)})[/]")
        out.print(f"   {escape(localized_text(step.note, lang))}")
        if entry:
            # soft_wrap: a URL wider than the terminal is folded by the terminal, not broken.
            out.print(
                f"   [link={escape(entry.url)}]{escape(entry.url)}[/link]  [cyan]{entry.id}[/]",
                soft_wrap=True,
            )
