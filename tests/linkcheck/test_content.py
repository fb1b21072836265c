"""Content checks: soft 404s, parking pages and drift, against real servers on 127.0.0.x.

Every scenario runs twice over one cache, as the nightly job does, and counts the requests
each host received: the random-path probe is at most one request per host per run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from catalog.linkcheck import Cache, Target
from catalog.linkcheck.content import (
    MARK_STEMS,
    PARKING_MARKS,
    Fingerprint,
    drifted,
    fingerprint,
    same_page,
    similarity,
    titles_resemble,
)
from catalog.linkcheck.results import LinkResult, Status

from . import server as srv
from .helpers import run

Make = Callable[..., srv.LocalServer]
HTML = {"Content-Type": "text/html; charset=utf-8"}

ARTICLE = " ".join(
    "Attention lets every token look at every other token and weigh what it finds there. "
    "The transformer stacks such layers with feed-forward blocks and residual connections. "
    f"Section {i} explains queries, keys and values with a worked example."
    for i in range(40)
)
OTHER_SITE = " ".join(
    f"Fresh deals on garden furniture, number {i} in our catalogue of outdoor chairs, "
    "tables and parasols, delivered to your door with free returns."
    for i in range(40)
)
NOT_FOUND = "Sorry, we could not find that page. Try the search box or go back home."


def page(title: str, text: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        "<style>body { color: black }</style><script>var tracking = 1;</script></head>"
        f"<body><nav>Home | About</nav><main><p>{text}</p></main></body></html>"
    ).encode()


def html(title: str, text: str) -> srv.Handler:
    return srv.status(200, HTML, page(title, text))


class Changing:
    """A page whose title and text the test changes between runs."""

    def __init__(self, title: str, text: str) -> None:
        self.title, self.text = title, text

    async def __call__(self, request: srv.Request, writer: object) -> None:
        await srv.status(200, HTML, page(self.title, self.text))(request, writer)  # type: ignore[arg-type]


def check(targets: list[Target], cache: Cache, **options: object) -> dict[str, LinkResult]:
    options.setdefault("content", True)
    return run(targets, cache=cache, **options)


def probes(server: srv.LocalServer) -> list[str]:
    """The random paths a server was asked for (24 letters and digits)."""
    return [p for p in server.paths() if len(p) == 25 and p[1:].isalnum()]


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache.load(tmp_path / "cache.json")


def test_a_stable_page_stays_ok_and_the_probe_is_one_request(server: Make, cache: Cache) -> None:
    s = server({"/post": html("Attention explained", ARTICLE)})
    target = Target("post", s.url("/post"), title="Attention explained")
    for _ in range(2):
        result = check([target], cache, max_age=timedelta(0))["post"]
        assert result.status is Status.OK, result.detail
        assert result.title == "Attention explained"
        assert result.warnings == ()
    # each run: one GET of the page (no HEAD), one probe that answers 404, nothing more
    assert [r.method for r in s.requests] == ["GET", "GET", "GET", "GET"]
    assert len(probes(s)) == 2
    assert cache.fingerprint(s.url("/post")) is not None


def drifting(server: Make, cache: Cache) -> tuple[srv.LocalServer, Target]:
    """A page checked ok once, then turned into another site: its next check drifts."""
    post = Changing("Attention explained", ARTICLE)
    s = server({"/post": post})
    target = Target("post", s.url("/post"), title="Attention explained")
    assert check([target], cache, max_age=timedelta(0))["post"].status is Status.OK
    post.title, post.text = "Garden furniture sale", OTHER_SITE
    return s, target


def test_a_page_that_becomes_another_site_is_drifted_until_reviewed(
    server: Make, cache: Cache
) -> None:
    s, target = drifting(server, cache)
    second = check([target], cache, max_age=timedelta(0))["post"]
    assert second.status is Status.DRIFTED
    assert second.previous_title == "Attention explained"
    assert second.title == "Garden furniture sale"
    assert "title was 'Attention explained', now 'Garden furniture sale'" in second.detail
    assert not second.failing  # a warning by default
    assert cache.entries[s.url("/post")].title == "Garden furniture sale"  # for catalog fix
    assert second.consecutive_failures == 0  # no --fail-after streak
    # the old fingerprint is kept: the next run says drifted again, and can fail on it
    third = check([target], cache, max_age=timedelta(0), fail_on=frozenset({Status.DRIFTED}))
    assert third["post"].status is Status.DRIFTED
    assert third["post"].failing
    # the curator reviewed the change (check.review.title): the page is the resource again
    reviewed = Target("post", s.url("/post"), reviewed_title="Garden furniture sale")
    assert check([reviewed], cache, max_age=timedelta(0))["post"].status is Status.OK
    assert check([target], cache, max_age=timedelta(0))["post"].status is Status.OK


def test_an_entry_edited_to_describe_the_new_page_ends_the_drift(
    server: Make, cache: Cache
) -> None:
    s, target = drifting(server, cache)
    assert check([target], cache, max_age=timedelta(0))["post"].status is Status.DRIFTED
    # the curator gives the entry the new page's title: the page is the reference now
    edited = Target("post", s.url("/post"), title="Garden furniture sale")
    assert check([edited], cache, max_age=timedelta(0))["post"].status is Status.OK
    kept = cache.fingerprint(s.url("/post"))
    assert kept is not None
    assert kept.title == "Garden furniture sale"


def test_a_title_that_only_gains_a_version_is_not_drift(server: Make, cache: Cache) -> None:
    post = Changing("Attention Is All You Need | arXiv", ARTICLE)
    s = server({"/abs": post})
    target = Target("abs", s.url("/abs"), title="Attention Is All You Need")
    first = check([target], cache, max_age=timedelta(0))["abs"]
    assert first.status is Status.OK
    assert first.warnings == ()  # the catalog's title resembles the page's
    post.title = "[1706.03762v7] Attention Is All You Need"
    post.text = ARTICLE.replace("worked example", "worked example and an appendix")
    assert check([target], cache, max_age=timedelta(0))["abs"].status is Status.OK


def test_a_parking_page_is_a_soft_404_and_fails(server: Make, cache: Cache) -> None:
    parked = page("example-lab.org", "This domain may be for sale. Buy this domain today.")
    s = server({"/": srv.status(200, HTML, parked)})
    result = check([Target("lab", s.url("/"))], cache)["lab"]
    assert result.status is Status.SOFT_404
    assert "parking" in result.detail
    assert result.failing


def test_a_host_that_answers_every_path_keeps_its_real_page_ok(server: Make, cache: Cache) -> None:
    """The host serves its not-found template with 200 for any unknown path."""
    s = server(
        {
            "/real": html("Positional encoding, step by step", ARTICLE),
            "/moved": srv.redirect(302, "/home"),
            "/home": html("Welcome to the lab", "Our group works on proteins and DNA models."),
        },
        fallback=html("Page not found", NOT_FOUND),
    )
    targets = [
        Target("real", s.url("/real")),
        Target("gone", s.url("/old-post")),
        Target("moved", s.url("/moved")),
        Target("home", s.url("/home")),
    ]
    for _ in range(2):
        results = check(targets, cache, per_host=1)
        assert results["real"].status is Status.OK
        assert results["gone"].status is Status.SOFT_404
        assert "path that does not exist" in results["gone"].detail
        assert results["home"].status is Status.OK  # a catalogued home page is not a soft 404
        assert results["moved"].status is Status.OK  # the probe does not land on /home
    assert len(probes(s)) == 2  # one probe per run for the whole host


def test_a_redirect_to_where_missing_paths_land_is_a_soft_404(server: Make, cache: Cache) -> None:
    s = server(
        {"/home": html("Welcome", "The home page of a site that sends every missing path here.")},
        fallback=srv.redirect(302, "/home"),
    )
    results = check([Target("gone", s.url("/deleted-post")), Target("home", s.url("/home"))], cache)
    assert results["gone"].status is Status.SOFT_404
    assert results["home"].status is Status.OK


def test_a_probe_answered_404_adds_nothing_more(server: Make, cache: Cache) -> None:
    s = server({f"/p{i}": html(f"Post {i}", ARTICLE + f" post {i}") for i in range(5)})
    results = check([Target(f"p{i}", s.url(f"/p{i}")) for i in range(5)], cache)
    assert {r.status for r in results.values()} == {Status.OK}
    assert len(probes(s)) == 1
    assert len(s.requests) == 6  # five pages, one probe


def test_huge_and_trickling_bodies_are_capped_and_never_hang(server: Make, cache: Cache) -> None:
    s = server()
    s.routes.update({"/huge": srv.huge(s), "/slow": srv.trickle(total=100_000, delay=0.05)})
    results = check(
        [Target("huge", s.url("/huge")), Target("slow", s.url("/slow"))], cache, timeout=1.0
    )
    assert results["huge"].status is Status.OK
    assert s.sent < 8 * 1024 * 1024  # 64 KB read; the rest is never downloaded
    assert results["slow"].status is Status.TIMEOUT


def test_a_first_check_warns_when_the_title_is_unlike_the_catalogs(
    server: Make, cache: Cache
) -> None:
    s = server({"/x": html("Garden furniture sale", OTHER_SITE)})
    result = check([Target("x", s.url("/x"), title="Attention explained")], cache)["x"]
    assert result.status is Status.OK
    assert result.warnings == (
        "the page's title 'Garden furniture sale' is unlike the catalog's 'Attention explained'",
    )


def test_content_off_is_status_codes_only(server: Make, cache: Cache) -> None:
    parked = page("example-lab.org", "This domain may be for sale.")
    s = server({"/": srv.status(200, HTML, parked)})
    off = Target("a", s.url("/"), content=False)
    assert check([off], cache, max_age=timedelta(0))["a"].status is Status.OK
    plain = Target("a", s.url("/"))
    assert check([plain], cache, max_age=timedelta(0), content=False)["a"].status is Status.OK
    assert [r.method for r in s.requests] == ["HEAD", "HEAD"]


def old_cache(
    folder: Path, version: int, url: str, status: str, code: int, **fields: object
) -> Path:
    """A link cache file written by an older release: one entry, checked on New Year's Day."""
    entry = {"status": status, "code": code, "checked_at": "2026-01-01T00:00:00+00:00"}
    entry |= {"final_url": None, **fields}
    path = folder / "cache.json"
    path.write_text(json.dumps({"version": version, "entries": {url: entry}}))
    return path


