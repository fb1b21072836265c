"""Small catalogs written as text for the workflow tests: a topic header and entries."""

from __future__ import annotations

HEAD = """\
topics:
  basics:
    title: Basics
    description: First steps.
resources:
"""


def entry(rid: str, url: str, *, title: str | None = None, description: str | None = None) -> str:
    """One valid resource in the ``basics`` topic, as block YAML under ``resources:``."""
    return f"""\
  - id: {rid}
    title: {title or f"Title of {rid}"}
    url: {url}
    kind: article
    topics: [basics]
    authors: [A. Author]
    year: 2020
    level: beginner
    language: en
    description: {description or f"About {rid}."}
"""
