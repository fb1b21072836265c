"""Soft 404s: pages that answer 2xx but are a not-found template or a parking page.

After a page answered 2xx with HTML, :func:`judge` decides, in this order:

1. the page carries the marks of a domain-parking service: ``soft_404``;
2. otherwise the host is asked, at most once per origin per run, for a random path that cannot
   exist (``/<24 random letters and digits>``). Only if that answer is 2xx too is the page
   compared with it: a page that was redirected to where the random path lands, or that is the
   same template (title and text, :func:`~catalog.linkcheck.content.same_page`), is
   ``soft_404``. A page that *is* the landing page (a catalogued home page) stays ``ok``.

The probe goes through the same fetcher, so it counts against the host's concurrency and
interval like any request. A probe that fails or answers non-2xx says nothing, and no page of
that origin is compared.
"""

from __future__ import annotations

import asyncio
import secrets
import string
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from catalog.linkcheck.classify import is_success
from catalog.linkcheck.content import READ_BYTES, Fingerprint, fingerprint, same_page
from catalog.linkcheck.results import Outcome, Status

if TYPE_CHECKING:
    from catalog.linkcheck.fetch import Fetcher, Reply

_ALPHABET = string.ascii_lowercase + string.digits


@dataclass(frozen=True, slots=True)
class Probe:
    """What the host answered for a path that cannot exist."""

    url: str
    code: int
    final_url: str
    page: Fingerprint | None  # None when the answer had no HTML body


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme.lower()}://{rest.split('/', 1)[0].split('?', 1)[0].lower()}"


def random_path() -> str:
    return "/" + "".join(secrets.choice(_ALPHABET) for _ in range(24))


async def probe(fetcher: Fetcher, url: str) -> Probe | None:
    """The host's answer to a random path, fetched once per origin per run (shared by every
    page of that origin, including concurrent ones)."""
    origin = _origin(url)
    task = fetcher.probes.get(origin)
    if task is None:
        task = asyncio.ensure_future(_fetch_probe(fetcher, origin + random_path()))
        fetcher.probes[origin] = task
    if task.done():  # after the first page of a host: no waiting, no shield to build
        done: Probe | None = task.result()
        return done
    # shield: a page's check that is cancelled must not cancel the probe others wait for.
    result: Probe | None = await asyncio.shield(task)
    return result


async def _fetch_probe(fetcher: Fetcher, url: str) -> Probe | None:
    from catalog.linkcheck.fetch import Failure

    try:
        # One request: a probe that fails says nothing, and retrying it would keep every page
        # of the host waiting (the issue allows one extra request per host).
        reply = await fetcher.fetch(
            "GET", url, read=READ_BYTES, html_only=True, retry_codes=frozenset(), retries=0
        )
    except Failure:
        return None
    page = fingerprint(reply.body) if reply.body else None
    return Probe(url, reply.code, reply.url, page)


async def judge(fetcher: Fetcher, reply: Reply, outcome: Outcome) -> Outcome:
    """``outcome`` with the page's title and fingerprint, or turned into ``soft_404``."""
    page = fingerprint(reply.body)
    outcome = replace(outcome, title=page.title or None, fingerprint=page)
    if page.parked:
        return replace(
            outcome,
            status=Status.SOFT_404,
            detail=f"HTTP {reply.code}, but a domain-parking page ('{page.title}')",
        )
    found = await probe(fetcher, reply.url)
    if found is None or not is_success(found.code) or found.page is None:
        return outcome
    redirected = len(reply.chain) > 1
    if redirected and reply.url == found.final_url:
        return replace(
            outcome,
            status=Status.SOFT_404,
            detail=(
                f"HTTP {reply.code} at {reply.url}, where the host also sends a path that "
                "does not exist"
            ),
        )
    if reply.url != found.final_url and same_page(page, found.page):
        return replace(
            outcome,
            status=Status.SOFT_404,
            detail=(
                f"HTTP {reply.code}, but the same page the host serves for a path that does "
                f"not exist ('{page.title}')"
            ),
        )
    return outcome


def cancel_probes(fetcher: Fetcher) -> None:
    """Cancel probes still running (the run ended or was interrupted)."""
    for task in fetcher.probes.values():
        task.cancel()
