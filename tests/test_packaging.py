"""The package as users get it: the sdist carries the catalog, a wheel built from that sdist
ships it, and the console script installed from that wheel finds it from any folder.

Builds run without isolation (the test extra holds the build backend) and installs use
``--no-index``: nothing here leaves the machine. ``.ci/run`` does the same with a real
``pip install`` of the dependencies into a fresh virtual environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("resources.yaml", "catalog.schema.json")
# What a copy of the source tree leaves out: local environments, caches, npm trees, builds.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", "*.egg-info", "build", "dist", ".*_cache"
)


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _build(kind: str, source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "build", f"--{kind}", "--no-isolation", "--outdir", str(out)]
    return subprocess.run(
        [*command, str(source)], capture_output=True, text=True, check=False, cwd=source
    )


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist built from a copy of this source tree (the build writes egg-info into it)."""
    tree = tmp_path_factory.mktemp("tree") / "catalog"
    shutil.copytree(ROOT, tree, ignore=IGNORED, symlinks=True)
    out = tmp_path_factory.mktemp("dist")
    built = _build("sdist", tree, out)
    assert built.returncode == 0, built.stderr
    (archive,) = out.glob("catalog-*.tar.gz")
    return archive


@pytest.fixture(scope="module")
def wheel(sdist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the unpacked sdist, as ``pip install catalog-X.tar.gz`` does."""
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(sdist) as archive:
        # The "data" filter where this Python has it (3.12+, and 3.10/3.11 security releases).
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(unpacked, **safe)  # type: ignore[arg-type]
    (tree,) = unpacked.iterdir()
    out = tmp_path_factory.mktemp("wheel")
    built = _build("wheel", tree, out)
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("catalog-*.whl")
    return wheel


def test_the_sdist_carries_the_catalog_and_its_schema(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        for name in SHIPPED:
            member = archive.extractfile(f"{top}/{name}")
            assert member is not None, f"{name} is not in the sdist"
            assert member.read() == (ROOT / name).read_bytes()


def test_the_wheel_built_from_the_sdist_ships_the_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in SHIPPED:
            assert archive.read(f"catalog/data/{name}") == (ROOT / name).read_bytes()
    assert {"catalog/py.typed", "catalog/export/templates/page.html"} <= names


def test_the_installed_wheel_searches_from_an_empty_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", wheel)
    # The dependencies come from this test environment, after the fresh site-packages; only
    # site-packages folders process .pth files, so an editable checkout here is not seen there.
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"))
    Path(site.as_posix().strip(), "dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CATALOG_", "PYTHON"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    where = _run(python, "-c", "import catalog; print(catalog.__file__)", cwd=empty, env=env)
    assert Path(where.strip()).resolve().is_relative_to(venv.resolve()), "not the wheel's copy"
    output = _run(venv / "bin" / "catalog", "search", "attention", "--json", cwd=empty, env=env)
    found = json.loads(output)
    assert found["count"] > 0
    assert any("attention" in r["id"] for r in found["results"])


def test_a_build_without_the_catalog_fails_and_says_why(tmp_path: Path) -> None:
    tree = tmp_path / "catalog"
    shutil.copytree(ROOT, tree, ignore=IGNORED, symlinks=True)
    (tree / "resources.yaml").unlink()
    built = _build("wheel", tree, tmp_path / "out")
    assert built.returncode != 0
    assert "cannot build catalog: resources.yaml not found in" in built.stdout + built.stderr
    assert not list((tmp_path / "out").glob("*.whl"))
