"""`catalog check`'s run: load and select, check through :mod:`catalog.linkcheck`, render and
save. :mod:`catalog.cli.check` declares the command's options and hands them over as a
:class:`RunConfig`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.cli._common import ExitCode
from catalog.cli.progress import Progress, Stderr

if TYPE_CHECKING:
    from catalog.index import Index
    from catalog.linkcheck import Cache, CheckOptions, LinkResult, Target

FORMATS = ("table", "json", "markdown", "github")


@dataclass(frozen=True)
class RunConfig:
    catalog_path: Path | None
    only: tuple[str, ...]
    filters: Any  # catalog.search.Filters, imported only when the command runs
    changed_since: str | None
    shard: str | None
    fmt: str
    output: Path | None
    json_report: Path | None
    cache: Path | None
    no_cache: bool
    max_age: str
    fail_after: int
    fail_on: str
    content: bool
    concurrency: int
    per_host: int
    interval: int
    timeout: float
    retries: int
    retry_after_cap: float
    allow_network: tuple[str, ...]


def run(config: RunConfig) -> int:
    """Load, select, check, report; returns the exit code."""
    from catalog.cli._common import (
        fail,
        load_index_or_exit,
        resolve_filters,
        resolve_path,
        write_report,
    )
    from catalog.cli.tables import terminal_width
    from catalog.errors import OutputError
    from catalog.files import check_writable
    from catalog.linkcheck import Cache, LinkCheckError, default_path
    from catalog.linkcheck.report import ReportFormat, ReportOptions
    from catalog.linkcheck.results import describe

    try:
        report_format = ReportFormat(config.fmt)
    except ValueError:
        raise fail(
            f"unknown format '{config.fmt}'", hint=f"Use one of: {', '.join(FORMATS)}."
        ) from None
    if config.no_cache and config.fail_after > 1:
        # The streak lives in the cache: without one every run is the first, and no link fails.
        raise fail(
            f"--fail-after {config.fail_after} counts failing runs in the link cache, and "
            "--no-cache keeps none: no link would ever fail",
            hint="drop --no-cache (or give --cache FILE that the next run reads), or --fail-after",
        )
    path = resolve_path(config.catalog_path)
    # The cached query index: an unchanged catalog is neither parsed nor validated again.
    index = load_index_or_exit(path)
    _known_ids(config.only, index)
    # Topics are checked as list checks them, with the same message.
    config = replace(config, filters=resolve_filters(config.filters, index.catalog.topic_ids()))
    try:
        options = _options(config, index)
        targets = _targets(config, index, path)
    except (ValueError, LinkCheckError) as exc:
        raise fail(str(exc)) from None
    # The report files are written at the end: say now, not after every link, if they cannot be.
    for target in (config.output, config.json_report):
        if target is not None:
            try:
                check_writable(target, source=path)
            except OutputError as exc:
                raise fail(str(exc)) from None
    err = Stderr()
    cache = None
    if not config.no_cache:
        cache = Cache.load(config.cache or default_path())
        if cache.warning:
            err.warn(cache.warning)

    results, interrupted = _drive(targets, options, cache, err)

    if cache is not None:
        try:
            cache.save()
        except OutputError as exc:
            err.warn(f"the link cache was not saved: {exc}")
    report_options = ReportOptions(
        file=_shown(path),
        width=terminal_width() if config.output is None else None,
        interrupted=interrupted,
        total=len(targets),
    )
    text = report_format.renderer()(results, report_options)
    if config.json_report is not None:
        json_text = ReportFormat("json").renderer()(results, report_options)
        write_report(config.json_report, json_text, source=path)
    if config.output is not None:
        write_report(config.output, text, source=path)
    else:
        import sys

        sys.stdout.write(text)
    _step_summary(results, report_options, err)
    # The summary, said once: on stderr, unless the report on stdout ends with it already.
    if config.output is not None or report_format not in (
        ReportFormat.MARKDOWN,
        ReportFormat.GITHUB,
    ):
        saved = "; what was checked is in the cache" if interrupted and cache is not None else ""
        err.line(describe(results, total=len(targets), interrupted=interrupted) + saved)
    if interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(ExitCode.PROBLEMS if any(r.failing for r in results) else ExitCode.OK)


def _known_ids(only: tuple[str, ...], index: Index) -> None:
    """Every --only id names a resource, or a usage error suggests the closest ids."""
    from catalog.cli._common import fail, suggest

    for name in only:
        if index.catalog.get(name) is None:
            ids = [r.id for r in index.catalog.resources]
            hint = suggest(name, ids) or "see 'catalog list' for ids"
            raise fail(f"--only: no resource with id '{name}'", hint=hint)


def _shown(path: Path) -> str:
    """The catalog path as annotations need it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _options(config: RunConfig, index: Index) -> CheckOptions:
    import os

    from catalog.linkcheck import CheckOptions
    from catalog.linkcheck.cache import parse_age
    from catalog.linkcheck.guard import parse_networks
    from catalog.linkcheck.select import parse_statuses, settings_overrides

    parse_networks(config.allow_network)  # a clear message for a bad CIDR, before any work
    return CheckOptions(
        concurrency=config.concurrency,
        per_host=config.per_host,
        interval_ms=config.interval,
        timeout=config.timeout,
        retries=config.retries,
        retry_after_cap=config.retry_after_cap,
        allow_networks=config.allow_network,
        max_age=parse_age(config.max_age),
        fail_on=parse_statuses(config.fail_on, option="--fail-on"),
        fail_after=config.fail_after,
        content=config.content,
        github_token=os.environ.get("GITHUB_TOKEN") or None,
        **settings_overrides(index.catalog.check),
    )


