"""`catalog import`, `catalog fmt` and `catalog fix`: edits that keep comments (`add`: cli/add.py).

Every command reads the catalog once with :mod:`catalog.curate.yamledit`, computes its edit as
splices of the text (``fmt``: the canonical layout rebuilt from the node spans), checks the
result with the one reader and loader, and writes it atomically; on any failure the file is
untouched.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from catalog.cli._common import ExitCode, print_json
from catalog.cli.editing import (
    EDITED,
    edit_stderr,
    fail_edit,
    network_option,
    read_document,
    show_diff,
)
from catalog.cli.options import EditCatalogOption

if TYPE_CHECKING:
    pass


class Sort(str, enum.Enum):
    id = "id"
    topic = "topic"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("fmt")(fmt)
    app.command("import")(import_list)
    app.command("fix")(fix)


def fmt(
    catalog: EditCatalogOption = None,
    check: bool = typer.Option(
        False,
        "--check",
        help="Change nothing; exit 1 and print a diff if the file is not formatted.",
    ),
    sort: Sort | None = typer.Option(
        None,
        "--sort",
        help="Also reorder resources: by id, or by topic (declared topic order, then year, "
        "then id). Default: keep the curator's order.",
    ),
) -> None:
    """Rewrite the catalog in its canonical format, keeping every comment.

    Keys follow the schema's field order, indentation is two spaces, quotes are used only
    where YAML needs them. Resources keep their order unless --sort is given.
    Exit 0 when formatted (or already formatted), 1 when --check finds changes.

    Examples:

      catalog fmt

      catalog fmt --check          # in CI or pre-commit
    """
    from catalog.curate.diffs import capped_diff
    from catalog.curate.fmt import SortOrder, format_document
    from catalog.curate.yamledit import commit
    from catalog.errors import CatalogError

    path = catalog or EDITED
    doc = read_document(path)
    err = edit_stderr()
    try:
        text = format_document(doc, SortOrder(sort.value) if sort else None)
        if text != doc.text:  # --check refuses what fmt would refuse, before showing a diff
            commit(doc, text, same_values=True, reordered=sort is not None, write=not check)
    except CatalogError as exc:
        fail_edit(exc)
    if check:
        changes, left_out = capped_diff(doc.text, text, str(path), max_changed=_SHOWN_CHANGES)
        show_diff(changes)
        if left_out:
            err.print(
                f"… and {left_out:,} more changed lines not shown; 'catalog fmt' makes them all"
            )
        if changes:
            err.print(f"[red]✗[/] {path} is not formatted; run 'catalog fmt' to fix it")
            raise typer.Exit(ExitCode.PROBLEMS)
        err.print(f"[green]✓[/] {path} is formatted")
        return
    err.print(f"[green]✓[/] {path}: {'formatted' if text != doc.text else 'already formatted'}")


# A diff longer than this says no more than "run fmt", and a terminal takes long to draw it.
_SHOWN_CHANGES = 2000


def import_list(
    source: Path = typer.Argument(..., help="An awesome-style Markdown list.", show_default=False),
    catalog: EditCatalogOption = None,
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the changes; write nothing."),
    language: str = typer.Option("en", "--language", help="Language code for the new entries."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
) -> None:
    """Import a Markdown list: headings become topics, list items become resources.

    Items whose URL is already catalogued are merged (the entry gets the item's topic).
    Fields Markdown cannot give (level, often year, authors, kind) are written as TODO
    placeholders that 'catalog validate' lists until they are filled in. The catalog is
    created if it does not exist.

    Examples:

      catalog import awesome-transformers.md --dry-run

      catalog import awesome-transformers.md --catalog new.yaml
    """
    from catalog.curate.diffs import diff
    from catalog.curate.importer import import_list as run_import
    from catalog.curate.mdlist import read_list
    from catalog.curate.yamledit import commit
    from catalog.errors import CatalogError

    try:
        parsed = read_list(source)
    except CatalogError as exc:
        fail_edit(exc)
    path = catalog or EDITED
    doc = read_document(path, create=True)
    try:
        report = run_import(doc, parsed, source=source.name, language=language)
        text = doc.apply(report.splices)
        placeholders = frozenset(report.placeholders)
        commit(doc, text, placeholders=placeholders, write=not dry_run)
    except CatalogError as exc:
        fail_edit(exc)
    if as_json:
        print_json({**report.as_dict(), "catalog": str(path), "written": not dry_run})
    elif dry_run:
        show_diff(diff(doc.text, text, str(path), report.splices))
    _print_import_report(report, path, dry_run)


def _print_import_report(report: Any, path: Path, dry_run: bool) -> None:
    from rich.markup import escape

    err = edit_stderr()
    styles = {"+": "green", "=": "cyan", "?": "red"}
    for mark, line in report.lines():
        err.print(f"  [{styles[mark]}]{mark}[/] {escape(line)}")
    err.print(escape(report.summary(dry_run)) + ("" if dry_run else f" -> {path}"))
    if report.placeholders and not dry_run:
        err.print("Fill in the TODO placeholders; 'catalog validate' lists each one with its line.")


def fix(
    catalog: EditCatalogOption = None,
    report: Path | None = typer.Option(
        None,
        "--report",
        help="A 'catalog check --format json' report. Default: the link-check cache.",
        dir_okay=False,
    ),
    cache: Path | None = typer.Option(
        None,
        "--cache",
        help="The link-check cache to read (default: the checker's).",
        dir_okay=False,
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Write without asking."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the diff; write nothing."),
    archive_url: str = typer.Option(
        "https://archive.org/wayback/available",
        "--archive-url",
        envvar="CATALOG_WAYBACK_URL",
        help="Wayback Machine availability API to ask for archived copies.",
    ),
    no_archive: bool = typer.Option(
        False, "--no-archive", help="Do not look up archived copies of broken links."
    ),
    allow_network: list[str] = network_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON on stdout."),
) -> None:
    """Fix the catalog from the last link check: follow redirects, record archived copies.

    A redirected resource gets its final URL; a broken one (or a soft 404) gets
    'archived_url' from the Wayback Machine; a drifted one is marked as reviewed
    (check.review: today and the page's new title). Shows the diff and asks before
    writing, unless --yes.
    Exit 0 when everything found was fixed, 1 when something is left (or nothing was
    written), 2 when the catalog or the results cannot be read.

    Examples:

      catalog fix --report check.json

      catalog fix --yes --no-archive
    """
    from catalog.curate.diffs import diff
    from catalog.curate.fix import findings_from_cache, findings_from_report, plan_fixes
    from catalog.curate.wayback import Wayback
    from catalog.curate.yamledit import check_edit, write_checked
    from catalog.errors import CatalogError
    from catalog.plaintext import plural

    path = catalog or EDITED
    doc = read_document(path)
    err = edit_stderr()
    try:
        findings = findings_from_report(report) if report else findings_from_cache(cache, doc)
        wayback = Wayback(archive_url, tuple(allow_network))
        plan = plan_fixes(doc, findings, None if no_archive else wayback.closest)
        text = doc.apply(plan.splices)
        if text != doc.text:
            check_edit(doc, text)
    except CatalogError as exc:
        fail_edit(exc)
    write = bool(plan.changes) and not dry_run
    if not as_json:
        show_diff(diff(doc.text, text, str(path), plan.splices))
    for left in plan.skipped:
        err.print(f"  [yellow]![/] {left.id}: {left.status}: {left.reason}")
    if write and not yes:
        write = typer.confirm(
            f"Write {plural(len(plan.changes), 'change')} to {path}?", default=False, err=True
        )
    if write:
        try:
            write_checked(doc, text)
        except CatalogError as exc:
            fail_edit(exc)
    if as_json:
        print_json({"catalog": str(path), "written": write, **plan.as_dict()})
    done = f"{plural(len(plan.changes), 'change')} {'written' if write else 'not written'}"
    if not plan.changes:
        done = "nothing to change"
    err.print(f"{done}, {len(plan.skipped)} left as they are")
    if plan.skipped or (plan.changes and not write):
        raise typer.Exit(ExitCode.PROBLEMS)