def test_a_version_1_cache_is_migrated_not_reported_corrupt(tmp_path: Path, server: Make) -> None:
    s = server({"/post": html("Attention explained", ARTICLE)})
    path = old_cache(tmp_path, 1, s.url("/post"), "broken", 404, consecutive_failures=1,
                     failing_since="2026-01-01T00:00:00+00:00", detail="HTTP 404")  # fmt: skip
    cache = Cache.load(path)
    assert cache.warning is None
    assert check([Target("post", s.url("/post"))], cache)["post"].status is Status.OK
    cache.save()
    again = Cache.load(path)
    assert again.warning is None
    assert again.fingerprint(s.url("/post")) is not None


def test_a_version_2_cache_keeps_its_history_but_not_its_old_sketches(
    tmp_path: Path, server: Make
) -> None:
    """Version 2 sketches came from an earlier word cut: compared with today's they could
    look like drift, so they are dropped and the next ok page becomes the reference."""
    s = server({"/post": html("Attention explained", ARTICLE)})
    sketch = {"title": "Garden furniture sale", "sketch": [1, 2, 3]}
    path = old_cache(tmp_path, 2, s.url("/post"), "ok", 200, fingerprint=sketch,
                     title="Garden furniture sale")  # fmt: skip
    cache = Cache.load(path)
    assert cache.warning is None
    assert cache.entries[s.url("/post")].title == "Garden furniture sale"
    assert cache.fingerprint(s.url("/post")) is None
    result = check([Target("post", s.url("/post"))], cache, max_age=timedelta(0))["post"]
    assert result.status is Status.OK  # not drifted against the dropped sketch
    cache.save()
    assert json.loads(path.read_text())["version"] == 3
    kept = Cache.load(path).fingerprint(s.url("/post"))
    assert kept is not None
    assert kept.title == "Attention explained"


