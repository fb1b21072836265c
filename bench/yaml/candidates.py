"""One function per YAML-reader candidate, each doing the same job on a catalog file.

The job: parse the text, then turn it into plain Python data (YAML 1.2 core types) and collect a
position for every mapping key and value, and the comments with theirs, as far as the library
gives them. Each reader returns ``(data, positions, comments)``; ``positions`` is a list of
``(line, column, start, end)`` tuples (1-based line and column, text offsets; ``None`` where the
library does not say), ``comments`` is ``None`` when the library drops them.

Run one in a fresh process (``bench.py`` does this):

    python bench/yaml/candidates.py yamldoc FILE        # prints one JSON line of figures
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Position = tuple[int, int, "int | None", "int | None"]
Result = tuple[Any, list[Position], "list[Any] | None"]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def core(text: str) -> Any:
    """YAML 1.2 core typing of a plain scalar (the same function for every candidate)."""
    from catalog.yamldoc import plain_value

    return plain_value(text)


# -- yamldoc: PyYAML's libyaml event stream, our node tree, our core schema ----------------------


def read_yamldoc(text: str, timings: dict[str, float]) -> Result:
    from catalog import yamldoc

    start = time.perf_counter()
    doc = yamldoc.parse(text)
    timings["parse"] = time.perf_counter() - start
    data = yamldoc.to_python(doc)
    timings["data"] = time.perf_counter() - start - timings["parse"]
    if "validate" in timings:  # the validate pipeline asks for positions only on problems
        return data, [], doc.comments
    # Every node's offsets are in the log; lines and columns come from them on demand. Asking
    # for all of them is for comparison only: a reader asks for the few a message needs.
    log, line_col = doc.log, doc.line_col
    positions: list[Position] = [
        (*line_col(begin), begin, end)
        for kind, begin, end in zip(log.kinds, log.starts, log.ends, strict=True)
        if kind != 4  # collection ends
    ]
    return data, positions, doc.comments


# -- PyYAML: the C composer (CSafeLoader's nodes carry marks), our core schema ------------------


def read_pyyaml_compose(text: str, timings: dict[str, float]) -> Result:
    import yaml

    class Composer(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """Leaves plain scalars untyped (tag '?'), so that the core schema below types them."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return "?"

    start = time.perf_counter()
    loader = Composer(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    timings["parse"] = time.perf_counter() - start
    positions: list[Position] = []

    def walk(node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return core(node.value) if node.tag == "?" and not node.style else node.value
        if isinstance(node, yaml.SequenceNode):
            return [walk(item) for item in node.value]
        result = {}
        for key, value in node.value:
            for part in (key, value):
                mark = part.start_mark
                positions.append((mark.line + 1, mark.column + 1, mark.index, part.end_mark.index))
            result[walk(key)] = walk(value)
        return result

    return walk(root), positions, None


def read_yamlcore(text: str, timings: dict[str, float]) -> Result:
    """PyYAML's C loader with yamlcore's YAML 1.2 core resolver: data only, no positions."""
    import yaml
    import yamlcore  # type: ignore[import-untyped]

    start = time.perf_counter()
    data = yaml.load(text, Loader=yamlcore.CCoreLoader)  # a safe loader
    timings["parse"] = time.perf_counter() - start
    return data, [], None


# -- ruamel.yaml ---------------------------------------------------------------------------------


def read_ruamel_rt(text: str, timings: dict[str, float]) -> Result:
    """ruamel's round-trip loader (pure Python): lines and columns, comments; no offsets."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    start = time.perf_counter()
    data = YAML(typ="rt").load(text)
    timings["parse"] = time.perf_counter() - start
    positions: list[Position] = []
    comments: list[Any] = []

    def walk(node: Any) -> Any:
        if isinstance(node, CommentedMap):
            comments.extend(v for v in node.ca.items.values() if v)
            for key in node:
                line, col = node.lc.key(key)
                positions.append((line + 1, col + 1, None, None))
                line, col = node.lc.value(key)
                positions.append((line + 1, col + 1, None, None))
            return {str(k): walk(v) for k, v in node.items()}
        if isinstance(node, CommentedSeq):
            comments.extend(v for v in node.ca.items.values() if v)
            return [walk(v) for v in node]
        return node

    return walk(data), positions, comments


def read_ruamel_safe_c(text: str, timings: dict[str, float]) -> Result:
    """ruamel's safe loader on its C parser (ruamel.yaml.clib): data only."""
    from ruamel.yaml import YAML

    start = time.perf_counter()
    data = YAML(typ="safe", pure=False).load(text)
    timings["parse"] = time.perf_counter() - start
    return data, [], None


# -- Rust and C++ --------------------------------------------------------------------------------


def read_yaml_rs(text: str, timings: dict[str, float]) -> Result:
    """yaml-rs (Rust, YAML 1.2): data only, no positions in its API."""
    import yaml_rs

    start = time.perf_counter()
    data = yaml_rs.loads(text, parse_datetime=False)
    timings["parse"] = time.perf_counter() - start
    return data, [], None


def read_rapidyaml(text: str, timings: dict[str, float]) -> Result:
    """rapidyaml (C++): its Python tree has no locations and no comments; walk it for data."""
    import ryml

    start = time.perf_counter()
    tree = ryml.parse_in_arena(text.encode())
    tree.resolve()  # expand aliases
    timings["parse"] = time.perf_counter() - start
    key, val, first, after = tree.key, tree.val, tree.first_child, tree.next_sibling
    is_map, is_seq, is_plain, none = tree.is_map, tree.is_seq, tree.is_val_plain, ryml.NONE

    def walk(node: int) -> Any:
        if is_map(node):
            result = {}
            child = first(node)
            while child != none:
                result[bytes(key(child)).decode()] = walk(child)
                child = after(child)
            return result
        if is_seq(node):
            items = []
            child = first(node)
            while child != none:
                items.append(walk(child))
                child = after(child)
            return items
        value = bytes(val(node)).decode() if not tree.val_is_null(node) else ""
        return core(value) if is_plain(node) else value

    return walk(tree.root_id()), [], None


def read_tree_sitter(text: str, timings: dict[str, float]) -> Result:
    """tree-sitter-yaml (C): a lossless tree with byte ranges and comments; we decode scalars."""
    import tree_sitter
    import tree_sitter_yaml
    from ts_scalars import TreeSitterDecoder

    source = text.encode()
    start = time.perf_counter()
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_yaml.language()))
    tree = parser.parse(source)
    timings["parse"] = time.perf_counter() - start
    if tree.root_node.has_error:
        raise ValueError("tree-sitter-yaml found a syntax error (see the README: 32,768 lines)")
    decoder = TreeSitterDecoder(source)
    data = decoder.document(tree.root_node)
    return data, decoder.positions, decoder.comments


