"""Build hook: ship the catalog data inside the wheel.

The source of truth is ``resources.yaml`` (and its JSON Schema) at the top of the repository,
where people, ``action.yml`` and the pre-commit hooks expect them. ``MANIFEST.in`` puts both in
the sdist; the wheel carries copies under ``catalog/data/`` so that ``catalog search`` works from
any folder right after ``pip install``. A missing file stops the build: a wheel without its
catalog installs fine and then fails for every user.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import FileError

ROOT = Path(__file__).resolve().parent
SHIPPED = ("resources.yaml", "catalog.schema.json")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        missing = [name for name in SHIPPED if not (ROOT / name).is_file()]
        if missing:
            raise FileError(
                f"cannot build catalog: {', '.join(missing)} not found in {ROOT}; the wheel ships "
                "the catalog data (an sdist must list it in MANIFEST.in)"
            )
        target = Path(self.build_lib) / "catalog" / "data"
        target.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED:
            shutil.copyfile(ROOT / name, target / name)


setup(cmdclass={"build_py": BuildWithData})
