"""The one writer: every file the package writes (exports, reports, caches, edited catalogs)
goes through :func:`write_text` or :func:`write_bytes`.

What happens depends on what the path names:

- a regular file, or a new one: the bytes go to a temporary file in the same folder, are
  synced, then ``os.replace`` swaps it in, so a reader sees the old file or the new one, never
  half of one. An existing file keeps its mode (and its owner where the process may set it);
  a new one gets ``0o666`` less the umask, as any program's new file does.
- a symbolic link: the same, at the file it finally points to; the link stays a link.
- anything else that exists (a FIFO, a terminal, ``/dev/null``, ``/dev/stdout`` and the other
  names of an open descriptor): opened and written directly, never renamed over.

It refuses, raising :class:`~catalog.errors.OutputError` and changing nothing:

- a file that has no write bit at all, even when the process could write it anyway (root),
  unless ``force=True``;
- a file the process may not write (without ``force``), though the rename would only need the
  folder's permission;
- the file given as ``source``: the input the command is reading (``export -o resources.yaml``).

Any ``OSError`` (a missing folder, a path under a file, no permission, a full disk...) becomes
an :class:`~catalog.errors.OutputError` naming the path and the reason. When a regular file
cannot be replaced, whatever the cause (Ctrl-C included), the temporary file is removed and
the target is byte-identical; a stream written into may have received part of the text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from catalog.errors import OutputError

__all__ = ["check_writable", "write_bytes", "write_text"]

# Extra words for the reasons people meet most, keyed by errno: how to fix it.
_HINTS = {
    errno.ENOSPC: "free some disk space and run the command again",
    errno.EDQUOT: "the disk quota is used up; free some space and run the command again",
    errno.EROFS: "the file system is mounted read-only; choose another path",
    errno.EISDIR: "name a file, not a folder",
}


def write_text(
    path: Path,
    text: str,
    *,
    force: bool = False,
    source: Path | None = None,
    encoding: str = "utf-8",
) -> None:
    """Write ``text`` to ``path`` in ``encoding``, exactly as given (no newline translation).

    See the module docstring for what happens and what is refused. Raises
    :class:`~catalog.errors.OutputError`.
    """
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(path, f"the text cannot be encoded as {encoding}: {exc.reason}") from None
    write_bytes(path, data, force=force, source=source)


def write_bytes(
    path: Path, data: bytes, *, force: bool = False, source: Path | None = None
) -> None:
    """Write ``data`` to ``path``; see the module docstring. Raises
    :class:`~catalog.errors.OutputError`."""
    path = Path(path)
    try:
        current = _stat(path)
        if current is not None:
            _refuse(path, current, force=force, source=source)
        if current is not None and stat.S_ISDIR(current.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if _is_descriptor_name(path) or (current is not None and not _is_regular(current)):
            _write_directly(path, data, truncate=current is not None and _is_regular(current))
        else:
            target = Path(os.path.realpath(path)) if path.is_symlink() else path
            _replace(path, target, data, current)
    except OSError as exc:
        raise _output_error(path, exc) from None


def check_writable(path: Path, *, force: bool = False, source: Path | None = None) -> None:
    """Raise :class:`~catalog.errors.OutputError` now when writing ``path`` later would be
    refused or fail for a reason already known: it is ``source``, read-only, a folder, or its
    folder is missing, not a folder or not writable. For commands that work a long time before
    they write (``catalog check``). Nothing is created; a full disk still shows at writing."""
    path = Path(path)
    folder: Path | None = None
    try:
        current = _stat(path)
        if current is not None:
            _refuse(path, current, force=force, source=source)
            if stat.S_ISDIR(current.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            return
        folder = Path(os.path.realpath(path)).parent
        if not stat.S_ISDIR(folder.stat().st_mode):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        effective = os.access in os.supports_effective_ids
        if not os.access(folder, os.W_OK | os.X_OK, effective_ids=effective):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as exc:
        raise _output_error(path, exc, folder=folder) from None


def _stat(path: Path) -> os.stat_result | None:
    """The file ``path`` leads to (symbolic links followed), or None when there is none yet."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None  # a new file, or a link to one


def _is_regular(status: os.stat_result) -> bool:
    return stat.S_ISREG(status.st_mode)