# --- the pure parts ------------------------------------------------------------------------


def test_fingerprint_reads_title_and_visible_text_only() -> None:
    fp = fingerprint(page("A &amp; B", "visible words") + b"<script>hidden words</script>")
    assert fp.title == "A & B"
    other = fingerprint(page("A & B", "visible words"))
    assert fp.sketch == other.sketch  # scripts, styles and the head do not count
    assert not fp.parked


@pytest.mark.parametrize(
    "text",
    [
        "This domain is for sale!",
        "Buy this domain from our partner",
        "The domain has expired and may be renewed",
        "Hosted by Sedoparking",
        "Parked free, courtesy of a registrar",
        "Powered by Bodis.com",
    ],
)
def test_parking_marks(text: str) -> None:
    assert fingerprint(page("example.org", text)).parked


def test_every_parking_mark_holds_a_stem_of_the_first_look() -> None:
    assert all(any(stem in mark for stem in MARK_STEMS) for mark in PARKING_MARKS)


def test_a_parking_mark_split_over_lines_in_the_source_is_found() -> None:
    body = b"<html><body><h1>example.org</h1><p>This domain\n      is for\tsale.</p></body></html>"
    assert fingerprint(body).parked


def test_text_outside_the_body_and_markup_never_counts() -> None:
    bare = fingerprint(b"<p>attention heads</p>")
    wrapped = fingerprint(
        b"<!doctype html><html><head><title>X</title><meta name=description content=spam>"
        b'</head><BODY class="main-layout"><!-- a comment --><svg><text>logo</text></svg>'
        b"<p>Attention\n   <b>heads</b></p><template>later</template>"
        b"<SCRIPT>var hidden = '<p>words</p>';</script></body></html>"
    )
    assert wrapped.sketch == bare.sketch
    assert wrapped.title == "X"
    assert bare.title == ""


