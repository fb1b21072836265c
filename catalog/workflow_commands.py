"""Escaping for GitHub Actions workflow commands (``::error file=...,line=...::message``).

Used by every command that prints annotations (``validate --format github``, ``check --format
github``, ``report annotations``), so that they agree on what a runner will parse.
"""

from __future__ import annotations


def escape_data(text: str) -> str:
    """The message part: the runner treats %, CR and LF specially there."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=, title=): ':' and ',' would end it early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
