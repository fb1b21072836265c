"""`catalog check`: link-check the catalog. This module declares the options; the run itself
(load, select, check, render, save) is :mod:`catalog.cli.checkrun`. Heavy imports happen inside
the run so that ``catalog --help`` stays fast."""

from __future__ import annotations

from pathlib import Path

import typer

from catalog.cli.checkrun import FORMATS, RunConfig, run
from catalog.cli.options import (
    CatalogOption,
    FreeOption,
    KindOption,
    LanguageOption,
    LevelOption,
    PaidOption,
    SinceOption,
    TopicOption,
    make_filters,
)

__all__ = ["FORMATS", "RunConfig", "register", "run"]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    from catalog.linkcheck.results import DEFAULT_FAIL_ON, Status

    # The default is the library's one definition, in the order of Status.
    default_fail_on = ",".join(s.value for s in Status if s in DEFAULT_FAIL_ON)

    @app.command("check")
    def check(
        catalog_path: CatalogOption = None,
        only: list[str] = typer.Option(
            [], "--only", help="Check only this resource id (repeatable)."
        ),
        topic: TopicOption = None,
        kind: KindOption = None,
        level: LevelOption = None,
        language: LanguageOption = None,
        since: SinceOption = None,
        free: FreeOption = None,
        paid: PaidOption = None,
        changed_since: str | None = typer.Option(
            None,
            "--changed-since",
            metavar="REF",
            help="Only resources added or re-pointed since this git revision.",
        ),
        shard: str | None = typer.Option(
            None, "--shard", metavar="K/N", help="Check shard K of N (URLs split by host)."
        ),
        fmt: str = typer.Option("table", "--format", "-f", help="table, json, markdown or github."),
        output: Path | None = typer.Option(
            None,
            "--output",
            "-o",
            dir_okay=False,
            help="Write the report to FILE instead of stdout.",
        ),
        json_report: Path | None = typer.Option(
            None,
            "--report",
            dir_okay=False,
            help="Also write the JSON report to FILE, whatever --format prints.",
        ),
        cache: Path | None = typer.Option(
            None,
            "--cache",
            dir_okay=False,
            help="Cache file. Default: $XDG_CACHE_HOME/catalog/linkcheck.json.",
        ),
        no_cache: bool = typer.Option(
            False, "--no-cache", help="Neither read nor write the cache."
        ),
        max_age: str = typer.Option(
            "1d",
            "--max-age",
            help="A cached ok younger than this is not fetched again (1d, 12h, 30m, 0).",
        ),
        fail_after: int = typer.Option(
            1,
            "--fail-after",
            min=1,
            help="Fail only after N consecutive failing runs; before that, warn.",
        ),
        fail_on: str = typer.Option(
            default_fail_on,
            "--fail-on",
            help="Comma-separated statuses that fail the run (add drifted to fail on it too).",
        ),
        no_content: bool = typer.Option(
            False,
            "--no-content",
            help="Status codes only: do not read pages, so no soft_404 or drifted.",
        ),
        concurrency: int = typer.Option(
            64, "--concurrency", min=1, max=1024, help="Requests in flight at once."
        ),
        per_host: int = typer.Option(
            4, "--per-host", min=1, max=256, help="Requests in flight per host."
        ),
        interval: int = typer.Option(
            0, "--interval", min=0, help="Minimum gap between requests to one host, in ms."
        ),
        timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds per request."),
        retries: int = typer.Option(
            2, "--retries", min=0, max=10, help="Retries for timeouts, resets, 408, 429 and 5xx."
        ),
        retry_after_cap: float = typer.Option(
            60.0,
            "--retry-after-cap",
            min=0,
            help="Longest Retry-After honoured, in seconds; more gives rate_limited.",
        ),
        allow_network: list[str] = typer.Option(
            [],
            "--allow-network",
            metavar="CIDR",
            help="Allow connecting to this range (repeatable), e.g. 127.0.0.0/8.",
        ),
    ) -> None:
        """Check that every link in the catalog still works.

        Exit codes: 0 nothing failing, 1 failing links, 2 bad usage or unreadable catalog,
        130 interrupted. Examples:

          catalog check --only vaswani-2017-attention

          catalog check --format github --fail-after 2 --shard 1/4 --report report.json
        """
        config = RunConfig(
            catalog_path=catalog_path,
            only=tuple(only),
            filters=make_filters(topic, kind, level, language, since, free, paid),
            changed_since=changed_since,
            shard=shard,
            fmt=fmt,
            output=output,
            json_report=json_report,
            cache=cache,
            no_cache=no_cache,
            max_age=max_age,
            fail_after=fail_after,
            fail_on=fail_on,
            content=not no_content,
            concurrency=concurrency,
            per_host=per_host,
            interval=interval,
            timeout=timeout,
            retries=retries,
            retry_after_cap=retry_after_cap,
            allow_network=tuple(allow_network),
        )
        raise typer.Exit(run(config))
