"""The index cache: JSON, keyed by the catalog's bytes and every module's content, and rebuilt
silently whenever its file is not this catalog's index. Through the installed command."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import catalog

from .helpers import MINIMAL, ROOT, installed_script

OTHER = ROOT / "tests" / "export" / "fixtures" / "catalog.yaml"
PACKAGE = Path(catalog.__file__).resolve().parent


def _run(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CATALOG_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [installed_script(), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _only_file(cache: Path) -> Path:
    files = [p for p in cache.iterdir() if not p.name.startswith(".")]
    assert len(files) == 1, files
    return files[0]


def test_the_cache_file_is_json_naming_its_key(tmp_path: Path) -> None:
    # It was marshal, which a crafted file can use to crash the interpreter.
    cache = tmp_path / "cache"
    assert _run(cache, "list", "-c", str(MINIMAL)).returncode == 0
    data = json.loads(_only_file(cache).read_bytes())
    assert _only_file(cache).name == f"index-{data['key'][:32]}.json"
    assert [r["id"] for r in data["catalog"]["resources"]] == [
        r.id for r in catalog.load(MINIMAL).resources
    ]


def _crafted(right: Path, other: Path) -> Iterator[tuple[str, bytes]]:
    """Files that are not the index of ``right``'s catalog under this code."""
    yield "empty", b""
    yield "truncated", right.read_bytes()[:-40]
    yield "garbage", b"\x00\xff not json at all"
    yield "marshalled code", marshal.dumps(compile("print('hello')", "x", "exec"))
    yield "deep nesting", b"[" * 100_000 + b"]" * 100_000
    yield "another catalog's index", other.read_bytes()
    index = json.loads(right.read_bytes())
    yield "older format", json.dumps({**index, "format": index["format"] - 1}).encode()
    yield "wrong shape", json.dumps({**index, "catalog": {"topics": 1, "resources": "x"}}).encode()
    unknown = {**index, "catalog": {**index["catalog"], "extra": 1}}
    yield "unknown fields", json.dumps(unknown).encode()
    yield "postings of an older format", json.dumps({**index, "postings": {"a": "AA=="}}).encode()
    yield "hits not text", json.dumps({**index, "hits": {"attention": 7}}).encode()
    yield "hits not base64", json.dumps({**index, "hits": "not base64!"}).encode()
    yield "a word without hits", json.dumps({**index, "words": index["words"] + " zebra"}).encode()
    yield "hits past the end", json.dumps({**index, "hits": "AAAA"}).encode()
    yield "another glossary", json.dumps({**index, "glossary": {"zebra": [["zebra"]]}}).encode()


def test_a_corrupt_or_foreign_cache_file_is_rebuilt_silently(tmp_path: Path) -> None:
    cache, other_cache = tmp_path / "cache", tmp_path / "other"
    args = ("list", "--json", "-c", str(MINIMAL))
    clean = _run(cache, *args)
    assert clean.returncode == 0, clean.stderr
    assert _run(other_cache, "list", "-c", str(OTHER)).returncode == 0
    cached = _only_file(cache)
    good = cached.read_bytes()
    for name, content in _crafted(cached, _only_file(other_cache)):
        cached.write_bytes(content)
        again = _run(cache, *args)
        assert (again.returncode, again.stdout, again.stderr) == (0, clean.stdout, ""), name
        assert _only_file(cache) == cached, name
        assert cached.read_bytes() == good, name  # replaced by a good index


def test_a_change_to_any_module_invalidates_the_cache(tmp_path: Path) -> None:
    """The old stamp took the sizes and times of six modules. Here vocab.py, not among them,
    changes without changing its size or time: a kind is renamed, so a catalog that was valid
    is not any more, and the cached "valid" index must not be served."""
    copy = tmp_path / "site" / "catalog"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {
        **os.environ,
        "PYTHONPATH": str(copy.parent),
        "PYTHONDONTWRITEBYTECODE": "1",  # a stale .pyc would hide the edit from Python itself
        "CATALOG_CACHE_DIR": str(tmp_path / "cache"),
    }
    argv = [sys.executable, "-m", "catalog", "list", "--json", "-c", str(MINIMAL)]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )

    where = subprocess.run(
        [sys.executable, "-c", "import catalog; print(catalog.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).parent == copy
    assert run().returncode == 0  # valid; the index is cached
    vocab = copy / "vocab.py"
    before = vocab.stat()
    text = vocab.read_text(encoding="utf-8")
    assert '"paper",' in text
    assert "kind: paper" in MINIMAL.read_text(encoding="utf-8")
    vocab.write_text(text.replace('"paper",', '"pamph",'), encoding="utf-8")
    os.utime(vocab, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert vocab.stat().st_size == before.st_size
    after = run()
    assert after.returncode == 2
    assert "text 'paper' is not one of:" in after.stderr


def test_the_key_covers_every_module_and_the_catalog(tmp_path: Path) -> None:
    from catalog.index import cache_key

    copy = tmp_path / "catalog"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    raw = MINIMAL.read_bytes()
    keys = {cache_key(raw, copy), cache_key(raw + b"\n", copy)}
    for module in ("vocab.py", "identifiers.py", "loader.py", "urls.py", "schema_errors.py"):
        path = copy / module
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        keys.add(cache_key(raw, copy))
        path.write_bytes(original)
    (copy / "cli" / "new_module.py").write_text("X = 1\n", encoding="utf-8")
    keys.add(cache_key(raw, copy))
    assert len(keys) == 8
    assert cache_key(raw, PACKAGE) == cache_key(raw)


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    result = _run(blocker / "cache", "search", "attention", "-c", str(MINIMAL))
    assert result.returncode == 0
    assert "Attention" in result.stdout
    assert list(tmp_path.iterdir()) == [blocker]  # and no temporary file was left anywhere
