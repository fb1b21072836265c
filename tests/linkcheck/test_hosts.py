"""Host rules, each against local stub servers standing in for the real hosts."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from catalog.linkcheck import Endpoints, Target
from catalog.linkcheck.results import Status

from . import server as srv
from .helpers import run

Make = Callable[..., srv.LocalServer]


def _youtube(server: Make, oembed: srv.Handler, thumb: srv.Handler) -> tuple[Endpoints, dict]:
    api = server({"/oembed": oembed, "/vi/abc/hqdefault.jpg": thumb})
    endpoints = Endpoints(
        youtube_oembed=api.url("/oembed"),
        youtube_thumbnail=api.url("/vi/{id}/hqdefault.jpg"),
    )
    return endpoints, {"api": api}


VIDEO_URLS = [
    "https://www.youtube.com/watch?v=abc",
    "https://youtu.be/abc",
    "https://www.youtube.com/embed/abc",
]


def test_youtube_video_exists_by_oembed(server: Make) -> None:
    endpoints, s = _youtube(server, srv.status(200, body=b"{}"), srv.status(200))
    results = run(VIDEO_URLS, endpoints=endpoints)
    assert {r.status for r in results.values()} == {Status.OK}
    asked = [parse_qs(urlsplit(r.path).query)["url"] for r in s["api"].requests]
    assert asked == [["https://www.youtube.com/watch?v=abc"]] * 3


def test_youtube_deleted_video_is_broken_although_its_page_answers_200(server: Make) -> None:
    endpoints, _ = _youtube(server, srv.status(404), srv.status(200))
    result = run(VIDEO_URLS[:1], endpoints=endpoints)[VIDEO_URLS[0]]
    assert result.status is Status.BROKEN
    assert "oEmbed 404" in result.detail


def test_youtube_not_embeddable_falls_back_to_the_thumbnail(server: Make) -> None:
    endpoints, _ = _youtube(server, srv.status(401), srv.status(200))
    result = run(VIDEO_URLS[:1], endpoints=endpoints)[VIDEO_URLS[0]]
    assert result.status is Status.OK
    assert "thumbnail" in result.detail

    endpoints, _ = _youtube(server, srv.status(401), srv.status(404))
    result = run(VIDEO_URLS[:1], endpoints=endpoints)[VIDEO_URLS[0]]
    assert result.status is Status.BROKEN


def test_youtube_playlist(server: Make) -> None:
    url = "https://www.youtube.com/playlist?list=PL1"
    endpoints, _ = _youtube(server, srv.status(404), srv.status(200))
    assert run([url], endpoints=endpoints)[url].status is Status.BROKEN
    endpoints, _ = _youtube(server, srv.status(200), srv.status(404))
    assert run([url], endpoints=endpoints)[url].status is Status.OK


def test_arxiv_gets_one_request_at_a_time(server: Make) -> None:
    s = server({f"/abs/{i}": srv.sleep_then(0.02, srv.status(200)) for i in range(3)})
    urls = [f"http://arxiv.org:{s.port}/abs/{i}" for i in range(3)]
    results = run(urls, hosts={"arxiv.org": s.host}, per_host=8)
    assert {r.status for r in results.values()} == {Status.OK}
    assert s.max_in_flight == 1


def test_github_token_goes_to_the_api_only_and_never_across_a_redirect(server: Make) -> None:
    elsewhere = server({"/repositories/1": srv.status(200, body=b'{"html_url": "x"}')})
    api = server(
        {
            "/repos/octo/live": srv.status(
                200, body=b'{"html_url": "https://github.com/octo/live"}'
            ),
            "/repos/octo/gone": srv.status(404),
            "/repos/octo/moved": srv.redirect(301, elsewhere.url("/repositories/1")),
        }
    )
    page = server({})
    endpoints = Endpoints(github_api=api.base)
    urls = {name: f"http://github.com:{page.port}/octo/{name}" for name in ("live", "gone")}
    urls["moved"] = f"http://github.com:{page.port}/octo/moved"
    targets = [Target(name, url) for name, url in urls.items()]
    results = run(
        targets, endpoints=endpoints, github_token="t0ken", hosts={"github.com": page.host}
    )
    assert results["live"].status is Status.OK
    assert results["gone"].status is Status.BROKEN
    assert results["moved"].status is Status.REDIRECTED
    assert results["moved"].final_url == "x"
    assert all(r.headers.get("authorization") == "Bearer t0ken" for r in api.requests)
    assert elsewhere.requests
    assert all("authorization" not in r.headers for r in elsewhere.requests)
    assert page.requests == []  # the repository pages were not fetched


def test_without_a_token_github_pages_are_checked_plainly(server: Make) -> None:
    page = server({"/octo/live": srv.status(200)})
    url = f"http://github.com:{page.port}/octo/live"
    result = run([url], hosts={"github.com": page.host})[url]
    assert result.status is Status.OK
    assert all("authorization" not in r.headers for r in page.requests)


def test_github_rule_handles_repository_pages_only() -> None:
    import httpx

    from catalog.linkcheck.hosts.github import repo_of

    assert repo_of(httpx.URL("https://github.com/octo/repo")) == ("octo", "repo")
    assert repo_of(httpx.URL("https://github.com/octo/repo.git/")) == ("octo", "repo")
    assert repo_of(httpx.URL("https://github.com/octo/repo/blob/main/README.md")) is None
    assert repo_of(httpx.URL("https://github.com/topics/transformers")) is None
    assert repo_of(httpx.URL("https://gitlab.com/octo/repo")) is None


def test_youtube_url_forms() -> None:
    import httpx

    from catalog.linkcheck.hosts.youtube import video_ref

    forms = {
        "https://www.youtube.com/watch?v=abc&t=30s": ("video", "abc"),
        "https://youtu.be/abc?t=1": ("video", "abc"),
        "https://www.youtube.com/embed/abc": ("video", "abc"),
        "https://www.youtube.com/shorts/abc": ("video", "abc"),
        "https://www.youtube-nocookie.com/embed/abc": ("video", "abc"),
        "https://m.youtube.com/playlist?list=PL1": ("playlist", "PL1"),
        "https://www.youtube.com/@channel": None,
    }
    assert {url: video_ref(httpx.URL(url)) for url in forms} == forms
