"""What the `catalog fix` tests share: the URLs of commented.yaml, a Wayback Machine answer for
the loopback stub, link-check results, and the command run against that stub."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run
from .stub import Stub

GONE = "https://github.com/karpathy/nanoGPT"
PAPER = "https://arxiv.org/abs/1706.03762"
MOVED = "https://jalammar.github.io/illustrated-transformer/"
SNAPSHOT = "http://web.archive.org/web/20240101000000/https://github.com/karpathy/nanoGPT"


def wayback_answer(query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
    url = query.get("url", [""])[0]
    snapshots = {}
    if url in (GONE, MOVED):
        snapshots = {"closest": {"available": True, "status": "200", "url": SNAPSHOT}}
    body = json.dumps({"url": url, "archived_snapshots": snapshots}).encode()
    return 200, {"Content-Type": "application/json"}, body


def result(rid: str, url: str, status: str, final_url: str | None = None) -> dict[str, object]:
    return {
        "id": rid,
        "url": url,
        "status": status,
        "code": 404 if status == "broken" else 301,
        "final_url": final_url,
        "detail": "",
        "line": 1,
        "elapsed_ms": 5,
    }


def run_fix(
    catalog: Path, archive: Stub, *args: str, input: str | None = None
) -> tuple[int, str, str]:
    return run(
        "fix",
        "-c",
        str(catalog),
        "--archive-url",
        archive.url("/wayback/available"),
        "--allow-network",
        "127.0.0.0/8",
        *args,
        input=input,
    )


def drifted(rid: str, url: str, title: str | None, previous: str) -> dict[str, object]:
    return {**result(rid, url, "drifted"), "code": 200, "title": title, "previous_title": previous}