def _refuse(path: Path, current: os.stat_result, *, force: bool, source: Path | None) -> None:
    """Raise OutputError when the existing file must not be written."""
    if source is not None:
        with contextlib.suppress(OSError):
            theirs = Path(source).stat()
            if (theirs.st_dev, theirs.st_ino) == (current.st_dev, current.st_ino):
                same = str(source) == str(path)
                reads = "it is the file this command reads" + ("" if same else f", {source}")
                raise OutputError(path, reads, "choose another output file")
    if force or stat.S_ISDIR(current.st_mode):
        return
    if not current.st_mode & 0o222:
        raise OutputError(
            path,
            "the file is read-only",
            f"make it writable with 'chmod u+w {path}', or choose another file",
        )
    if _is_regular(current) and not _may_write(path):
        # The rename would only need the folder's permission: check the file's own.
        raise OutputError(
            path,
            os.strerror(errno.EACCES),
            "this user may not write the file; check its owner and permissions",
        )


def _may_write(path: Path) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective)


def _is_descriptor_name(path: Path) -> bool:
    """True for names of an open file descriptor: ``/dev/stdout``, ``/dev/stderr``,
    ``/dev/fd/N``, ``/proc/PID/fd/N`` and links to them. Writing there means writing to the
    caller's stream, even when it is redirected to a regular file; so it is opened, as ``cp``
    and ``tee`` do, never replaced."""
    current = Path(os.path.normpath(path.absolute()))
    for _ in range(40):  # the kernel's own limit on links followed
        parts = current.parts
        if parts[:3] == ("/", "dev", "fd") or (parts[1:2] == ("proc",) and parts[3:4] == ("fd",)):
            return True
        try:
            link = current.readlink()
        except OSError:  # not a link (or gone): the end of the chain
            return False
        current = Path(os.path.normpath(current.parent / link))
    return False


def _write_directly(path: Path, data: bytes, *, truncate: bool) -> None:
    """Open what ``path`` names and write ``data`` into it (a FIFO, a device, a stream)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | (os.O_TRUNC if truncate else 0)
    descriptor = os.open(path, flags)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _replace(path: Path, target: Path, data: bytes, current: os.stat_result | None) -> None:
    """Write ``target`` (what ``path`` leads to) through a temporary file in its folder and
    ``os.replace``."""
    try:
        descriptor, temporary = _temporary_beside(target)
    except OSError as exc:
        raise _output_error(path, exc, folder=target.parent) from None
    try:
        try:
            _write_all(descriptor, data)
            if current is not None:
                _keep_owner_and_mode(descriptor, current)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(target.parent)


def _temporary_beside(target: Path) -> tuple[int, Path]:
    """A new, empty file next to ``target``, open for writing.

    Created with mode 0o666 so that the kernel applies the umask (and a folder's default ACL),
    as it does for any new file; ``tempfile.mkstemp`` would give 0o600.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = target.parent / f".{target.name[:200]}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file")


def _keep_owner_and_mode(descriptor: int, current: os.stat_result) -> None:
    chown = getattr(os, "fchown", None)
    if chown is not None:
        # Only root can give a file away; others keep their own ownership, which is fine.
        with contextlib.suppress(OSError):
            chown(descriptor, current.st_uid, current.st_gid)
    chmod = getattr(os, "fchmod", None)
    if chmod is not None:  # after chown, which clears the set-id bits
        chmod(descriptor, stat.S_IMODE(current.st_mode))


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; best effort (some systems cannot open a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _output_error(path: Path, exc: OSError, *, folder: Path | None = None) -> OutputError:
    """``exc`` as one line naming ``path``; ``folder`` is where the temporary file was to be
    created, when that is what failed."""
    reason = exc.strerror or str(exc)
    hint = _HINTS.get(exc.errno or 0)
    if exc.errno == errno.ENOTDIR:
        hint = "a part of the path is a file, not a folder"
    elif folder is not None and exc.errno == errno.ENOENT:
        hint = f"the folder {folder} does not exist; create it first"
    elif folder is not None and exc.errno in (errno.EACCES, errno.EPERM):
        hint = f"a new file is written in {folder}, then renamed: make the folder writable"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        hint = "check the permissions of the file and of its folder"
    return OutputError(path, reason, hint)
