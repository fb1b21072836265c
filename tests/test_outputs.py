"""Every command that writes a file goes through the one writer: the installed console script,
run as users run it, against each kind of output path.

Runs that must meet permissions as an unprivileged user does are started, when the suite runs
as root, without the capabilities that let root ignore file modes (``setpriv``).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CURATE = ROOT / "tests" / "curate" / "fixtures"
SCRIPT = shutil.which("catalog", path=str(Path(sys.executable).parent))
# Root keeps its identity (so it can read what the test made) but loses the capabilities that
# let it write where the modes say no.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]

SKIPPED_ONLY = """\
topics:
  attention:
    title: Attention
    description: Attention.
resources:
  - id: login
    title: Behind a login
    url: https://example.org/login
    kind: article
    topics: [attention]
    authors: [A. Author]
    year: 2020
    level: beginner
    language: en
    description: A resource whose link is never checked.
    check:
      skip: true
      reason: behind a login
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CATALOG_")}
    cache = tmp_path_factory.mktemp("cache")
    return {**base, "NO_COLOR": "1", "COLUMNS": "100", "XDG_CACHE_HOME": str(cache)}


@pytest.fixture
def cat(tmp_path: Path) -> Path:
    """A catalog whose only link is skipped: `check` runs without any network traffic."""
    path = tmp_path / "cat.yaml"
    path.write_text(SKIPPED_ONLY, encoding="utf-8")
    return path


def catalog(
    env: dict[str, str],
    *args: str | Path,
    umask: int | None = None,
    unprivileged: bool = False,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None, "the catalog console script is not installed in this venv"
    command = [SCRIPT, *map(str, args)]
    if umask is not None:
        command = ["sh", "-c", f'umask {umask:03o} && exec "$0" "$@"', *command]
    if unprivileged and os.geteuid() == 0:
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to drop root's powers"
        command = [*UNPRIVILEGED, *command]
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )


