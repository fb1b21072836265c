"""`catalog check` end to end: CliRunner at a fixed width, and the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.cli.app import app

from . import server as srv

Make = Callable[..., srv.LocalServer]
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


def write_catalog(path: Path, urls: dict[str, str], extra: str = "") -> Path:
    entries = "".join(
        f"""  - id: {rid}
    title: Resource {rid}
    url: {url}
    kind: article
    topics: [attention]
    authors: [A. Author]
    year: 2020
    level: beginner
    language: en
    description: A resource.
{extra if rid == "skipme" else ""}"""
        for rid, url in urls.items()
    )
    path.write_text(
        "topics:\n  attention:\n    title: Attention\n    description: Attention.\n"
        f"resources:\n{entries}",
        encoding="utf-8",
    )
    return path


def invoke(catalog: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    cache = catalog.parent / "cache.json"
    result = CliRunner().invoke(
        app,
        ["check", "-c", str(catalog), "--cache", str(cache), *args],
        env={**ENV, **(env or {})},
    )
    return result.exit_code, result.stdout, result.stderr


def test_exit_0_when_nothing_fails(site: srv.LocalServer, tmp_path: Path) -> None:
    """Not on a terminal, the table report is tab-separated (problems only); the summary is
    the last line on stderr."""
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/no")})
    code, out, err = invoke(cat, "--allow-network", "127.0.0.0/8")
    assert code == 0, err
    assert [line.split("\t") for line in out.splitlines()] == [
        ["status", "line", "id", "url", "detail"],
        [
            "blocked",
            "16",
            "b",
            site.url("/no"),
            "HTTP 403: the site refuses robots; check it in a browser (warning)",
        ],
    ]
    assert err.splitlines()[-1] == "2 links: 1 ok, 1 blocked; 0 failing"


def test_exit_1_and_json_report(site: srv.LocalServer, tmp_path: Path) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/gone")})
    code, out, _ = invoke(cat, "--allow-network", "127.0.0.0/8", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {"ok": 1, "broken": 1}
    broken = data["results"][1]
    assert {k: broken[k] for k in ("id", "status", "code", "line", "failing")} == {
        "id": "b",
        "status": "broken",
        "code": 404,
        "line": 16,
        "failing": True,
    }
    expected = {"id", "url", "status", "code", "final_url", "detail", "line", "elapsed_ms"}
    assert expected <= set(broken)


def test_fail_on_and_fail_after(site: srv.LocalServer, tmp_path: Path) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"b": site.url("/no")})
    net = ("--allow-network", "127.0.0.0/8")
    assert invoke(cat, *net, "--fail-on", "blocked", "--fail-after", "2")[0] == 0
    code, out, _ = invoke(cat, *net, "--fail-on", "blocked", "--fail-after", "2")
    assert code == 1
    assert out.splitlines()[1].startswith("blocked\t6\tb\t")


def test_github_annotations_and_step_summary(site: srv.LocalServer, tmp_path: Path) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/gone")})
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    code, out, _ = invoke(
        cat,
        "--allow-network",
        "127.0.0.0/8",
        "-f",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert code == 1
    assert out.splitlines()[0].startswith(f"::error file={cat},line=16,title=broken%3A b::")
    text = summary.read_text()
    assert text.startswith("earlier step\n## Link check")
    assert "| broken | 1 |" in text


def test_output_file_and_only(site: srv.LocalServer, tmp_path: Path) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/gone")})
    report = tmp_path / "out.json"
    args = ("--allow-network", "127.0.0.0/8", "-f", "json", "-o", str(report), "--only", "a")
    code, out, _ = invoke(cat, *args)
    assert (code, out) == (0, "")
    assert [r["id"] for r in json.loads(report.read_text())["results"]] == ["a"]


def test_github_annotations_with_a_json_report_in_the_same_run(
    site: srv.LocalServer, tmp_path: Path
) -> None:
    """What the nightly workflow runs: annotations on stdout, the JSON report in a file."""
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/gone")})
    report = tmp_path / "report.json"
    args = ("--allow-network", "127.0.0.0/8", "-f", "github", "--report", str(report))
    code, out, _ = invoke(cat, *args)
    assert code == 1
    assert out.startswith("::error ")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"] == {"ok": 1, "broken": 1}
    assert len(site.requests) >= 2  # one run, both links fetched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.json")] == []


def test_skip_with_reason(site: srv.LocalServer, tmp_path: Path) -> None:
    extra = "    check:\n      skip: true\n      reason: behind a login\n"
    cat = write_catalog(tmp_path / "r.yaml", {"skipme": site.url("/gone")}, extra)
    code, out, _ = invoke(cat, "--allow-network", "127.0.0.0/8", "-f", "json")
    assert code == 0
    assert json.loads(out)["results"][0]["detail"] == "behind a login"
    assert site.requests == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--shard", "3/2"), "K/N"),
        (("--fail-on", "brokn"), "unknown status 'brokn'"),
        (("--allow-network", "nope"), "not an IP network"),
        (("--format", "xml"), "unknown format"),
        (("--only", "missing"), "no resource with id 'missing'"),
        (("--topic", "nothing"), "unknown topic"),
        (("--max-age", "soon"), "not an age"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"a": "https://example.com/"})
    code, _, err = invoke(cat, *args)
    assert code == 2
    assert message in " ".join(err.split())


def test_check_takes_the_filters_of_list(site: srv.LocalServer, tmp_path: Path) -> None:
    """-t/--topic, -k/--kind, -l/--level, --language, --since and --free/--paid, as in list."""
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/gone")})
    text = cat.read_text(encoding="utf-8")
    # b becomes a 2019 Persian advanced video on another topic
    head, _, tail = text.partition("  - id: b\n")
    tail = (
        tail.replace("kind: article", "kind: video")
        .replace("level: beginner", "level: advanced")
        .replace("language: en", "language: fa")
        .replace("year: 2020", "year: 2019")
        .replace("topics: [attention]", "topics: [dna]")
    )
    topics = "  dna:\n    title: DNA\n    description: DNA.\n    aliases: [genomics]\n"
    head = head.replace("resources:\n", topics + "resources:\n")
    cat.write_text(head + "  - id: b\n" + tail, encoding="utf-8")
    for args, ids in [
        (("-t", "genomics"), ["b"]),
        (("--topic", "attention"), ["a"]),
        (("-k", "video"), ["b"]),
        (("-l", "beginner"), ["a"]),
        (("--language", "fa"), ["b"]),
        (("--since", "2020"), ["a"]),
        (("-t", "dna", "-t", "attention", "--kind", "article"), ["a"]),
    ]:
        code, out, err = invoke(cat, "--allow-network", "127.0.0.0/8", "--format", "json", *args)
        assert code in (0, 1), err
        assert [r["id"] for r in json.loads(out)["results"]] == ids, args


def test_unreadable_catalog_exits_2(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("topics: [\n")
    assert invoke(tmp_path / "r.yaml")[0] == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_checks_only_changed_resources(site: srv.LocalServer, tmp_path: Path) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok")})
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "r.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    write_catalog(cat, {"a": site.url("/ok"), "b": site.url("/gone")})
    code, out, _ = invoke(
        cat, "--allow-network", "127.0.0.0/8", "-f", "json", "--changed-since", "HEAD"
    )
    assert code == 1
    assert [r["id"] for r in json.loads(out)["results"]] == ["b"]
    code, _, err = invoke(cat, "--changed-since", "no-such-ref")
    assert code == 2
    assert "no-such-ref" in err


def test_shards_together_cover_every_resource_once(server: Make, tmp_path: Path) -> None:
    hosts = [server({"/ok": srv.status(200)}) for _ in range(4)]
    urls = {f"r{i}": hosts[i % 4].url(f"/ok?{i}") for i in range(8)}
    cat = write_catalog(tmp_path / "r.yaml", urls)
    seen: list[str] = []
    hosts_by_shard: list[set[str]] = []
    for k in (1, 2, 3):
        args = ("--allow-network", "127.0.0.0/8", "-f", "json", "--shard", f"{k}/3")
        code, out, _ = invoke(cat, *args)
        assert code == 0
        ids = [r["id"] for r in json.loads(out)["results"]]
        seen += ids
        hosts_by_shard.append({urls[i].split("/")[2] for i in ids})
    assert sorted(seen) == sorted(urls)
    # a host's resources all land in one shard, so per-host limits hold across CI jobs
    assert sum(len(h) for h in hosts_by_shard) == len(set().union(*hosts_by_shard)) == 4


def test_host_limits_from_the_catalog(server: Make, tmp_path: Path) -> None:
    s = server({f"/{i}": srv.sleep_then(0.05, srv.status(200)) for i in range(6)})
    s.routes["/members"] = srv.status(403)
    extra = f"check:\n  hosts:\n    {s.host}:\n      concurrency: 1\n      accept: [403]\n"
    urls = {f"r{i}": s.url(f"/{i}") for i in range(6)} | {"members": s.url("/members")}
    cat = write_catalog(tmp_path / "r.yaml", urls)
    cat.write_text(extra + cat.read_text())
    code, out, err = invoke(cat, "--allow-network", "127.0.0.0/8", "--per-host", "8", "-f", "json")
    assert code == 0, err
    assert s.max_in_flight == 1
    assert json.loads(out)["summary"] == {"ok": 7}


def test_a_corrupt_cache_is_a_warning(site: srv.LocalServer, tmp_path: Path) -> None:
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok")})
    (tmp_path / "cache.json").write_text("[]")
    code, _, err = invoke(cat, "--allow-network", "127.0.0.0/8")
    assert code == 0
    assert "corrupt" in err
    assert json.loads((tmp_path / "cache.json").read_text())["version"] == 3


def test_default_cache_location(
    site: srv.LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok")})
    result = CliRunner().invoke(
        app, ["check", "-c", str(cat), "--allow-network", "127.0.0.0/8"], env=ENV
    )
    assert result.exit_code == 0
    assert (tmp_path / "xdg" / "catalog" / "linkcheck.json").is_file()
