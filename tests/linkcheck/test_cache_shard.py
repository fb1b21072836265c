"""The cache (freshness, failure streaks, corruption) and the shard partition."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.linkcheck import Cache, ShardError
from catalog.linkcheck.cache import parse_age
from catalog.linkcheck.results import Outcome, Status
from catalog.linkcheck.shard import in_shard, parse_shard, shard_of

from . import server as srv
from .helpers import run

Make = Callable[..., srv.LocalServer]


def test_a_fresh_ok_is_not_fetched_again_but_a_failure_is(server: Make, tmp_path: Path) -> None:
    s = server({"/ok": srv.status(200), "/bad": srv.status(404)})
    path = tmp_path / "cache.json"
    for _ in range(2):
        cache = Cache.load(path)
        results = run([s.url("/ok"), s.url("/bad")], cache=cache)
        cache.save()
    assert s.paths().count("/ok") == 1  # HEAD only, on the first run
    assert s.paths().count("/bad") == 4  # HEAD and GET, on both runs
    assert results[s.url("/ok")].cached
    assert results[s.url("/bad")].consecutive_failures == 2
    saved = json.loads(path.read_text())["entries"][s.url("/bad")]
    assert saved["status"] == "broken"
    assert saved["consecutive_failures"] == 2


def test_max_age_zero_fetches_everything(server: Make, tmp_path: Path) -> None:
    s = server({"/ok": srv.status(200)})
    cache = Cache.load(tmp_path / "c.json")
    run([s.url("/ok")], cache=cache)
    run([s.url("/ok")], cache=cache, max_age=dt.timedelta(0))
    assert s.paths() == ["/ok", "/ok"]


def test_fail_after_warns_first_then_fails(server: Make, tmp_path: Path) -> None:
    s = server({"/bad": srv.status(404)})
    cache = Cache.load(tmp_path / "c.json")
    first = run([s.url("/bad")], cache=cache, fail_after=2)[s.url("/bad")]
    assert (first.status, first.failing, first.warning) == (Status.BROKEN, False, True)
    assert first.failing_since is not None
    second = run([s.url("/bad")], cache=cache, fail_after=2)[s.url("/bad")]
    assert second.failing
    assert second.failing_since == first.failing_since


def test_a_success_resets_the_streak(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.json")
    cache.record("u", Outcome(Status.BROKEN, 404))
    assert cache.record("u", Outcome(Status.OK, 200)).consecutive_failures == 0
    assert cache.entries["u"].failing_since is None


def test_a_corrupt_cache_is_reported_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text("{not json")
    cache = Cache.load(path)
    assert cache.warning is not None
    assert "corrupt" in cache.warning
    cache.record("u", Outcome(Status.OK, 200))
    cache.save()
    assert Cache.load(path).entries["u"].status == "ok"
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1d", dt.timedelta(days=1)), ("12h", dt.timedelta(hours=12)), ("0", dt.timedelta(0))],
)
def test_parse_age(text: str, expected: dt.timedelta) -> None:
    assert parse_age(text) == expected


def test_parse_age_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="not an age"):
        parse_age("soon")


@given(
    hosts=st.lists(st.from_regex(r"[a-z]{1,8}\.(com|org)", fullmatch=True), min_size=1),
    count=st.integers(1, 8),
)
def test_shards_cover_every_url_exactly_once(hosts: list[str], count: int) -> None:
    urls = [f"https://{h}/{i}" for i, h in enumerate(hosts)]
    owners = [[k for k in range(1, count + 1) if in_shard(u, (k, count))] for u in urls]
    assert all(len(o) == 1 for o in owners)


def test_a_host_lives_in_one_shard() -> None:
    assert shard_of("https://Example.com/a", 4) == shard_of("http://example.com/b?x", 4)


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "1", "1/0"])
def test_bad_shards_are_refused(text: str) -> None:
    with pytest.raises(ShardError, match="K/N"):
        parse_shard(text)
