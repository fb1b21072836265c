"""The README is a short front door, and it is what PyPI shows.

It keeps the two first-screen commands verbatim (CI runs the second one as written), stays
under 40 KB, and leaves the resource list to its own files.
"""

from __future__ import annotations

import re
import sys

from .refresh import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before Python 3.11
    import tomli as tomllib

README = ROOT / "README.md"
INSTALL_AND_SEARCH = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && catalog search attention"
)
INSTALL_AND_TEST = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && pytest"
)
LIMIT = 40_000  # bytes


def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```$", text, re.M | re.S)


def test_the_readme_is_at_most_40_kb() -> None:
    size = len(README.read_bytes())
    assert size <= LIMIT, f"README.md is {size:,} bytes; the reference belongs under docs/"


def test_the_first_screen_has_the_two_commands_verbatim() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = _sh_blocks(text)
    assert blocks[:2] == [INSTALL_AND_SEARCH + "\n", INSTALL_AND_TEST + "\n"]
    first_screen = text.splitlines()[:25]
    assert INSTALL_AND_SEARCH in first_screen
    assert INSTALL_AND_TEST in first_screen


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert INSTALL_AND_TEST in script.splitlines()


def test_the_readme_points_to_both_lists_and_holds_neither() -> None:
    text = README.read_text(encoding="utf-8")
    assert "<!-- catalog:start -->" not in text
    for name in ("resources.en", "resources.fa"):
        assert f"](https://transformers-catalog.github.io/catalog/{name}/)" in text
        assert f"/blob/main/docs/{name}.md)" in text


def test_pypi_describes_the_package_with_the_short_readme() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["readme"] == "README.md"