def read_libfyaml(text: str, timings: dict[str, float]) -> Result:
    """libfyaml (C, YAML 1.2): markers and comments on request; a beta binding."""
    import libfyaml

    start = time.perf_counter()
    doc = libfyaml.loads(text, create_markers=True, keep_comments=True)
    timings["parse"] = time.perf_counter() - start
    positions: list[Position] = []
    comments: list[Any] = []

    def walk(node: Any) -> None:
        kind = repr(node)  # "<FyGeneric:mapping>": the binding has no other type test
        if kind == "<FyGeneric:mapping>":
            for key, value in node.items():
                for part in (key, value):
                    marker = part.get_marker()
                    if marker:
                        positions.append((marker[1] + 1, marker[2] + 1, marker[0], marker[3]))
                    if part.has_comment():
                        comments.append(part.get_comment())
                walk(value)
        elif kind == "<FyGeneric:sequence>":
            for item in node:
                walk(item)

    walk(doc)
    return doc.to_python(), positions, comments


READERS: dict[str, Callable[[str, dict[str, float]], Result]] = {
    "yamldoc": read_yamldoc,
    "pyyaml-compose": read_pyyaml_compose,
    "yamlcore": read_yamlcore,
    "ruamel-rt": read_ruamel_rt,
    "ruamel-safe-c": read_ruamel_safe_c,
    "yaml-rs": read_yaml_rs,
    "rapidyaml": read_rapidyaml,
    "tree-sitter": read_tree_sitter,
    "libfyaml": read_libfyaml,
}


def validate(data: Any) -> None:
    """What `catalog validate` does after reading: the rules and the Pydantic models.

    Under YAML 1.2 ``added: 2024-02-08`` is text; until the model turns it into a date itself
    (the YAML issue), convert it here, as the model will.
    """
    import datetime as dt

    from catalog import rules
    from catalog.models import Catalog

    for resource in data.get("resources", []):
        if isinstance(resource.get("added"), str):
            resource["added"] = dt.date.fromisoformat(resource["added"])
    rules.check(data)
    Catalog.model_validate(data)


def main() -> None:
    name, path = sys.argv[1], Path(sys.argv[2])
    also_validate = "--validate" in sys.argv
    sys.path.insert(0, str(HERE))
    began = time.perf_counter()
    text = path.read_bytes().decode("utf-8")
    timings: dict[str, float] = {"validate": 0.0} if also_validate else {}
    figures: dict[str, Any] = {"candidate": name}
    try:
        data, positions, comments = READERS[name](text, timings)
    except Exception as exc:  # a candidate that fails is a finding, not a crash
        figures["error"] = f"{type(exc).__name__}: {exc}"[:200]
    else:
        figures["read"] = time.perf_counter() - began
        figures["parse"] = timings.get("parse")
        figures["data"] = timings.get("data")
        figures["positions"] = len(positions)
        figures["offsets"] = bool(positions) and positions[0][2] is not None
        figures["comments"] = None if comments is None else len(comments)
        figures["resources"] = len(data.get("resources", [])) if isinstance(data, dict) else 0
        if also_validate:
            start = time.perf_counter()
            validate(data)
            figures["validate"] = time.perf_counter() - start
    figures["in_process"] = time.perf_counter() - began
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
