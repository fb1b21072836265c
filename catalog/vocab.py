"""The closed vocabularies of the schema, importable without Pydantic (the CLI's fast path)."""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal[
    "video",
    "playlist",
    "course",
    "book",
    "article",
    "paper",
    "tutorial",
    "repository",
    "interactive",
]
Level = Literal["beginner", "intermediate", "advanced"]
# What a companion is to its main entry (see ``Resource.companions``).
Role = Literal["code", "blog", "notebook", "video", "version", "translation"]

KINDS: tuple[str, ...] = get_args(Kind)
LEVELS: tuple[str, ...] = get_args(Level)
ROLES: tuple[str, ...] = get_args(Role)
