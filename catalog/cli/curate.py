"""`catalog add`, `catalog import`, `catalog fmt` and `catalog fix`: edits that keep comments.

Every command reads the catalog once with :mod:`catalog.curate.yamledit`, computes its edit as
splices of the text (``fmt``: the canonical layout rebuilt from the node spans), checks the
result with the one reader and loader, and writes it atomically; on any failure the file is
untouched.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from catalog.cli._common import ExitCode, console, fail, print_json
from catalog.cli.options import EditCatalogOption

if TYPE_CHECKING:
    from catalog.curate.yamledit import Document


# Edits go to ./resources.yaml or --catalog, never to the copy shipped inside the package.
EDITED = Path("resources.yaml")


class Sort(str, enum.Enum):
    id = "id"
    topic = "topic"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("fmt")(fmt)
    app.command("import")(import_list)
    app.command("fix")(fix)
    app.command("add")(add)


def _err() -> Any:
    """stderr, for messages and reports; long lines (paths, URLs) are never broken."""
    err = console(stderr=True)
    err.soft_wrap = True
    return err


def _network_option() -> Any:
    return typer.Option(
        [],
        "--allow-network",
        metavar="CIDR",
        help="Allow connecting to this range (repeatable), e.g. 127.0.0.0/8.",
        callback=_check_networks,
    )


# Typed Any, not list[str]: on Python 3.10 Typer's callback inspection calls issubclass() on the
# annotation, and a generic alias such as list[str] passes isinstance(x, type) there but then
# makes issubclass() raise.
def _check_networks(values: Any) -> Any:
    from catalog.linkcheck.guard import parse_networks

    try:
        parse_networks(values)  # a clear message for a bad CIDR, before any work
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return values


def _fail(exc: Exception) -> NoReturn:
    """Turn a library error into lines on stderr and the documented exit code: 2 for an input
    that cannot be read or an output that cannot be written, 1 otherwise."""
    from rich.markup import escape

    from catalog.errors import DuplicateResource, EditRejected, OutputError, UnreadableInput

    err = _err()
    if isinstance(exc, EditRejected):
        for problem in exc.problems:
            err.print(f"[red]{escape(str(problem))}[/]")
        err.print("[red]error:[/] the edit would make the catalog invalid; nothing was written")
        raise typer.Exit(ExitCode.PROBLEMS)
    err.print(f"[red]error:[/] {escape(str(exc))}")
    if isinstance(exc, (UnreadableInput, OutputError)):
        raise typer.Exit(ExitCode.USAGE)
    if isinstance(exc, DuplicateResource):
        err.print(f"Edit the existing entry instead: catalog show {exc.existing_id}")
    raise typer.Exit(ExitCode.PROBLEMS)


def _read(path: Path, *, create: bool = False) -> Document:
    from catalog.curate.yamledit import Document
    from catalog.errors import CatalogError

    try:
        return Document.read(path, create=create)
    except CatalogError as exc:
        _fail(exc)


def _show_diff(text: str) -> None:
    """A unified diff on stdout, coloured on a terminal."""
    from rich.syntax import Syntax

    out = console()
    if text and out.is_terminal:
        out.print(Syntax(text, "diff", theme="ansi_dark", background_color="default"))
    elif text:
        typer.echo(text, nl=False)


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
    from catalog.curate.diffs import diff
    from catalog.curate.fmt import SortOrder, format_document
    from catalog.curate.yamledit import commit
    from catalog.errors import CatalogError

    path = catalog or EDITED
    doc = _read(path)
    err = _err()
    try:
        text = format_document(doc, SortOrder(sort.value) if sort else None)
        if check:
            changes = diff(doc.text, text, str(path)) if text != doc.text else ""
            _show_diff(changes)
            if changes:
                err.print(f"[red]✗[/] {path} is not formatted; run 'catalog fmt' to fix it")
                raise typer.Exit(ExitCode.PROBLEMS)
            err.print(f"[green]✓[/] {path} is formatted")
            return
        if text != doc.text:
            commit(doc, text, same_values=True, reordered=sort is not None)
    except CatalogError as exc:
        _fail(exc)
    err.print(f"[green]✓[/] {path}: {'formatted' if text != doc.text else 'already formatted'}")


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
        _fail(exc)
    path = catalog or EDITED
    doc = _read(path, create=True)
    try:
        report = run_import(doc, parsed, source=source.name, language=language)
        text = doc.apply(report.splices)
        placeholders = frozenset(report.placeholders)
        commit(doc, text, placeholders=placeholders, write=not dry_run)
    except CatalogError as exc:
        _fail(exc)
    if as_json:
        print_json({**report.as_dict(), "catalog": str(path), "written": not dry_run})
    elif dry_run:
        _show_diff(diff(doc.text, text, str(path), report.splices))
    _print_import_report(report, path, dry_run)


def _print_import_report(report: Any, path: Path, dry_run: bool) -> None:
    from rich.markup import escape

    err = _err()
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
    allow_network: list[str] = _network_option(),
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
    doc = _read(path)
    err = _err()
    try:
        findings = findings_from_report(report) if report else findings_from_cache(cache, doc)
        wayback = Wayback(archive_url, tuple(allow_network))
        plan = plan_fixes(doc, findings, None if no_archive else wayback.closest)
        text = doc.apply(plan.splices)
        if text != doc.text:
            check_edit(doc, text)
    except CatalogError as exc:
        _fail(exc)
    write = bool(plan.changes) and not dry_run
    if not as_json:
        _show_diff(diff(doc.text, text, str(path), plan.splices))
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
            _fail(exc)
    if as_json:
        print_json({"catalog": str(path), "written": write, **plan.as_dict()})
    done = f"{plural(len(plan.changes), 'change')} {'written' if write else 'not written'}"
    err.print(f"{done}, {len(plan.skipped)} left as they are")
    if plan.skipped or (plan.changes and not write):
        raise typer.Exit(ExitCode.PROBLEMS)


def add(
    url: str = typer.Argument(..., help="The page to add.", show_default=False),
    catalog: EditCatalogOption = None,
    id: str | None = typer.Option(None, "--id", help="The entry's id (default: suggested)."),
    title: str | None = typer.Option(None, "--title"),
    kind: str | None = typer.Option(None, "--kind", help="video, paper, course, ..."),
    topic: list[str] = typer.Option([], "--topic", help="A topic id or alias (repeatable)."),
    level: str | None = typer.Option(None, "--level", help="beginner, intermediate or advanced."),
    year: int | None = typer.Option(None, "--year"),
    author: list[str] = typer.Option([], "--author", help="An author (repeatable)."),
    language: str | None = typer.Option(None, "--language", help="ISO 639-1 code, e.g. en."),
    description: str | None = typer.Option(None, "--description", help="English description."),
    fa_description: str | None = typer.Option(
        None, "--fa-description", help="Persian description."
    ),
    free: bool | None = typer.Option(None, "--free/--paid", help="Free to use, or paid."),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Ask nothing: take the proposed values and write."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the new entry; write nothing."),
    no_fetch: bool = typer.Option(
        False, "--no-fetch", help="Do not fetch the page (nor check that it answers)."
    ),
    allow_network: list[str] = _network_option(),
    timeout: float = typer.Option(20.0, "--timeout", min=1, help="Seconds to wait for the page."),
) -> None:
    """Add a resource from its URL: the page's metadata is proposed, you confirm or edit it.

    Title, description, authors, date, kind and arXiv id are read from the page; the rest is
    asked with defaults. Flags fill fields without asking; --yes asks nothing, and refuses
    (exit 2) when a required field still has no value, naming the flag that gives it. A URL
    that is already catalogued, or that the link checker finds broken under --yes, is
    refused (exit 1). Exit 0 when added, 1 when refused, 2 on bad input.

    Examples:

      catalog add https://arxiv.org/abs/1706.03762 --topic attention --level advanced

      catalog add https://example.org/post --yes --topic fundamentals --level beginner
    """
    from rich.markup import escape

    from catalog.curate import add as adding
    from catalog.curate.diffs import diff
    from catalog.curate.yamledit import check_edit, write_checked
    from catalog.errors import CatalogError
    from catalog.urls import url_problem

    if "://" not in url:
        raise fail(
            f"'{url}' is not a URL",
            code=ExitCode.USAGE,
            hint="give the page's whole address, such as https://example.org/page",
        )
    problem = url_problem(url)
    if problem:
        raise fail(f"{url}: {problem}", code=ExitCode.USAGE)
    path = catalog or EDITED
    doc = _read(path)
    err = _err()
    try:
        adding.find_duplicate(doc, url)
        fetched = adding.Fetched()
        if not no_fetch:
            fetched = adding.fetch_metadata(url, tuple(allow_network), timeout)
            _judge_fetch(fetched, yes)
        if fetched.final_url and fetched.final_url != url:
            adding.find_duplicate(doc, fetched.final_url)
        taken = {str(r.get("id")) for r in doc.resource_fields("id")}
        values = adding.propose(url, fetched.page, final_url=fetched.final_url, taken=taken)
        given: dict[str, Any] = {"id": id, "title": title, "kind": kind, "year": year}
        given |= {"level": level, "language": language, "description": description, "free": free}
        given |= {"fa_description": fa_description, "topics": topic, "authors": author}
        adding.fill(values, given, doc.topics, taken, None if yes else _answer)
        lacking = adding.missing(values)
        if lacking:
            flags = " ".join(flag + " ..." for flag in lacking.values())
            raise fail(
                f"{url}: no value for {', '.join(lacking)}; nothing was written",
                code=ExitCode.USAGE,
                hint=f"give {flags} (add writes no placeholders)",
            )
        entry = adding.build_entry(values)
        splice, line = adding.insert_entry(doc, entry)
        text = doc.apply([splice])
        check_edit(doc, text)
    except CatalogError as exc:
        _fail(exc)
    _show_diff(diff(doc.text, text, str(path), [splice]))
    if dry_run:
        err.print(f"dry run: {entry['id']} not written")
        return
    if not yes and not typer.confirm(f"Add {entry['id']} to {path}?", default=True, err=True):
        err.print("nothing written")
        raise typer.Exit(ExitCode.PROBLEMS)
    try:
        write_checked(doc, text)
    except CatalogError as exc:
        _fail(exc)
    err.print(f"[green]✓[/] added {escape(str(entry['id']))} to {escape(str(path))}:{line}")


def _judge_fetch(fetched: Any, yes: bool) -> None:
    """A page that could not be fetched proposes nothing; a broken one is refused under --yes
    and asked about otherwise."""
    from rich.markup import escape

    err = _err()
    if fetched.problem is None:
        return
    if fetched.status != "broken":
        err.print(f"[yellow]warning:[/] {escape(fetched.problem)}; nothing proposed from the page")
        return
    if yes:
        err.print(f"[red]error:[/] {escape(fetched.problem)}: the link checker finds it broken")
        err.print("nothing was written (check the URL, or pass --no-fetch to add it unchecked)")
        raise typer.Exit(ExitCode.PROBLEMS)
    err.print(f"[yellow]warning:[/] {escape(fetched.problem)}: the link checker finds it broken")
    if not typer.confirm("Add it anyway?", default=False, err=True):
        err.print("nothing written")
        raise typer.Exit(ExitCode.PROBLEMS)


def _answer(asked: Any) -> Any:
    """Ask one question until the answer is acceptable (an empty answer is: fill in later)."""
    from rich.markup import escape

    while True:
        answer = typer.prompt(
            asked.label, default=asked.default, show_default=bool(asked.default), err=True
        )
        try:
            return asked.parse(str(answer).strip())
        except ValueError as exc:
            _err().print(f"[yellow]{escape(str(exc))}[/]")
