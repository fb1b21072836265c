"""Every problem the loader reports points at the node it names, and its hint quotes the text
written there: catalogs with mistakes put in on purpose, written in random YAML styles
(anchors, aliases, flow and block, quotes, comments)."""

from __future__ import annotations

import copy
import random
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import CatalogError, CatalogValidationError, loads
from catalog.yamldoc import Alias, Node, parse

from .test_differential import Renderer

VALID: dict[str, Any] = {
    "topics": {
        "attention": {"title": "Attention", "description": "Attention.", "aliases": ["attn"]},
        "code": {"title": "Code", "description": {"en": "Code.", "fa": "کد."}},
    },
    "resources": [
        {
            "id": f"r{i}",
            "title": f"Resource {i}",
            "url": f"https://example.org/{i}",
            "kind": "article",
            "topics": ["attention", "code"],
            "authors": ["Ann Author"],
            "year": 2020,
            "level": "beginner",
            "language": "en",
            "description": {"en": "A text.", "fa": "متن."},
            "added": "2024-02-08",
        }
        for i in range(4)
    ],
}
MISTAKES = [
    ("year", "TODO"),
    ("year", "2021"),  # text, as a string: the renderer may quote it
    ("kind", "vidoe"),
    ("level", "expert"),
    ("title", 1000.0),
    ("title", True),
    ("language", "english"),
    ("added", "2024-13-45"),
    ("added", "soon"),
    ("url", "ftp://example.org/x"),
    ("titel", "A misspelt key"),
    ("free", "yes"),
    ("topics", ["atention"]),
    ("authors", "Ann"),
    ("id", "r0"),  # a duplicate id (for the entries after the first)
    ("level", None),  # removed: a missing field
]


def _path(dotted: str) -> tuple[str | int, ...]:
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted):
        out.append(int(index) if index else name)
    return tuple(out)


def _start(node: Node) -> int:
    return node.start


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mistakes=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(MISTAKES)), min_size=1, max_size=4
    ),
    rng=st.randoms(),
)
def test_every_position_points_at_the_node_it_names(
    mistakes: list[tuple[int, tuple[str, Any]]], rng: random.Random
) -> None:
    data = copy.deepcopy(VALID)
    for index, (field, value) in mistakes:
        resource = data["resources"][index]
        if value is None:
            resource.pop(field, None)
        else:
            resource[field] = value
    text = Renderer(rng).block(data, 0)
    try:
        loads(text)
    except CatalogValidationError as exc:
        problems = exc.problems
    except CatalogError:
        return  # a read error (an alias the renderer put in its own anchor): no paths
    else:
        return  # the mistakes cancelled out (a duplicate id of itself...)
    doc = parse(text)
    for problem in problems:
        if not problem.path:
            continue
        path = _path(problem.path)
        value = doc.find(path)
        key = doc.find_key(path)
        assert value is not None
        assert key is not None
        named = {(n.line, n.col) for n in (value, key)}
        assert (problem.line, problem.column) in named, (problem, text)
        if problem.hint and problem.hint.startswith("quote it: "):
            node = value if (problem.line, problem.column) == (value.line, value.col) else key
            while isinstance(node, Alias):
                node = node.target
            written = doc.text[node.start : node.end]
            if node.anchor or node.tag:  # the value, after its properties
                written = written.split(None, 1 + bool(node.anchor and node.tag))[-1]
            assert problem.hint == f'quote it: "{written}"', (problem, text)
