"""YouTube: a deleted video's page still answers 200, so ask oEmbed, then the thumbnail.

Blind spots, and why both are used:

* oEmbed answers 404 for a deleted or private video, but 401 for a live video whose owner
  disabled embedding; so on 401 the thumbnail decides.
* A thumbnail can outlive a terminated account, so it is only the fallback, and the detail says
  so.

Playlists have no thumbnail URL; a 401 from oEmbed leaves them ``ok`` with a detail.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from catalog.linkcheck.fetch import Failure, outcome_of
from catalog.linkcheck.results import Outcome, Status

if TYPE_CHECKING:
    import httpx

    from catalog.linkcheck.fetch import Fetcher
    from catalog.linkcheck.gates import HostLimits
    from catalog.linkcheck.hosts import Endpoints

_HOSTS = (
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "www.youtube-nocookie.com",
)


def video_ref(url: httpx.URL) -> tuple[str, str] | None:
    """``("video", id)`` or ``("playlist", id)`` for a YouTube URL, else None."""
    host = url.host.lower()
    if host == "youtu.be":
        vid = url.path.strip("/").split("/")[0]
        return ("video", vid) if vid else None
    if url.path == "/watch" and url.params.get("v"):
        return "video", url.params["v"]
    if url.path.startswith(("/embed/", "/shorts/", "/live/")):
        vid = url.path.split("/")[2]
        return ("video", vid) if vid else None
    if url.path == "/playlist" and url.params.get("list"):
        return "playlist", url.params["list"]
    return None


class YouTubeRule:
    def __init__(self, endpoints: Endpoints) -> None:
        self.endpoints = endpoints

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(_HOSTS)

    @property
    def limits(self) -> Mapping[str, HostLimits]:
        return {}

    def handles(self, url: httpx.URL) -> bool:
        return url.host.lower() in _HOSTS and video_ref(url) is not None

    async def check(self, url: str, fetcher: Fetcher) -> Outcome:
        started = time.monotonic()
        import httpx  # RuleSet.find has imported it to call handles()

        ref = video_ref(httpx.URL(url))
        if ref is None:  # pragma: no cover - handles() said otherwise
            return await fetcher.check(url)
        kind, ident = ref
        canonical = (
            f"https://www.youtube.com/watch?v={ident}"
            if kind == "video"
            else f"https://www.youtube.com/playlist?list={ident}"
        )
        query = urlencode({"url": canonical, "format": "json"})
        try:
            reply = await fetcher.fetch("GET", f"{self.endpoints.youtube_oembed}?{query}")
        except Failure as failure:
            return Outcome(failure.status, detail=f"oEmbed: {failure.detail}")
        elapsed = round((time.monotonic() - started) * 1000)
        if 200 <= reply.code < 300:
            return Outcome(Status.OK, 200, None, f"{kind} exists (oEmbed)", elapsed)
        if reply.code in (400, 404):
            return Outcome(
                Status.BROKEN,
                reply.code,
                None,
                f"{kind} deleted, private or never existed (oEmbed {reply.code})",
                elapsed,
            )
        if reply.code in (401, 403):
            if kind == "playlist":
                return Outcome(
                    Status.OK,
                    200,
                    None,
                    "embedding disabled; the playlist cannot be verified further",
                    elapsed,
                )
            return await self._thumbnail(ident, fetcher, started)
        found = outcome_of(reply, started)
        return Outcome(found.status, found.code, None, f"oEmbed: {found.detail}", elapsed)

    async def _thumbnail(self, ident: str, fetcher: Fetcher, started: float) -> Outcome:
        url = self.endpoints.youtube_thumbnail.format(id=ident)
        try:
            reply = await fetcher.fetch("HEAD", url)
        except Failure as failure:
            return Outcome(failure.status, detail=f"thumbnail: {failure.detail}")
        elapsed = round((time.monotonic() - started) * 1000)
        if 200 <= reply.code < 300:
            return Outcome(
                Status.OK,
                200,
                None,
                "embedding disabled; the thumbnail exists (thumbnails can outlive a "
                "terminated account)",
                elapsed,
            )
        if reply.code == 404:
            return Outcome(Status.BROKEN, 404, None, "video not found (no thumbnail)", elapsed)
        found = outcome_of(reply, started)
        return Outcome(found.status, found.code, None, f"thumbnail: {found.detail}", elapsed)
