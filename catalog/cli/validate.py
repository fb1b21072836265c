"""`catalog validate` and `catalog schema`."""

from __future__ import annotations

import enum

import typer

from catalog.cli._common import ExitCode, console, print_json, resolve_path
from catalog.cli.options import CatalogOption


class ValidateFormat(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("schema")(schema)


def validate(
    catalog: CatalogOption = None,
    format: ValidateFormat = typer.Option(
        ValidateFormat.text, "--format", "-f", help="text, github (annotations) or json."
    ),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
) -> None:
    """Check the catalog against the schema and the catalog rules.

    Reports every problem at once as FILE:LINE:COL: PATH: MESSAGE (HINT), sorted by line.
    Exit 0 when valid, 1 when there are errors, 2 when the file cannot be read.

    Examples:

      catalog validate

      catalog validate --catalog my-list.yaml --format github
    """
    from catalog.errors import CatalogFileError, CatalogReadError, Problem
    from catalog.loader import load

    path = resolve_path(catalog)
    problems: list[Problem]
    count = 0
    try:
        loaded = load(path)
        problems, code = loaded.warnings, ExitCode.OK
        count = len(loaded.resources)
    except CatalogReadError as exc:
        problems, code = exc.problems, ExitCode.USAGE
    except CatalogFileError as exc:
        problems, code = exc.problems, ExitCode.PROBLEMS
    if strict and code == ExitCode.OK and problems:
        code = ExitCode.PROBLEMS
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors

    if format is ValidateFormat.json:
        print_json(
            {
                "file": str(path),
                "valid": code == ExitCode.OK,
                "resources": count,
                "errors": errors,
                "warnings": warnings,
                "problems": [p.as_dict() for p in problems],
            }
        )
    elif format is ValidateFormat.github:
        from catalog.workflow_commands import escape_data, escape_property

        for p in problems:
            level = "warning" if p.severity == "warning" else "error"
            text = f"{p.path}: {p.message}" if p.path else p.message
            if p.hint:
                text += f" ({p.hint})"
            text = escape_data(text)
            where = f"file={escape_property(p.file)},line={max(p.line, 1)},col={max(p.column, 1)}"
            typer.echo(f"::{level} {where}::{text}")
    else:
        from catalog.cli._common import print_problems
        from catalog.errors import CatalogValidationError
        from catalog.plaintext import plural

        out = console()
        if problems:
            print_problems(CatalogValidationError(problems), out)
        if code == ExitCode.OK:
            note = f", {plural(warnings, 'warning')}" if warnings else ""
            valid = f"{plural(count, 'resource')}, valid{note}"
            console(stderr=True).print(f"[green]✓[/] {path}: {valid}")
        else:
            found = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
            console(stderr=True).print(f"[red]✗[/] {path}: {found}")
    raise typer.Exit(code)


def schema() -> None:
    """Print the catalog's JSON Schema (the committed copy is catalog.schema.json).

    Example:

      catalog schema > catalog.schema.json
    """
    from catalog.jsonschema import catalog_json_schema

    print_json(catalog_json_schema())
