"""Writing an export to disk: all or nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from catalog.export.errors import OutputError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    ``os.replace`` swaps it in at once, so readers see the old file or the new one, never half
    of one; an existing file keeps its permissions. On failure nothing is left behind.
    """
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            temporary.chmod(path.stat().st_mode & 0o7777)
        except FileNotFoundError:  # a new file gets the usual permissions, not mkstemp's 0600
            temporary.chmod(0o666 & ~_umask())
        temporary.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise OutputError(f"{path}: cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