def _targets(config: RunConfig, index: Index, path: Path) -> list[Target]:
    from catalog.linkcheck.select import select_targets
    from catalog.linkcheck.shard import parse_shard

    changed = None
    if config.changed_since:
        from catalog.changes import ChangesError, changed_resource_ids

        try:
            changed = changed_resource_ids(path, config.changed_since)
        except ChangesError as exc:
            raise ValueError(str(exc)) from None
    return select_targets(
        index.catalog,
        only=config.only,
        filters=config.filters,
        changed=changed,
        shard=parse_shard(config.shard) if config.shard else None,
    )


def _drive(
    targets: list[Target], options: CheckOptions, cache: Cache | None, err: Stderr
) -> tuple[list[LinkResult], bool]:
    """Run the check in an event loop; Ctrl-C cancels it and keeps what is done."""
    import asyncio
    import contextlib
    import signal

    from catalog.linkcheck import check_links

    results: list[LinkResult] = []
    progress = Progress(len(targets), err)

    async def consume() -> None:
        async for result in check_links(targets, options, cache=cache):
            results.append(result)
            progress.advance(result)

    loop = asyncio.new_event_loop()
    task = loop.create_task(consume())
    interrupted = False
    try:
        # Windows has no add_signal_handler; there KeyboardInterrupt is caught below instead.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signal.SIGINT, task.cancel)
        try:
            loop.run_until_complete(task)
        except (asyncio.CancelledError, KeyboardInterrupt):
            interrupted = True
            if not task.done():
                task.cancel()
                loop.run_until_complete(asyncio.gather(task, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        progress.stop()
        loop.close()
    return results, interrupted


def _step_summary(results: list[LinkResult], options: Any, err: Stderr) -> None:
    """Append the Markdown report to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    import os

    from catalog.linkcheck.report import render_markdown

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with Path(target).open("a", encoding="utf-8") as handle:
                handle.write(render_markdown(results, options))
        except OSError as exc:
            err.warn(f"cannot append to GITHUB_STEP_SUMMARY ({target}): {exc.strerror or exc}")
