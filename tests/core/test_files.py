"""The one writer (catalog.files): what it does for each kind of path, and what it refuses.

These call the library in-process; tests/test_outputs.py runs the commands that use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.errors import CatalogError, OutputError
from catalog.files import check_writable, write_bytes, write_text


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device to write to: a fresh node (1, minor) when the process may make one
    (root), else the system's own, which an unprivileged writer could not replace anyway."""
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        return Path("/dev") / name
    return node


# --- regular files ------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    target = tmp_path / "new.txt"
    with umask(mask):
        write_text(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert names(tmp_path) == ["new.txt"]


def test_an_existing_file_is_replaced_whole_and_keeps_its_mode_and_owner(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    if os.geteuid() == 0:  # only root can give a file away; then the new file must follow
        os.chown(target, 4321, 4321)
    before = target.stat()
    write_text(target, "new\r\nline")  # written as given: no newline translation
    after = target.stat()
    assert target.read_bytes() == b"new\r\nline"
    assert after.st_ino != before.st_ino  # replaced, not rewritten in place
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (
        0o640,
        before.st_uid,
        before.st_gid,
    )
    assert names(tmp_path) == ["out.txt"]


def test_bytes_and_other_encodings(tmp_path: Path) -> None:
    write_bytes(tmp_path / "b.bin", b"\x00\xff")
    write_text(tmp_path / "l.txt", "café", encoding="latin-1")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "l.txt").read_bytes() == b"caf\xe9"
    with pytest.raises(OutputError, match=r"cannot write .*x\.txt: the text cannot be encoded"):
        write_text(tmp_path / "x.txt", "ترنسفورمر", encoding="ascii")
    assert not (tmp_path / "x.txt").exists()


# --- symbolic links -----------------------------------------------------------------------------


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "list.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o604)
    link = tmp_path / "link.md"
    link.symlink_to(Path("real") / "list.md")  # relative, as people make them
    chained = tmp_path / "chained.md"
    chained.symlink_to(link)
    write_text(chained, "new")
    assert chained.is_symlink()
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o604
    assert names(real.parent) == ["list.md"]  # the temporary file was beside the target
    assert names(tmp_path) == ["chained.md", "link.md", "real"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    write_text(link, "new")
    assert link.is_symlink()
    assert (tmp_path / "made.md").read_text(encoding="utf-8") == "new"


# --- things that are not regular files ----------------------------------------------------------


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_text(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert names(tmp_path) == ["pipe"]


def test_a_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    write_text(null, "discarded")
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert [p for p in tmp_path.iterdir() if p.name != "null"] == []


def test_a_full_device_gives_one_line(tmp_path: Path) -> None:
    full = device(tmp_path, "full", 7)
    with pytest.raises(OutputError) as caught:
        write_text(full, "x" * 10_000)
    assert str(caught.value) == (
        f"cannot write {full}: No space left on device "
        "(free some disk space and run the command again)"
    )
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_the_name_of_an_open_descriptor_is_written_into(tmp_path: Path) -> None:
    """``/dev/stdout`` and friends are the caller's stream, even when it is a regular file."""
    read_end, write_end = os.pipe()
    try:
        write_text(Path(f"/proc/self/fd/{write_end}"), "to the pipe")
        os.close(write_end)
        assert os.read(read_end, 100) == b"to the pipe"
    finally:
        os.close(read_end)
        with contextlib.suppress(OSError):
            os.close(write_end)
    redirected = tmp_path / "redirected.txt"
    redirected.write_text("old content", encoding="utf-8")
    link = tmp_path / "stdout"
    with redirected.open("ab") as stream:
        link.symlink_to(f"/dev/fd/{stream.fileno()}")
        inode = redirected.stat().st_ino
        write_text(link, "new")
    assert redirected.read_text(encoding="utf-8") == "new"
    assert redirected.stat().st_ino == inode  # the open file itself, not a replacement
    assert names(tmp_path) == ["redirected.txt", "stdout"]


# --- refusals -----------------------------------------------------------------------------------


def test_a_read_only_file_is_refused_even_for_root_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "ro.yaml"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(OutputError) as caught:
        write_text(target, "csv")
    assert str(caught.value) == (
        f"cannot write {target}: the file is read-only "
        f"(make it writable with 'chmod u+w {target}', or choose another file)"
    )
    assert caught.value.path == target
    assert target.read_text(encoding="utf-8") == "keep me"
    write_text(target, "forced", force=True)
    assert target.read_text(encoding="utf-8") == "forced"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert names(tmp_path) == ["ro.yaml"]


def test_a_read_only_target_behind_a_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ro.md"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="the file is read-only"):
        write_text(link, "new")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_the_input_is_never_the_output(tmp_path: Path) -> None:
    source = tmp_path / "resources.yaml"
    source.write_text("topics: {}\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(source)
    os.link(source, tmp_path / "hard.yaml")
    for alias in ("resources.yaml", "link.yaml", "hard.yaml"):
        with pytest.raises(OutputError, match="it is the file this command reads"):
            write_text(tmp_path / alias, "a,b\n", source=source, force=True)
    assert source.read_text(encoding="utf-8") == "topics: {}\n"
    write_text(tmp_path / "other.csv", "a,b\n", source=source)  # any other file is fine


# --- OS errors become one line, and nothing is left behind ---------------------------------------


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        (
            "missing/out.md",
            "No such file or directory (the folder {tmp}/missing does not exist; create it first)",
        ),
        ("a-file/out.md", "Not a directory (a part of the path is a file, not a folder)"),
        ("a-folder", "Is a directory (name a file, not a folder)"),
    ],
)
def test_os_errors_name_the_path_and_the_reason(
    tmp_path: Path, relative: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(OutputError) as caught:
        write_text(tmp_path / relative, "text")
    expected = f"cannot write {tmp_path / relative}: {message.format(tmp=tmp_path)}"
    assert str(caught.value) == expected
    assert isinstance(caught.value, CatalogError)
    assert names(tmp_path) == ["a-file", "a-folder"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failure_midway_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path if failing == "replace" else os, failing, full)
    with pytest.raises(OutputError, match=r"out\.txt: No space left on device"):
        write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_ctrl_c_midway_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old bytes")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path if failing == "replace" else os, failing, interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes(target, b"new bytes")
    assert target.read_bytes() == b"old bytes"
    assert names(tmp_path) == ["out.txt"]


def test_check_writable_says_early_what_writing_would_say_and_creates_nothing(
    tmp_path: Path,
) -> None:
    check_writable(tmp_path / "new.txt")  # a new file in an existing folder
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    check_writable(blocker)  # an existing file
    cases = {
        tmp_path / "missing" / "out.txt": "does not exist; create it first",
        blocker / "out.txt": "a part of the path is a file, not a folder",
        tmp_path: "name a file, not a folder",
    }
    for path, hint in cases.items():
        with pytest.raises(OutputError) as caught:
            check_writable(path)
        assert hint in str(caught.value)
        with pytest.raises(OutputError) as written:
            write_text(path, "x")
        assert hint in str(written.value)  # the same reason as the write itself gives
    with pytest.raises(OutputError, match="the file this command reads"):
        check_writable(blocker, source=blocker)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