def one_error_line(result: subprocess.CompletedProcess[str], starting: str) -> None:
    """Exit 2 with exactly one `error:` line, and no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {starting}"), errors[0]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- /dev/stdout, FIFOs and devices are written into, never replaced ----------------------------


def test_export_to_dev_stdout_prints_and_leaves_dev_alone(
    env: dict[str, str], cat: Path, tmp_path: Path
) -> None:
    result = catalog(env, "export", "-f", "csv", "-c", cat, "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id,title,url,")
    assert "login,Behind a login" in result.stdout
    assert Path("/dev/stdout").is_symlink()
    assert not list(Path("/dev").glob(".stdout.*"))
    # The same through a link of one's own (before, the link became a 0600 file).
    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    result = catalog(env, "export", "-f", "csv", "-c", cat, "-o", link)
    assert result.returncode == 0, result.stderr
    assert "login,Behind a login" in result.stdout
    assert link.is_symlink()


def test_export_into_a_fifo_feeds_its_reader(
    env: dict[str, str], cat: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = catalog(env, "export", "-f", "csv", "-c", cat, "-o", fifo)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert received
    assert received[0].startswith(b"id,title,url,")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(("name", "minor"), [("null", 3), ("full", 7)])
def test_export_into_a_device(
    env: dict[str, str], cat: Path, tmp_path: Path, name: str, minor: int
) -> None:
    node = tmp_path / name
    try:  # a fresh node where the process may make one (root); the system's own otherwise
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        node = Path("/dev") / name
    result = catalog(env, "export", "-f", "json", "-c", cat, "-o", node)
    if name == "full":
        one_error_line(result, f"cannot write {node}: No space left on device")
    else:
        assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert names(tmp_path) == (["cat.yaml", name] if node.parent == tmp_path else ["cat.yaml"])


# --- symbolic links are written through ---------------------------------------------------------

MARKED = "# Read me\n\n<!-- catalog:start -->\nold\n<!-- catalog:end -->\n"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-o", "{link}"],
        ["export", "--inject", "{link}"],
        ["check", "--no-cache", "-o", "{link}"],
        ["check", "--no-cache", "--report", "{link}"],
    ],
    ids=["export -o", "export --inject", "check -o", "check --report"],
)
def test_outputs_write_through_a_symlink(
    env: dict[str, str], cat: Path, tmp_path: Path, command: list[str]
) -> None:
    real = tmp_path / "docs" / "list.md"
    real.parent.mkdir()
    real.write_text(MARKED, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(Path("docs") / "list.md")
    args = [part.format(link=link) for part in command]
    result = catalog(env, *args, "-c", cat)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    text = real.read_text(encoding="utf-8")
    assert text != MARKED
    assert "login" in text or "Behind a login" in text
    assert names(tmp_path) == ["cat.yaml", "docs", "link.md"]
    assert names(real.parent) == ["list.md"]


def test_report_merge_writes_through_a_symlink_and_keeps_the_umask(
    env: dict[str, str], cat: Path, tmp_path: Path
) -> None:
    shard = tmp_path / "shard.json"
    assert catalog(env, "check", "--no-cache", "--report", shard, "-c", cat).returncode == 0
    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "merged.json"
    link.symlink_to(real)
    assert catalog(env, "report", "merge", shard, "-o", link).returncode == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["results"][0]["id"] == "login"
    new = tmp_path / "new.json"
    assert catalog(env, "report", "merge", shard, "-o", new, umask=0o022).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


# --- new files respect the umask ----------------------------------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_check_outputs_respect_the_umask(
    env: dict[str, str], cat: Path, tmp_path: Path, mask: int, mode: int
) -> None:
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    result = catalog(
        env, "check", "--no-cache", "-c", cat, "-o", out, "--report", report, umask=mask
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert stat.S_IMODE(report.stat().st_mode) == mode
    exported = tmp_path / "export.md"
    assert catalog(env, "export", "-c", cat, "-o", exported, umask=mask).returncode == 0
    assert stat.S_IMODE(exported.stat().st_mode) == mode


# --- read-only files and the input itself are refused -------------------------------------------


@pytest.mark.parametrize("unprivileged", [False, True], ids=["as this user", "unprivileged"])
def test_export_onto_a_read_only_file_is_refused(
    env: dict[str, str], cat: Path, tmp_path: Path, unprivileged: bool
) -> None:
    target = tmp_path / "ro.yaml"
    target.write_text(SKIPPED_ONLY, encoding="utf-8")
    target.chmod(0o444)
    result = catalog(env, "export", "-f", "csv", "-c", cat, "-o", target, unprivileged=unprivileged)
    one_error_line(result, f"cannot write {target}: the file is read-only")
    assert f"chmod u+w {target}" in result.stderr
    assert target.read_text(encoding="utf-8") == SKIPPED_ONLY
    assert names(tmp_path) == ["cat.yaml", "ro.yaml"]


def test_another_users_file_is_not_replaced_through_the_folder(
    env: dict[str, str], cat: Path, tmp_path: Path
) -> None:
    """The rename needs only the folder's permission; the file's own must be honoured."""
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    target = tmp_path / "theirs.csv"
    target.write_text("theirs", encoding="utf-8")
    os.chown(target, 4321, 4321)
    result = catalog(env, "export", "-f", "csv", "-c", cat, "-o", target, unprivileged=True)
    one_error_line(result, f"cannot write {target}: Permission denied")
    assert target.read_text(encoding="utf-8") == "theirs"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-f", "csv", "-o", "{same}"],
        ["export", "-f", "csv", "-o", "{link}"],
        ["check", "--no-cache", "-o", "{same}"],
        ["check", "--no-cache", "--report", "{same}"],
    ],
)
def test_the_catalog_being_read_is_never_the_output(
    env: dict[str, str], cat: Path, tmp_path: Path, command: list[str]
) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(cat)
    args = [part.format(same=cat, link=link) for part in command]
    result = catalog(env, *args, "-c", cat)
    target = link if "{link}" in command else cat
    one_error_line(result, f"cannot write {target}: it is the file this command reads")
    assert cat.read_text(encoding="utf-8") == SKIPPED_ONLY
    assert names(tmp_path) == ["cat.yaml", "link.yaml"]


def test_the_default_catalog_is_never_the_output(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "resources.yaml").write_text(SKIPPED_ONLY, encoding="utf-8")
    result = catalog(env, "export", "-f", "json", "-o", "resources.yaml", cwd=tmp_path)
    one_error_line(result, "cannot write resources.yaml: it is the file this command reads")
    assert (tmp_path / "resources.yaml").read_text(encoding="utf-8") == SKIPPED_ONLY


# --- curation commands: one line and exit 2 when the catalog cannot be written ------------------


def _curation(command: str, tmp_path: Path) -> tuple[str, list[str]]:
    """The fixture the command edits, and its arguments (each makes a change)."""
    report = tmp_path / "check.json"
    result = {"id": "illustrated", "url": "https://jalammar.github.io/illustrated-transformer/"}
    result |= {"status": "redirected", "final_url": "https://e.org/moved"}
    report.write_text(json.dumps({"summary": {}, "results": [result]}), encoding="utf-8")
    add = ["add", "https://e.org/new", "--no-fetch", "--yes", "--title", "New", "--topic", "code"]
    add += ["--level", "beginner", "--year", "2024", "--author", "A", "--description", "New."]
    return {
        "fmt": ("messy.yaml", ["fmt"]),
        "add": ("commented.yaml", add),
        "fix": ("commented.yaml", ["fix", "--report", str(report), "--yes", "--no-archive"]),
        "import": ("commented.yaml", ["import", str(CURATE / "awesome-transformers.md")]),
    }[command]


@pytest.mark.parametrize("command", ["fmt", "add", "fix", "import"])
def test_curation_in_a_folder_it_cannot_write(
    env: dict[str, str], tmp_path: Path, command: str
) -> None:
    fixture, args = _curation(command, tmp_path)
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "c.yaml"
    shutil.copyfile(CURATE / fixture, path)
    folder.chmod(0o555)
    try:
        result = catalog(env, *args, "-c", path, unprivileged=True)
    finally:
        folder.chmod(0o755)
    one_error_line(result, f"cannot write {path}: Permission denied")
    assert "make the folder writable" in result.stderr
    assert path.read_bytes() == (CURATE / fixture).read_bytes()
    assert names(folder) == ["c.yaml"]


@pytest.mark.parametrize("command", ["fmt", "add"])
def test_curation_refuses_a_read_only_catalog(
    env: dict[str, str], tmp_path: Path, command: str
) -> None:
    fixture, args = _curation(command, tmp_path)
    path = tmp_path / "c.yaml"
    shutil.copyfile(CURATE / fixture, path)
    path.chmod(0o444)
    result = catalog(env, *args, "-c", path)
    one_error_line(result, f"cannot write {path}: the file is read-only")
    assert path.read_bytes() == (CURATE / fixture).read_bytes()


# --- the link-check cache -----------------------------------------------------------------------


def test_an_unwritable_cache_is_a_warning_and_a_linked_one_is_written_through(
    env: dict[str, str], cat: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = catalog(env, "check", "-c", cat, "--cache", blocker / "cache.json")
    assert result.returncode == 0, result.stderr
    assert f"cannot write {blocker / 'cache.json'}: Not a directory" in result.stderr
    assert "Traceback" not in result.stderr
    real = tmp_path / "real-cache.json"
    link = tmp_path / "cache.json"
    link.symlink_to(real)
    assert catalog(env, "check", "-c", cat, "--cache", link).returncode == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["version"] == 3
