"""URL rules: what a catalog URL may be, and when two URLs are the same resource."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SPACE = re.compile(r"\s")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable http(s) URL, or None when it is."""
    if _SPACE.search(url):
        return "URL contains white space; remove it or percent-encode it"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError as exc:
        return f"malformed URL: {exc}"
    del port
    if parts.scheme not in ("http", "https"):
        shown = parts.scheme or "none"
        return f"URL scheme must be http or https, not '{shown}'"
    if not parts.hostname:
        return "URL has no host name"
    return None


def normalize_url(url: str) -> str:
    """A canonical form for spotting duplicates.

    Ignores the scheme, host case, a leading ``www.``, a trailing slash, the fragment and
    ``utm_*`` parameters. The result is a comparison key, not a URL to fetch.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:  # malformed (the schema reports it); compare it as written
        return url.strip()
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith("utm_")
        ]
    )
    return urlunsplit(("", host, path, query, ""))
