"""Property tests: the reader agrees with ruamel.yaml's YAML 1.2 loader, and its positions hold.

ruamel.yaml (pure Python, ``typ="safe"``, YAML 1.2 by default) is the reference and is used
only here. Its known departures from the 1.2 core schema are kept out of the generated text,
each pinned by a unit test in ``test_schema.py``: timestamps (``2024-02-08`` is a date there),
``_`` in numbers, ``0b`` and signed ``0o``/``0x`` integers, merge keys and ``=``.
"""

from __future__ import annotations

import json
import math
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.yamldoc import Mapping, Node, Scalar, Sequence, parse, to_python

from .agree import ERROR, outcome, reference, same

# Plain scalars that YAML 1.1 and 1.2 (or two readers) are known to read differently.
TRICKY = [
    "1:30", "017", "0o17", "0x1F", "1e3", "-2.5E-3", ".inf", "-.Inf", "~", "null", "NULL",
    "yes", "no", "on", "Off", "y", "true", "False", "TRUE", "12", "-7", "+3", "3.25", "1.",
    "https://example.org/a:b?x=1#frag", "a:b", "C#", "مدل ترنسفورمر", "it's", "x-y_z",
]  # fmt: skip
WORD = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True) | st.sampled_from(
    ["مدل", "ترنسفورمر", "title", "en", "fa"]
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))
    | st.sampled_from(["\n", "\t", "\\", '"', "'", "#", ":", " "]),
    max_size=30,
)
LEAF = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=True),
    st.booleans(),
    st.none(),
    TEXT,
    WORD,
)
DATA = st.recursive(
    LEAF,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(WORD, children, min_size=1, max_size=4)
    ),
    max_leaves=25,
)


