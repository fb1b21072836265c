"""Look up an archived copy of a page with the Wayback Machine availability API.

``GET {base}?url=URL`` answers ``{"archived_snapshots": {"closest": {"available": true,
"status": "200", "url": "http://web.archive.org/web/2019.../URL", "timestamp": "2019..."}}}``,
or ``{"archived_snapshots": {}}`` when there is no copy. The base URL is injectable
(``--archive-url`` or ``CATALOG_WAYBACK_URL``) so that tests serve it from loopback; requests
go through the link checker's :func:`~catalog.linkcheck.fetch_page`, with its network guard
and User-Agent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from catalog.errors import FetchError

DEFAULT_BASE_URL = "https://archive.org/wayback/available"
ENV_VAR = "CATALOG_WAYBACK_URL"


@dataclass(frozen=True)
class Wayback:
    """A client of the availability API."""

    base_url: str = DEFAULT_BASE_URL
    allow_networks: Sequence[str] = ()
    timeout: float = 20.0

    def closest(self, url: str) -> str | None:
        """The URL of the closest good snapshot of ``url``, or None when there is none.

        Raises :class:`~catalog.errors.FetchError` when the service cannot be asked or
        gives an answer that is not the documented JSON.
        """
        from catalog.linkcheck import LinkCheckError, fetch_page

        query = f"{self.base_url}?{urlencode({'url': url})}"
        try:
            page = fetch_page(
                query, allow_networks=self.allow_networks, max_bytes=256_000, timeout=self.timeout
            )
        except LinkCheckError as exc:
            status = exc.status if isinstance(exc, FetchError) else "error"
            raise FetchError(url, f"archive lookup failed: {exc}", status=status) from None
        return parse_answer(page.text, url)


def parse_answer(text: str, url: str) -> str | None:
    """The snapshot URL in an availability API answer (https), or None."""
    try:
        data = json.loads(text)
        snapshots = data.get("archived_snapshots") or {}
        closest = snapshots.get("closest")
    except (ValueError, AttributeError, RecursionError):  # RecursionError: '[' nested deep
        raise FetchError(url, "archive lookup: the answer is not the expected JSON") from None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    status = str(closest.get("status", "200"))
    snapshot = closest.get("url")
    if not isinstance(snapshot, str) or not status.startswith(("2", "3")):
        return None
    # The API answers with http:// links; the archive serves the same pages over https.
    if snapshot.startswith("http://web.archive.org/"):
        snapshot = "https://" + snapshot.removeprefix("http://")
    return snapshot
