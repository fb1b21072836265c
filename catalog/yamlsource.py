"""Strict, safe YAML reading with positions.

Two readers share one contract (text in, plain Python data out, :class:`YamlProblem` on failure):

* :func:`fast_parse` uses ``yaml-rs`` (Rust, about 15x faster than PyYAML's C loader on a 4 MB
  catalog). It knows no positions, so it serves only the happy path and only for plain files:
  anything with tags, anchors or several documents goes to the strict reader.
* :func:`strict_parse` composes PyYAML nodes (safe loader, no object construction) and builds the
  data itself, so that it can refuse what PyYAML would silently accept: duplicate keys, explicit
  tags, YAML 1.1 booleans (``yes``/``on``), non-string keys and alias "billion laughs" expansion.
  It also returns a :class:`Positions` map from a path in the data to its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Loc = tuple[str | int, ...]

# Plain files go to the fast reader; tags (!), anchors (&), aliases (*) and document markers
# need the strict one. The indicator characters are rare, so look for them first.
_INDICATOR = re.compile(r"[!&*]")
_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:[ \t\r\n]|$)", re.MULTILINE)
_BEFORE_INDICATOR = frozenset(" \t\r\n[{,")
_AFTER_INDICATOR = frozenset(" \t\r\n,]}")
# Explicit tags that only restate what the value already is.
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass(frozen=True)
class YamlProblem(Exception):
    """The text is not YAML we accept; ``line`` and ``column`` are 1-based."""

    line: int
    column: int
    message: str
    hint: str | None = None


@dataclass
class Positions:
    """Where each value (and each mapping key) of the document starts."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, loc: Loc) -> tuple[int, int]:
        """Position of the value at ``loc``, or of its nearest ancestor that exists."""
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def of_key(self, loc: Loc) -> tuple[int, int]:
        """Position of the key naming ``loc``, falling back to the value's position."""
        return self.keys.get(loc) or self.of_value(loc)


def needs_strict(text: str) -> bool:
    """True when ``text`` may use a YAML feature that only the strict reader checks."""
    if text.startswith(("---", "...")) or (
        ("\n---" in text or "\n..." in text) and _DOCUMENT_MARKER.search(text)
    ):
        return True
    for match in _INDICATOR.finditer(text):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if before in _BEFORE_INDICATOR and after not in _AFTER_INDICATOR:
            return True
    return False


def fast_parse(text: str) -> Any:
    """Parse plain YAML fast; raise :class:`YamlProblem` (without a precise position) on failure.

    Callers must only pass text for which :func:`needs_strict` is False, and should re-read any
    failure with :func:`strict_parse` to get positions.
    """
    import yaml_rs

    try:
        return yaml_rs.loads(text)
    except Exception as exc:  # YAMLDecodeError and anything the binding raises
        raise YamlProblem(1, 1, str(exc)) from None
    except BaseException as exc:  # a Rust panic surfaces as BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise YamlProblem(1, 1, f"YAML reader failed: {exc}") from None


def _strict_loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        """Safe loader that resolves plain scalars by YAML 1.2's core schema."""

    StrictLoader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
    }
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return StrictLoader


class _Builder:
    """Turns composed nodes into data, recording positions and refusing what we do not accept."""

    def __init__(self, node_budget: int) -> None:
        import yaml

        self._yaml = yaml
        self._constructor = yaml.SafeLoader(stream="")
        self.positions = Positions()
        self._budget = node_budget
        self._active: set[int] = set()

    def build(self, node: Any, loc: Loc) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise YamlProblem(
                *_mark(node),
                "aliases expand to far more data than the file holds (a 'billion laughs' file?)",
                "remove the anchors and aliases, or write the values out",
            )
        self.positions.values.setdefault(loc, _mark(node))
        if id(node) in self._active:
            raise YamlProblem(*_mark(node), "an alias refers to the node that contains it")
        yaml = self._yaml
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            self._check_tag(node, tag)
            try:
                return self._constructor.construct_object(node, deep=True)
            except Exception as exc:  # a date like 2024-13-45, or "!!int x" (PyYAML then crashes)
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlProblem(
                    *_mark(node), f"'{node.value}' is not a valid {shown}: {exc}", "quote it"
                ) from None
        self._active.add(id(node))
        try:
            self._check_tag(node, tag)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
            return self._mapping(node, loc)
        finally:
            self._active.discard(id(node))

    def _mapping(self, node: Any, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(*_mark(key_node), "merge keys ('<<') are not supported")
            key = self.build(key_node, (*loc, "<key>"))
            if not isinstance(key, str):
                raise YamlProblem(
                    *_mark(key_node),
                    f"mapping keys must be text, not {type(key).__name__} {key!r}",
                    f'quote it: "{key}"',
                )
            if key in seen:
                raise YamlProblem(
                    *_mark(key_node),
                    f"duplicate key '{key}' (first at line {seen[key]})",
                    "remove one of them; YAML would silently keep only the last",
                )
            seen[key] = _mark(key_node)[0]
            here = (*loc, key)
            self.positions.keys[here] = _mark(key_node)
            result[key] = self.build(value_node, here)
        return result

    def _check_tag(self, node: Any, tag: str) -> None:
        if tag in _CORE_TAGS:
            return
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(
            *_mark(node),
            f"tag '{shown}' is not allowed",
            "remove the tag; catalog files hold plain text, numbers, lists and mappings",
        )


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def strict_parse(text: str) -> tuple[Any, Positions]:
    """Parse with positions and strict rules; raise :class:`YamlProblem` on the first problem."""
    import yaml

    loader = _strict_loader()(text)
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        raise _from_yaml_error(exc, "the file holds more than one YAML document") from None
    except yaml.MarkedYAMLError as exc:
        raise _from_yaml_error(exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return None, Positions()
    # Every node may be visited a few times through aliases; a billion laughs may not.
    budget = 4 * text.count("\n") + 10_000
    builder = _Builder(budget)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise YamlProblem(1, 1, "the document is nested too deeply") from None
    except yaml.constructor.ConstructorError as exc:
        raise _from_yaml_error(exc) from None
    return data, builder.positions


def _from_yaml_error(exc: Any, message: str | None = None) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = message or " ".join(part for part in (exc.context, exc.problem) if part)
    return YamlProblem(line, column, f"not valid YAML: {text}")