def test_an_ordinary_page_about_domains_is_not_parked() -> None:
    text = "How DNS resolves a domain name, and why domain names are sold by registrars."
    assert not fingerprint(page("DNS explained", text)).parked


def test_title_resemblance() -> None:
    assert titles_resemble(
        "[1706.03762v7] Attention Is All You Need", "Attention Is All You Need | arXiv"
    )
    assert titles_resemble(
        "The Illustrated Transformer", "The Illustrated Transformer – Jay Alammar"
    )
    assert not titles_resemble("The Illustrated Transformer", "Garden furniture sale")


def test_similarity_and_drift_need_both_title_and_text_to_move() -> None:
    a, b = fingerprint(page("T", ARTICLE)), fingerprint(page("T", OTHER_SITE))
    assert similarity(a.sketch, a.sketch) == 1.0
    assert similarity(a.sketch, b.sketch) < 0.3
    moved = Fingerprint("Something else", b.sketch)
    assert drifted(a, moved)
    assert not drifted(a, Fingerprint("Something else", a.sketch))  # same text: a new title
    assert not drifted(a, Fingerprint(a.title, b.sketch))  # same title: a redesign
    assert same_page(
        fingerprint(page("Not found", NOT_FOUND)), fingerprint(page("Not found", NOT_FOUND))
    )


def test_a_sketch_keeps_the_32_smallest_word_hashes() -> None:
    sketch = fingerprint(page("Big", ARTICLE)).sketch
    assert len(sketch) == 32
    assert list(sketch) == sorted(set(sketch))


def test_an_unclosed_element_or_comment_hides_the_rest_as_a_browser_does() -> None:
    shown = fingerprint(b"<body><p>attention heads</p></body>")
    for hidden in (b"<script>var x = 'tokens';", b"<!-- a note", b"<svg><text>logo"):
        page = b"<body><p>attention heads</p>" + hidden + b"<p>more words</p>"
        assert fingerprint(page).sketch == shown.sketch, hidden


@pytest.mark.parametrize(
    "body",
    [
        b"<body>" + b"<svg" * 16000,
        b"<body>" + b"<!--" * 16000,
        b"<body>" + b"<script></script" * 4000,
        b"<body>" + b"<" * 64000,
        b"<title>" * 9000,
        b"<title>x<" * 7000,
    ],
    ids=["svg", "comment", "script", "lt", "title", "title-lt"],
)
def test_a_hostile_page_of_unclosed_openers_is_read_in_one_pass(body: bytes) -> None:
    """Each pattern ends at its closer or at the end of the text, so no opener makes the
    regular expression scan to the end and back (64 KB of '<svg' took 18 s before; the
    figures are in bench/linkcheck/README.md). Here: the result, a page with no words."""
    page = fingerprint(body[: 64 * 1024])
    assert page.sketch == ()
    assert not page.parked
