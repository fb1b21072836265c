"""`catalog check` as a process: the installed console script, Ctrl-C, the progress display,
start-up, the system trust store, and what the checker leaves alone outside the package."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import server as srv
from .test_cli import ENV, write_catalog

Make = Callable[..., srv.LocalServer]


def _script() -> str:
    found = Path(sys.executable).with_name("catalog")
    return str(found) if found.exists() else "catalog"


def test_console_script_and_ctrl_c(server: Make, tmp_path: Path) -> None:
    s = server({"/ok": srv.status(200), "/slow": srv.sleep_then(60, srv.status(200))})
    urls = {"fast": s.url("/ok")} | {f"slow{i}": s.url(f"/slow?{i}") for i in range(3)}
    cat = write_catalog(tmp_path / "r.yaml", urls)
    cache = tmp_path / "cache.json"
    args = [_script(), "check", "-c", str(cat), "--allow-network", "127.0.0.0/8", "-f", "json"]
    args += ["--cache", str(cache), "--timeout", "120"]
    out, err = _interrupt(args, s)
    data = json.loads(out)
    assert data["interrupted"] is True
    assert [r["id"] for r in data["results"]] == ["fast"]
    assert err.splitlines()[-1] == (
        "interrupted after 1 of 4 links (3 not checked): 1 ok; 0 failing; "
        "what was checked is in the cache"
    )
    assert s.url("/ok") in json.loads(cache.read_text())["entries"]


def test_an_interrupted_table_report_says_so_once(server: Make, tmp_path: Path) -> None:
    """The default report: how many of how many were checked, said once across stdout and
    stderr (it was said twice, as '1 links: ...' without the links left unchecked)."""
    s = server({"/gone": srv.status(404), "/slow": srv.sleep_then(60, srv.status(200))})
    urls = {"gone": s.url("/gone")} | {f"slow{i}": s.url(f"/slow?{i}") for i in range(8)}
    cat = write_catalog(tmp_path / "r.yaml", urls)
    args = [_script(), "check", "-c", str(cat), "--allow-network", "127.0.0.0/8", "--no-cache"]
    out, err = _interrupt([*args, "--timeout", "120", "--per-host", "16"], s, requests=9)
    both = out + err
    assert both.lower().count("interrupted") == 1, both
    assert (
        err.splitlines()[-1]
        == "interrupted after 1 of 9 links (8 not checked): 1 broken; 1 failing"
    )
    assert "1 links" not in both
    assert out.splitlines()[1].startswith("broken\t6\tgone\t")


def _interrupt(args: list[str], s: srv.LocalServer, requests: int = 4) -> tuple[str, str]:
    """Run a check, press Ctrl-C (SIGINT) once ``requests`` requests arrived; expect 130."""
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **ENV},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(s.requests) < requests:
        time.sleep(0.05)
    assert len(s.requests) >= requests, "the slow requests never arrived"
    time.sleep(0.3)  # the fast results are in
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    return out, err


def _run_script(
    args: list[str], env: dict[str, str] | None = None, *, python: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The installed console script; ``python`` flags run it under this interpreter with them
    (not ``-m catalog``, which from the repository root would import the source tree)."""
    script = shutil.which(_script()) or _script()
    command = [sys.executable, *python, script] if python else [script]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV, **(env or {})},
        timeout=60,
        check=False,
    )


def test_progress_bar_on_a_terminal(server: Make, tmp_path: Path) -> None:
    """With stderr on a terminal, Rich draws the bar: done/total, rate, ETA and failures."""
    import pty

    s = server({"/slow": srv.sleep_then(0.4, srv.status(200)), "/gone": srv.status(404)})
    urls = {f"r{i}": s.url(f"/slow?{i}") for i in range(4)} | {"gone": s.url("/gone")}
    cat = write_catalog(tmp_path / "r.yaml", urls)
    parent, child = pty.openpty()
    proc = subprocess.Popen(
        [_script(), "check", "-c", str(cat), "--no-cache", "--allow-network", "127.0.0.0/8"],
        stdout=subprocess.DEVNULL,
        stderr=child,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "xterm"},
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(parent)
    assert proc.wait(timeout=30) == 1
    text = seen.decode("utf-8", "replace")
    assert "checking" in text
    assert "/5" in text  # done/total
    assert "links/s" in text
    assert "failing" in text


