"""`catalog check`: link-check the catalog. Parses options, calls :mod:`catalog.linkcheck`,
renders. Heavy imports happen inside the command so that ``catalog --help`` stays fast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from catalog.cli._common import catalog_option

if TYPE_CHECKING:
    from catalog.cli._check_run import RunConfig

FORMATS = ("table", "json", "markdown", "github")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""

    @app.command("check")
    def check(
        catalog_path: Path | None = catalog_option(),
        only: list[str] = typer.Option([], "--only", help="Check only this resource id (repeatable)."),
        topic: list[str] = typer.Option([], "--topic", help="Only resources under this topic or alias (repeatable)."),
        kind: list[str] = typer.Option([], "--kind", help="Only resources of this kind (repeatable)."),
        changed_since: str | None = typer.Option(None, "--changed-since", metavar="REF", help="Only resources added or re-pointed since this git revision."),
        shard: str | None = typer.Option(None, "--shard", metavar="K/N", help="Check shard K of N (URLs split by host)."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, json, markdown or github."),
        output: Path | None = typer.Option(None, "--output", "-o", dir_okay=False, help="Write the report to FILE instead of stdout."),
        cache: Path | None = typer.Option(None, "--cache", dir_okay=False, help="Cache file. Default: $XDG_CACHE_HOME/catalog/linkcheck.json."),
        no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
        max_age: str = typer.Option("1d", "--max-age", help="A cached ok younger than this is not fetched again (1d, 12h, 30m, 0)."),
        fail_after: int = typer.Option(1, "--fail-after", min=1, help="Fail only after N consecutive failing runs; before that, warn."),
        fail_on: str = typer.Option("broken,error", "--fail-on", help="Comma-separated statuses that fail the run."),
        concurrency: int = typer.Option(64, "--concurrency", min=1, max=1024, help="Requests in flight at once."),
        per_host: int = typer.Option(4, "--per-host", min=1, max=256, help="Requests in flight per host."),
        interval: int = typer.Option(0, "--interval", min=0, help="Minimum gap between requests to one host, in ms."),
        timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds per request."),
        retries: int = typer.Option(2, "--retries", min=0, max=10, help="Retries for timeouts, resets, 408, 429 and 5xx."),
        retry_after_cap: float = typer.Option(60.0, "--retry-after-cap", min=0, help="Longest Retry-After honoured, in seconds; more gives rate_limited."),
        allow_network: list[str] = typer.Option([], "--allow-network", metavar="CIDR", help="Allow connecting to this range (repeatable), e.g. 127.0.0.0/8."),
    ) -> None:
        """Check that every link in the catalog still works.

        Exit codes: 0 nothing failing, 1 failing links, 2 bad usage or unreadable catalog,
        130 interrupted. Examples:

          catalog check --only vaswani-2017-attention

          catalog check --format github --fail-after 2 --shard 1/4
        """
        from catalog.cli._check_run import RunConfig, run

        config = RunConfig(
            catalog_path=catalog_path,
            only=tuple(only),
            topics=tuple(topic),
            kinds=tuple(kind),
            changed_since=changed_since,
            shard=shard,
            fmt=fmt,
            output=output,
            cache=cache,
            no_cache=no_cache,
            max_age=max_age,
            fail_after=fail_after,
            fail_on=fail_on,
            concurrency=concurrency,
            per_host=per_host,
            interval=interval,
            timeout=timeout,
            retries=retries,
            retry_after_cap=retry_after_cap,
            allow_network=tuple(allow_network),
        )
        raise typer.Exit(run(config))


def _unused(config: RunConfig) -> None:  # pragma: no cover - keeps the type import honest
    del config
