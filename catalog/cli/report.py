"""`catalog report`: what the nightly workflow needs, as tested commands (the YAML only calls them).

catalog report shards 4 --format github        # shards=[1,2,3,4] for a job matrix
catalog report merge reports/*.json -o merged.json --expect 4
catalog report summary merged.json >> "$GITHUB_STEP_SUMMARY"
catalog report issue-body merged.json --repo-url URL --ref SHA > body.md
catalog report decide merged.json --open-issue "12" --format github >> "$GITHUB_OUTPUT"
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalog.cli._common import ExitCode, fail, print_json, write_report

if TYPE_CHECKING:
    from catalog.report import Decision, Links, Report

report_app = typer.Typer(
    name="report",
    help="Merge link-check reports and drive the tracking issue (used by the nightly workflow).",
    no_args_is_help=True,
)

MAX_SHARDS = 64


class OutFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


def register(app: typer.Typer) -> None:
    """Add `catalog report ...` to the app."""
    app.add_typer(report_app, name="report")


# Shared options, in the Annotated style so defaults stay plain values.
ReportArg = Annotated[
    Path,
    typer.Argument(
        metavar="REPORT",
        dir_okay=False,
        help="A JSON report (from 'catalog check --output' or 'catalog report merge').",
    ),
]
CatalogPath = Annotated[
    str, typer.Option("--catalog-path", help="The catalog's path in the repository (line links).")
]
RepoUrl = Annotated[
    str | None,
    typer.Option(
        "--repo-url",
        help="Repository URL (https://github.com/OWNER/REPO); entries then link to their line.",
    ),
]
Ref = Annotated[
    str, typer.Option("--ref", help="Commit the line links point at (the checked commit's SHA).")
]
RunUrl = Annotated[
    str | None,
    typer.Option("--run-url", help="URL of the workflow run, linked at the end."),
]


def _read(path: Path) -> Report:
    from catalog.report import ReportError, read_reports

    try:
        return read_reports([str(path)])[0]
    except ReportError as exc:
        raise fail(str(exc)) from None


def _links(catalog_path: str, repo_url: str | None, ref: str, run_url: str | None) -> Links:
    from catalog.report import Links

    return Links(catalog_path, repo_url or None, ref, run_url or None)


@report_app.command("shards")
def shards(
    count: Annotated[int, typer.Argument(metavar="N", help=f"Shards, 1 to {MAX_SHARDS}.")],
    format: Annotated[
        OutFormat,
        typer.Option("--format", "-f", help="json (a list) or github (shards=[...] line)."),
    ] = OutFormat.json,
) -> None:
    """Print the shard numbers 1..N, for a job matrix that runs 'catalog check --shard K/N'.

    Example:

      catalog report shards 4 --format github >> "$GITHUB_OUTPUT"   # shards=[1,2,3,4], count=4
    """
    if not 1 <= count <= MAX_SHARDS:
        raise fail(f"shards must be between 1 and {MAX_SHARDS}, not {count}")
    numbers = json.dumps(list(range(1, count + 1)), separators=(",", ":"))
    typer.echo(f"shards={numbers}\ncount={count}" if format is OutFormat.github else numbers)


@report_app.command("merge")
def merge(
    reports: Annotated[
        list[Path],
        typer.Argument(metavar="REPORT...", dir_okay=False, help="The shards' reports."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write here instead of stdout."),
    ] = None,
    expect: Annotated[
        int | None,
        typer.Option(
            "--expect",
            min=1,
            help="Fail unless exactly this many reports are given: a lost shard must not "
            "close the issue.",
        ),
    ] = None,
) -> None:
    """Merge the JSON reports of parallel shards into one report.

    Results are keyed by id; a duplicate keeps the more alarming result. The summary is
    recomputed. Exit 2 when a report cannot be read or the count differs from --expect.

    Example:

      catalog report merge reports/*.json -o merged.json --expect 4
    """
    from catalog.report import ReportError, merge_reports, read_reports

    if expect is not None and len(reports) != expect:
        raise fail(
            f"expected {expect} reports, got {len(reports)}",
            hint="A shard did not upload its report; look at that shard's log.",
        )
    try:
        merged = merge_reports(read_reports(str(p) for p in reports))
    except ReportError as exc:
        raise fail(str(exc)) from None
    text = json.dumps(merged.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    write_report(output, text)
    from catalog.plaintext import plural

    count = f"{plural(len(merged.results), 'result')} from {plural(len(reports), 'report')}"
    typer.echo(f"{output}: {count}, {len(merged.failing)} failing", err=True)


@report_app.command("summary")
def summary(
    report: ReportArg,
    catalog_path: CatalogPath = "resources.yaml",
    repo_url: RepoUrl = None,
    ref: Ref = "HEAD",
    run_url: RunUrl = None,
) -> None:
    """Print a Markdown job summary of a report (for $GITHUB_STEP_SUMMARY).

    Example:

      catalog report summary merged.json >> "$GITHUB_STEP_SUMMARY"
    """
    from catalog.report import render_summary

    links = _links(catalog_path, repo_url, ref, run_url)
    typer.echo(render_summary(_read(report), links), nl=False)


@report_app.command("issue-body")
def issue_body(
    report: ReportArg,
    catalog_path: CatalogPath = "resources.yaml",
    repo_url: RepoUrl = None,
    ref: Ref = "HEAD",
    run_url: RunUrl = None,
) -> None:
    """Print the Markdown body of the tracking issue: failing links grouped by status.

    The same report always gives the same text. Each entry links to its line in the catalog.

    Example:

      catalog report issue-body merged.json --repo-url https://github.com/o/r --ref "$GITHUB_SHA"
    """
    from catalog.report import render_issue_body

    links = _links(catalog_path, repo_url, ref, run_url)
    typer.echo(render_issue_body(_read(report), links), nl=False)


@report_app.command("annotations")
def annotations_command(report: ReportArg, catalog_path: CatalogPath = "resources.yaml") -> None:
    """Print GitHub annotations for a report: failing links as errors, other problems as warnings.

    Example:

      catalog report annotations report-1.json
    """
    from catalog.report.annotations import render_annotations

    typer.echo(render_annotations(_read(report), catalog_path), nl=False)


@report_app.command("decide")
def decide(
    report: ReportArg,
    open_issue: Annotated[
        list[str],
        typer.Option(
            "--open-issue",
            help="The open tracking issue(s): 12, '12,15', or 'none'/empty. Repeatable.",
        ),
    ] = [],  # noqa: B006 (Typer copies the default; it is never mutated)
    run_url: RunUrl = None,
    format: Annotated[
        OutFormat,
        typer.Option("--format", "-f", help="text, json, or github (lines for $GITHUB_OUTPUT)."),
    ] = OutFormat.text,
) -> None:
    """Decide what to do with the tracking issue: create, update, close or none.

    Failing links and no open issue: create. Failing and one open: update its body. Nothing
    failing and one open: close it with a comment. Nothing failing and none open: none.
    Extra open issues are listed as duplicates to close.

    Example:

      catalog report decide merged.json --open-issue "$OPEN" --format github >> "$GITHUB_OUTPUT"
    """
    from catalog.report import DecisionError, decide, parse_issue_numbers

    try:
        numbers = parse_issue_numbers(open_issue)
    except DecisionError as exc:
        raise fail(str(exc)) from None
    decision = decide(_read(report), numbers, run_url=run_url or None)
    if format is OutFormat.json:
        print_json(decision.to_dict())
    elif format is OutFormat.github:
        typer.echo(decision.github_output(), nl=False)
    else:
        typer.echo(_describe(decision))
    raise typer.Exit(ExitCode.OK)


def _describe(decision: Decision) -> str:
    target = (
        f" #{decision.issue}" if decision.issue is not None and decision.action != "none" else ""
    )
    text = f"{decision.action}{target} ({decision.failing} failing of {decision.checked} checked"
    if decision.duplicates:
        text += "; close duplicates " + ", ".join(f"#{n}" for n in decision.duplicates)
    return text + ")"