def test_plain_progress_and_a_lean_start_up(
    site: srv.LocalServer, tmp_path: Path, typer_imports: frozenset[str]
) -> None:
    """Not on a terminal: plain progress lines; and a check imports only what it uses."""
    cat = write_catalog(tmp_path / "r.yaml", {"a": site.url("/ok"), "b": site.url("/ok?2")})
    args = ["check", "-c", str(cat), "--no-cache", "--allow-network", "127.0.0.0/8", "-f", "json"]
    env = {"CATALOG_CACHE_DIR": str(tmp_path / "index")}
    assert _run_script(args, env).returncode == 0  # builds the query index once
    result = _run_script(args, env, python=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    assert "checked 2/2 links, 0 failing so far" in result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert {"httpx", "httpx_aiohttp", "aiohttp"} <= imported  # one client, one transport
    unused = {"httpcore", "rich", "pydantic", "catalog.cli.export", "catalog.cli.curate"}
    # httpx imports its own command line (click, rich, pygments) when click is installed, as
    # the docs extra does in the test environment; that is httpx's doing, not ours.
    probe = "import sys, httpx; print(' '.join(sys.modules))"
    by_httpx = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.split()
    )
    assert imported & (unused - by_httpx - typer_imports) == set()  # Typer 0.29+: Pydantic


def test_https_uses_the_system_trust_store(server: Make, tmp_path: Path) -> None:
    """https links are verified against the system trust store: a CA named by SSL_CERT_FILE
    makes the link ok, and without it the same link is a TLS failure."""
    import ssl

    import trustme

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.9").configure_cert(context)
    s = server({"/": srv.status(200)}, host="127.0.0.9", ssl_context=context)
    cat = write_catalog(tmp_path / "r.yaml", {"tls": s.url("/")})
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    args = ["check", "-c", str(cat), "--no-cache", "--allow-network", "127.0.0.9/32", "-f", "json"]
    trusted = _run_script(args, {"SSL_CERT_FILE": str(bundle)})
    assert trusted.returncode == 0, trusted.stderr
    assert json.loads(trusted.stdout)["summary"] == {"ok": 1}
    untrusted = _run_script(args, {"SSL_CERT_FILE": str(tmp_path / "none.pem")})
    assert untrusted.returncode == 1
    assert "TLS failure" in json.loads(untrusted.stdout)["results"][0]["detail"]


def test_importing_and_running_the_checker_changes_nothing_outside_the_package(
    tmp_path: Path,
) -> None:
    """No patched standard-library class, no collector switched off: after importing every
    module of the package and after a check, ssl.SSLContext is untouched, gc is on, and aiohttp's own TLS contexts still hold
    the trust store (a program using aiohttp after us must not lose its CAs)."""
    import trustme

    bundle = tmp_path / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(bundle))
    catalog = write_catalog(tmp_path / "r.yaml", {"a": "http://127.0.0.1:9/"})
    code = (
        "import gc, importlib, pkgutil, socket, ssl, sys\n"
        "before = dict(vars(ssl.SSLContext)), dict(vars(socket.socket))\n"
        "import catalog\n"
        "for module in pkgutil.walk_packages(catalog.__path__, 'catalog.'):\n"
        "    importlib.import_module(module.name)\n"
        "assert (dict(vars(ssl.SSLContext)), dict(vars(socket.socket))) == before\n"
        "assert gc.isenabled()\n"
        "from catalog.cli.app import main\n"
        f"sys.argv = ['catalog', 'check', '-c', {str(catalog)!r}, '--no-cache', '--retries', '0']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 1, exc.code\n"
        "assert (dict(vars(ssl.SSLContext)), dict(vars(socket.socket))) == before\n"
        "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
        "import aiohttp.connector as c\n"
        "assert c._SSL_CONTEXT_VERIFIED.cert_store_stats()['x509_ca'] == 1\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "SSL_CERT_FILE": str(bundle), "SSL_CERT_DIR": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
