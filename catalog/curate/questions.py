"""The questions ``catalog add`` asks: a label, the proposed answer, and how to read a reply.

A required field is asked again until it has a value (``add`` writes no placeholders); kind and
level until the answer is one of their words; topics until each is known to the catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The fields `add` asks for, in the order it asks.
ASKED = (
    "title",
    "kind",
    "topics",
    "authors",
    "year",
    "level",
    "language",
    "description",
    "fa_description",
    "free",
    "id",
)
# Fields that must have a value, and the flag that gives one.
REQUIRED = {
    "title": "--title",
    "kind": "--kind",
    "topics": "--topic",
    "authors": "--author",
    "year": "--year",
    "level": "--level",
    "language": "--language",
    "description": "--description",
    "id": "--id",
}


@dataclass(frozen=True)
class Question:
    """How to ask for one field: the label, the default answer, and how to read an answer.

    ``parse`` raises ValueError with a message to show when the answer is not acceptable (an
    empty answer to a required field among them).
    """

    label: str
    default: str
    parse: Callable[[str], Any]


def question(name: str, values: dict[str, Any], topics: Any) -> Question:
    """The question for field ``name``, with the current value as its default."""
    from catalog.models import KINDS, LEVELS

    value = values.get(name)
    required = name in REQUIRED
    if name in ("topics", "authors"):
        known = f" (known: {', '.join(map(str, topics))})" if name == "topics" else ""
        label = f"{name.capitalize()}, comma-separated{known}"
        check = (lambda t: _known_topic(topics, t)) if name == "topics" else None
        return Question(label, ", ".join(value or []), _needed(lambda a: _list(a, check)))
    if name in ("kind", "level"):
        choices = KINDS if name == "kind" else LEVELS
        label = f"{name.capitalize()} ({', '.join(choices)})"
        return Question(label, value or "", _needed(lambda a: _choice(a, choices)))
    if name == "year":
        return Question("Year", str(value or ""), _needed(_year))
    if name == "free":
        return Question("Free to use? (y/n, empty if unknown)", "", _yes_no)
    labels = {"fa_description": "Persian description (optional)", "id": "Id"}
    read = _needed(_text) if required else _text
    return Question(labels.get(name, name.capitalize()), str(value or ""), read)


def _text(answer: str) -> str | None:
    return answer or None


def _needed(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    def read(answer: str) -> Any:
        value = parse(answer)
        if value in (None, "", []):
            raise ValueError("this field is required")
        return value

    return read


def _list(answer: str, check: Callable[[str], bool] | None) -> list[str]:
    items = [a.strip() for a in answer.split(",") if a.strip()]
    unknown = [i for i in items if check is not None and not check(i)]
    if unknown:
        raise ValueError(f"unknown topic(s): {', '.join(unknown)}")
    return items


def _choice(answer: str, choices: tuple[str, ...]) -> str | None:
    if answer and answer not in choices:
        raise ValueError(f"'{answer}' is not one of: {', '.join(choices)}")
    return answer or None


def _year(answer: str) -> int | None:
    if answer and not answer.isdigit():
        raise ValueError("a year is a number such as 2017")
    return int(answer) if answer else None


def _yes_no(answer: str) -> bool | None:
    lowered = answer.lower()
    if lowered not in ("", "y", "yes", "n", "no"):
        raise ValueError("answer y, n, or nothing")
    return lowered.startswith("y") if lowered else None


def _known_topic(topics: Any, name: str) -> bool:
    for topic_id, topic in topics.items():
        aliases = topic.get("aliases") if isinstance(topic, dict) else None
        if name == topic_id or (isinstance(aliases, list) and name in aliases):
            return True
    return False
