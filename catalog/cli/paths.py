"""Learning-path commands: `catalog paths` and `catalog path NAME`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from catalog.cli._common import ExitCode, fail, localized_text, print_json, suggest
from catalog.cli.options import CatalogOption


def register(app: typer.Typer) -> None:
    app.command("paths")(paths)
    app.command("path")(path)


def _index(catalog: Path | None) -> Any:
    from catalog.cli._common import load_index_or_exit

    return load_index_or_exit(catalog)


def paths(
    catalog: CatalogOption = None,
    lang: str = typer.Option("en", "--lang", help="Language of titles: en or fa."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the README)."),
) -> None:
    """List the learning paths.

    Example:

      catalog paths --lang fa
    """
    from catalog.cli.tables import print_table
    from catalog.plaintext import Column, Role

    index = _index(catalog)
    if json_out:
        rows = [
            {
                "id": key,
                "title": p["title"],
                "description": p.get("description"),
                "steps": len(p["steps"]),
            }
            for key, p in index.paths.items()
        ]
        print_json({"count": len(rows), "paths": rows})
        return
    if not index.paths:
        typer.echo("This catalog has no learning paths.", err=True)
        return
    columns = [Column("path", Role.KEY), Column("steps", right=True), Column("title", Role.TEXT)]
    table = [
        (key, str(len(p["steps"])), localized_text(p["title"], lang))
        for key, p in index.paths.items()
    ]
    print_table(columns, table, styles={0: "cyan"})


def path(
    name: str = typer.Argument(..., help="The path's id (see 'catalog paths')."),
    catalog: CatalogOption = None,
    lang: str = typer.Option("en", "--lang", help="Language of titles and notes: en or fa."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (keys in the README)."),
) -> None:
    """Show one learning path as a numbered sequence.

    Example:

      catalog path from-zero
    """
    from rich.markup import escape

    from catalog.cli._common import console

    index = _index(catalog)
    found = index.paths.get(name)
    if found is None:
        hint = suggest(name, index.paths) or "see 'catalog paths'"
        raise fail(f"no learning path '{name}'", code=ExitCode.PROBLEMS, hint=hint)
    steps = []
    for number, step in enumerate(found["steps"], start=1):
        entry = index.get(step["id"])
        steps.append((number, step, entry))
    if json_out:
        print_json(
            {
                "id": name,
                "title": found["title"],
                "description": found.get("description"),
                "steps": [
                    {
                        "step": n,
                        "id": s["id"],
                        "note": s["note"],
                        "resource": e.as_json() if e else None,
                    }
                    for n, s, e in steps
                ],
            }
        )
        return
    out = console()
    out.print(f"[bold]{escape(localized_text(found['title'], lang))}[/]")
    description = localized_text(found.get("description"), lang)
    if description:
        out.print(escape(description))
    for number, step, entry in steps:
        title = entry.title if entry else step["id"]
        detail = f"{entry.kind}, {entry.level}, {entry.year}" if entry else "missing"
        out.print(f"\n[bold]{number}.[/] {escape(title)} [dim]({escape(detail)})[/]")
        out.print(f"   {escape(localized_text(step['note'], lang))}")
        if entry:
            # soft_wrap: a URL wider than the terminal is folded by the terminal, not broken.
            out.print(
                f"   [link={escape(entry.url)}]{escape(entry.url)}[/link]  [cyan]{entry.id}[/]",
                soft_wrap=True,
            )
