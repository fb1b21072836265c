"""The nightly workflow's pipeline, run locally against a real HTTP server on loopback.

Same commands as links.yml: N shards of `catalog check --fail-after 2 --format json --output`,
each with its own cache, then `catalog report merge --expect N` and `catalog report decide`.
Night 1: a link breaks (not reported yet); night 2: still broken, the issue is created; night 3:
fixed, the issue is closed. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.cli.app import app

from .helpers import HEAD, entry

# Unset GITHUB_STEP_SUMMARY: when this suite runs inside GitHub Actions, `catalog check` would
# otherwise append these test runs to the real job summary.
ENV: dict[str, str | None] = {"COLUMNS": "100", "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": None}
SHARDS = 2


class Site(ThreadingHTTPServer):
    broken: set[str]


PAGES = {"/a", "/b", "/c", "/d"}


class Handler(BaseHTTPRequestHandler):
    """Four pages, each with its own title; any other path is a real 404 (so the checker's
    soft-404 probe of a random path finds nothing to compare)."""

    server: Site

    def _status(self) -> int:
        return 404 if self.path in self.server.broken or self.path not in PAGES else 200

    def do_GET(self) -> None:
        status = self._status()
        body = f"<html><title>Page {self.path[1:]}</title></html>".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:
        status = self._status()
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site(("127.0.0.1", 0), Handler)
    server.broken = set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def write_catalog(path: Path, base: str) -> None:
    entries = "".join(
        entry(f"page-{name}", f"{base}/{name}", title=f"Page {name}", description="A page.")
        for name in ("a", "b", "c", "d")
    )
    path.write_text(HEAD + entries, encoding="utf-8")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def night(work: Path, catalog: Path, open_issue: str) -> dict[str, object]:
    """One scheduled run: every shard checks and uploads, then the report job decides."""
    for shard in range(1, SHARDS + 1):
        code, _, err = cli(
            "check",
            "-c",
            str(catalog),
            "--allow-network",
            "127.0.0.0/8",
            "--fail-after",
            "2",
            "--max-age",
            "0",  # nights are a day apart: every cached "ok" has expired
            "--shard",
            f"{shard}/{SHARDS}",
            "--cache",
            str(work / f"cache-{shard}" / "cache.json"),
            "--format",
            "json",
            "--output",
            str(work / f"report-{shard}.json"),
        )
        assert code in (0, 1), err
    merged = work / "merged.json"
    reports = [str(work / f"report-{k}.json") for k in range(1, SHARDS + 1)]
    code, _, err = cli("report", "merge", *reports, "--expect", str(SHARDS), "-o", str(merged))
    assert code == 0, err
    code, out, err = cli("report", "decide", str(merged), "--open-issue", open_issue, "-f", "json")
    assert code == 0, err
    decision: dict[str, object] = json.loads(out)
    return decision


def test_a_broken_link_opens_the_issue_on_the_second_night_and_closes_it_when_fixed(
    site: Site, tmp_path: Path
) -> None:
    catalog = tmp_path / "resources.yaml"
    write_catalog(catalog, f"http://127.0.0.1:{site.server_address[1]}")

    first = night(tmp_path, catalog, "none")
    assert (first["action"], first["checked"]) == ("none", 4)

    site.broken = {"/c"}
    second = night(tmp_path, catalog, "none")
    assert (second["action"], second["failing"]) == ("none", 0)  # one bad night is not enough

    third = night(tmp_path, catalog, "none")
    assert (third["action"], third["failing"]) == ("create", 1)
    code, body, _ = cli("report", "issue-body", str(tmp_path / "merged.json"))
    assert code == 0
    assert "### broken (1)" in body
    assert "| `page-c` (resources.yaml:" in body
    assert "| 404 | " in body

    fourth = night(tmp_path, catalog, "17")
    assert (fourth["action"], fourth["issue"]) == ("update", 17)

    site.broken = set()
    fifth = night(tmp_path, catalog, "17")
    assert (fifth["action"], fifth["issue"]) == ("close", 17)
    assert fifth["comment"] == "All 4 checked links pass again. Closing."
