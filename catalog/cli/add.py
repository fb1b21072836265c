"""`catalog add`: a resource from its URL, proposed from the page, inserted as one block."""

from __future__ import annotations

from typing import Any

import typer

from catalog.cli._common import ExitCode, fail
from catalog.cli.editing import (
    EDITED,
    edit_stderr,
    fail_edit,
    network_option,
    read_document,
    show_diff,
)
from catalog.cli.options import EditCatalogOption


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("add")(add)


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
    allow_network: list[str] = network_option(),
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
    doc = read_document(path)
    _known_topics(topic, doc.topics)
    err = edit_stderr()
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
        fail_edit(exc)
    show_diff(diff(doc.text, text, str(path), [splice]))
    if dry_run:
        err.print(f"dry run: {entry['id']} not written")
        return
    if not yes and not typer.confirm(f"Add {entry['id']} to {path}?", default=True, err=True):
        err.print("nothing written")
        raise typer.Exit(ExitCode.PROBLEMS)
    try:
        write_checked(doc, text)
    except CatalogError as exc:
        fail_edit(exc)
    err.print(f"[green]✓[/] added {escape(str(entry['id']))} to {escape(str(path))}:{line}")


def _known_topics(names: list[str], topics: dict[str, Any]) -> None:
    """An unknown --topic is a usage error, said before any page is fetched, with the
    closest topic."""
    from catalog.cli._common import suggest
    from catalog.curate import add as adding

    known = {
        *topics,
        *(str(a) for t in topics.values() if isinstance(t, dict) for a in t.get("aliases") or []),
    }
    for name in names:
        if adding.resolve_topics([name], topics) == [name] and name not in known:
            hint = suggest(name, sorted(known)) or "see 'catalog topics'"
            raise fail(f"unknown topic '{name}'", code=ExitCode.USAGE, hint=hint)


def _judge_fetch(fetched: Any, yes: bool) -> None:
    """A page that could not be fetched proposes nothing; a broken one is refused under --yes
    and asked about otherwise."""
    from rich.markup import escape

    err = edit_stderr()
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
            edit_stderr().print(f"[yellow]{escape(str(exc))}[/]")
