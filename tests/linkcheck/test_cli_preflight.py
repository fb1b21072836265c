"""`catalog check` says what is wrong with its arguments before it fetches anything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from . import server as srv
from .test_cli import invoke, write_catalog

Make = Callable[..., srv.LocalServer]


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_a_report_file_that_cannot_be_written_fails_before_any_request(
    server: Make, tmp_path: Path, option: str
) -> None:
    """A nightly shard must not check every link only to find its report cannot be saved."""
    site = server({"/ok": srv.status(200)})
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok")})
    target = tmp_path / "missing" / "report.txt"
    code, out, err = invoke(cat, "--allow-network", "127.0.0.0/8", option, str(target))
    assert code == 2
    assert f"cannot write {target}" in err
    assert f"the folder {target.parent} does not exist; create it first" in err
    assert site.requests == []
    assert out == ""


def test_fail_after_without_a_cache_is_refused(server: Make, tmp_path: Path) -> None:
    """The streak --fail-after counts lives in the cache: with --no-cache no link could fail,
    and a nightly job would pass forever."""
    site = server({"/gone": srv.status(404)})
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/gone")})
    net = ("--allow-network", "127.0.0.0/8")
    code, _, err = invoke(cat, *net, "--no-cache", "--fail-after", "2")
    assert code == 2
    assert "--no-cache keeps none: no link would ever fail" in err
    assert site.requests == []
    assert invoke(cat, *net, "--no-cache", "--fail-after", "1")[0] == 1  # fails at once
