"""Build hook: ship the catalog data inside the wheel.

The source of truth is ``resources.yaml`` (and its JSON Schema) at the top of the repository,
where people edit them. The wheel carries copies under ``catalog/data/`` so that ``catalog search``
works from any folder right after ``pip install``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("resources.yaml", "catalog.schema.json")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "catalog" / "data"
        target.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED:
            source = ROOT / name
            if source.is_file():
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildWithData})