class Renderer:
    """Writes data as YAML in randomly chosen styles, with anchors, aliases and comments."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.anchors: list[str] = []

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def comment(self) -> str:
        return " # note: x" if self.chance(0.2) else ""

    def scalar(self, value: Any, flow: bool) -> str:
        if isinstance(value, str):
            text = value
        elif value is None:
            text = self.rng.choice(["~", "null", ""]) if not flow else "null"
        elif isinstance(value, bool):
            text = self.rng.choice(["true", "True"]) if value else "false"
        elif isinstance(value, float) and math.isinf(value):
            text = ".inf" if value > 0 else "-.inf"
        else:
            text = repr(value)
        plain_ok = text in TRICKY or isinstance(value, (int, float)) or value is None
        plain_ok = plain_ok or (isinstance(value, str) and _plain_safe(text))
        if flow and ("," in text or text.startswith(("[", "{")) or text == ""):
            plain_ok = False
        if plain_ok and self.chance(0.8):
            return text
        if not any(c in text for c in "\n\r\x85\u2028\u2029") and self.chance(0.4):
            return "'" + text.replace("'", "''") + "'"
        return json.dumps(text, ensure_ascii=False)

    def flow(self, value: Any) -> str:
        if isinstance(value, dict):
            pairs = [f"{self.scalar(k, True)}: {self.flow(v)}" for k, v in value.items()]
            return "{" + ", ".join(pairs) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.flow(v) for v in value) + "]"
        return self.scalar(value, True)

    def value(self, value: Any, indent: int) -> str:
        """The text after 'key:' or '-', up to and including the line break."""
        if self.anchors and self.chance(0.1):
            return f" *{self.rng.choice(self.anchors)}{self.comment()}\n"
        name = f"a{len(self.anchors)}-{indent}" if self.chance(0.1) else ""
        prefix = f" &{name}" if name else ""
        if isinstance(value, (dict, list)) and value and self.chance(0.75):
            out = f"{prefix}{self.comment()}\n" + self.block(value, indent + 2)
        elif isinstance(value, (dict, list)):
            out = f"{prefix} {self.flow(value)}{self.comment()}\n"
        elif isinstance(value, str) and value and self.chance(0.2) and _block_safe(value):
            out = f"{prefix} " + self.block_scalar(value, indent + 2)
        else:
            text = self.scalar(value, False)
            out = f"{prefix} {text}{self.comment() if text else ''}\n"
        if name:  # an alias inside its own anchor is refused by design (test_schema.py)
            self.anchors.append(name)
        return out

    def block_scalar(self, value: str, indent: int) -> str:
        lines = value.split("\n")
        style = self.rng.choice(["|", "|-", "|+", ">", ">-"])
        body = "".join((" " * indent + line if line else "") + "\n" for line in lines)
        return style + "\n" + body

    def block(self, value: dict[str, Any] | list[Any], indent: int) -> str:
        pad = " " * indent
        out = ""
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for key, item in items:
            if self.chance(0.15):
                out += f"{pad}# between entries\n"
            head = "-" if key is None else f"{self.scalar(key, False)}:"
            out += pad + head + self.value(item, indent)
        return out


def _plain_safe(text: str) -> bool:
    """Text that stays itself (up to typing) when written without quotes. ``=`` and ``<<``
    are ruamel.yaml's departures (YAML 1.1's value and merge keys), kept out as documented."""
    if not text or text != text.strip() or text[0] in "-?:,[]{}#&*!|>'\"%@`~":
        return False
    if text in ("=", "<<"):
        return False
    return not any(c in text for c in ":#\n\r\t\\,[]{}") and all(c.isprintable() for c in text)


def _block_safe(text: str) -> bool:
    lines = text.split("\n")
    return bool(lines[0]) and not lines[0][0].isspace() and all(c.isprintable() for c in text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(WORD, DATA, min_size=1, max_size=5), rng=st.randoms())
def test_same_values_as_ruamel_yaml_1_2(data: dict[str, Any], rng: random.Random) -> None:
    text = Renderer(rng).block(data, 0)
    ours = outcome(lambda t: to_python(parse(t)), text)
    theirs = outcome(reference, text)
    assert same(ours, theirs), f"{text!r}\nours:   {ours!r}\ntheirs: {theirs!r}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(WORD, DATA, min_size=1, max_size=5), rng=st.randoms())
def test_every_position_points_at_its_node(data: dict[str, Any], rng: random.Random) -> None:
    text = Renderer(rng).block(data, 0)
    try:
        doc = parse(text)
    except Exception:
        return  # the first property covers what is refused
    todo: list[Node] = [doc.root] if doc.root is not None else []
    while todo:
        node = todo.pop()
        assert doc.line_col(node.start) == (node.line, node.col)
        source = _without_properties(doc.text[node.start : node.end])
        if isinstance(node, Scalar):
            if node.style in ("'", '"'):
                assert source[0] == source[-1] == node.style
                assert to_python(parse(source)) == node.value
            elif node.style in ("|", ">"):
                assert source[0] == node.style
            elif "\n" not in source:
                assert source == node.value
        elif isinstance(node, Sequence):
            assert source[0] == ("[" if node.flow else "-")
            todo += node.items
        elif isinstance(node, Mapping):
            assert source[0] == "{" if node.flow else source.startswith(_first_key(doc, node))
            for key, value in node.pairs:
                todo += (key, value)
    for comment in doc.comments:
        assert doc.text[comment.start : comment.end] == comment.text
        assert doc.line_col(comment.start) == (comment.line, comment.col)


def _without_properties(source: str) -> str:
    """The node's text after its '&anchor' and any comments between (a node starts at its
    properties, as in libyaml)."""
    if not source.startswith("&"):
        return source
    rest = source.split(None, 1)[1] if len(source.split(None, 1)) > 1 else ""
    while rest.startswith("#"):
        rest = rest.split("\n", 1)[1].lstrip() if "\n" in rest else ""
    return rest


def _first_key(doc: Any, node: Mapping) -> str:
    key = node.pairs[0][0]
    return str(_without_properties(doc.text[key.start : key.end]))


# --- whole catalogs -----------------------------------------------------------------------------

SCALARS = st.sampled_from(TRICKY) | TEXT | WORD
CATALOG_TEXT = st.one_of(
    SCALARS, st.dictionaries(st.sampled_from(["en", "fa"]), SCALARS, min_size=1)
)


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    """Catalog-shaped data: the sections, topics with aliases, resources with every kind of
    field (odd scalars among them), a learning path and check settings."""
    topics = {
        name: {"title": draw(CATALOG_TEXT), "description": draw(CATALOG_TEXT)}
        | ({"aliases": draw(st.lists(WORD, max_size=2))} if draw(st.booleans()) else {})
        for name in draw(st.lists(WORD, min_size=1, max_size=3, unique=True))
    }
    resources = []
    for number in range(draw(st.integers(1, 4))):
        resource: dict[str, Any] = {
            "id": f"r{number}",
            "title": draw(SCALARS),
            "url": f"https://example.org/{number}",
            "kind": draw(st.sampled_from(["video", "paper", "yes", "1:30"])),
            "topics": draw(st.lists(st.sampled_from(sorted(topics)), min_size=1, max_size=2)),
            "authors": draw(st.lists(SCALARS, min_size=1, max_size=3)),
            "year": draw(st.integers(1950, 2026) | st.sampled_from(["2017", "1e3", "017"])),
            "level": draw(st.sampled_from(["beginner", "advanced", "on"])),
            "language": "en",
            "description": draw(CATALOG_TEXT),
        }
        for name, value in (
            ("added", st.sampled_from(["2024-02-08", "1:30"])),  # no 2024-13-45: ruamel refuses it
            ("free", st.booleans() | st.sampled_from(["yes", "no", "True"])),
            ("duration", st.sampled_from(["1h30m", "1:30", "90"])),
            ("check", st.fixed_dictionaries({"skip": st.booleans(), "reason": SCALARS})),
        ):
            if draw(st.booleans()):
                resource[name] = draw(value)
        resources.append(resource)
    data: dict[str, Any] = {"topics": topics, "resources": resources}
    if draw(st.booleans()):
        data["paths"] = {
            "start": {"title": draw(CATALOG_TEXT), "steps": [{"id": "r0", "note": "x"}]}
        }
    if draw(st.booleans()):
        data["check"] = {"accept": [429], "hosts": {"github.com": {"interval_ms": 1000}}}
    return data


def same_catalog(ours: Any, theirs: Any) -> bool:
    """As :func:`same`, but a date ruamel.yaml reads (YAML 1.2 core has no timestamps; this is
    its known departure) compares with the text we read."""
    import datetime as dt

    if isinstance(theirs, dt.date) and isinstance(ours, str):
        return ours == theirs.isoformat()
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return list(ours) == list(theirs) and all(same_catalog(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(
            same_catalog(x, y) for x, y in zip(ours, theirs, strict=True)
        )
    return same(ours, theirs)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=catalogs(), rng=st.randoms())
def test_catalogs_read_as_ruamel_yaml_1_2_reads_them(
    data: dict[str, Any], rng: random.Random
) -> None:
    """Generated catalogs with anchors, aliases, odd scalars, comments, flow and block style:
    the same values as the reference, or an error from both."""
    text = Renderer(rng).block(data, 0)
    ours = outcome(lambda t: to_python(parse(t)), text)
    theirs = outcome(reference, text)
    assert same_catalog(ours, theirs), f"{text}\nours:   {ours!r}\ntheirs: {theirs!r}"
    if ours != ERROR:
        from catalog import CatalogError, loads

        result: object
        try:  # the loader reads the same text with the same reader: a catalog or its problems
            result = loads(text)
        except CatalogError as exc:
            result = exc.problems
        assert result
