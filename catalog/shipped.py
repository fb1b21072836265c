"""Where the catalog that ships with the package lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_catalog_path() -> Path:
    """The packaged ``resources.yaml``: inside the wheel, or at the top of a source checkout."""
    packaged = _PACKAGE / "data" / "resources.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE.parent / "resources.yaml"


def default_catalog_path(cwd: Path | None = None) -> Path:
    """``./resources.yaml`` when there is one, otherwise the packaged copy."""
    local = cwd / "resources.yaml" if cwd else Path("resources.yaml")
    return local if local.is_file() else shipped_catalog_path()
