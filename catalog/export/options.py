"""What an export is asked to produce: format, language, grouping and extras."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Format(str, enum.Enum):
    """The output formats of ``catalog export``."""

    markdown = "markdown"
    json = "json"
    csv = "csv"
    bibtex = "bibtex"
    html = "html"


class GroupBy(str, enum.Enum):
    """How Markdown and HTML sections are formed."""

    topic = "topic"  # under each resource's first (primary) topic, in catalog topic order
    kind = "kind"
    level = "level"
    year = "year"  # newest first
    none = "none"


LANGUAGES = ("en", "fa")


@dataclass(frozen=True)
class ExportOptions:
    """Options shared by every format; a format ignores the ones it has no use for.

    ``standalone`` False drops the title and introduction (for injection into a README).
    ``taken_headings`` are the texts of headings that precede the output in the final document,
    so that its anchors get the same ``-1`` suffixes GitHub will give them.
    """

    lang: str = "en"
    group_by: GroupBy = GroupBy.topic
    paths: bool = True
    standalone: bool = True
    taken_headings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unsupported language '{self.lang}': choose {' or '.join(LANGUAGES)}")
