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
