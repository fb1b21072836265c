"""Fixtures shared across the test folders: real headless Chromium for the pages we produce."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Debian's Chromium, as the probe of this machine starts it; every host name but 127.0.0.1
# resolves to nothing, so a page can reach only loopback and file://.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium binary (apt-get install chromium, or set CHROMIUM=/path)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one test module, driven by Playwright (which never downloads a browser).
    Module scope, not session: Playwright's sync API keeps an event loop running while it is
    open, and the link-check tests start their own with asyncio.run()."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def typer_imports() -> frozenset[str]:
    """The modules Typer itself imports to parse a command's values. Typer 0.29 and later
    convert every parameter through a Pydantic TypeAdapter, so from then on Pydantic is among
    them: a test of what our code imports on a path leaves these out."""
    import subprocess
    import sys

    probe = (
        "import sys, typer\n"
        "app = typer.Typer()\n"
        "@app.command()\n"
        "def main(words: list[str], n: int = 1) -> None: pass\n"
        "app(['w', '--n', '2'], standalone_mode=False)\n"
        "print(' '.join(sys.modules))\n"
    )
    run = [sys.executable, "-c", probe]
    done = subprocess.run(run, capture_output=True, text=True, check=True, timeout=60)
    return frozenset(done.stdout.split())
