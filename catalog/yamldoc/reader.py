"""Text -> :class:`~catalog.yamldoc.nodes.Document`: libyaml's event stream, kept with positions.

libyaml (through PyYAML's C extension) does the YAML syntax; it reports where each event starts
and ends but drops comments and types nothing. We build the node tree from the events, keep
every tag, anchor and style so that :mod:`catalog.yamldoc.schema` can type plain scalars by YAML
1.2's core schema, and find comments in the text between nodes (``bench/yaml/README.md`` has the
measurements that chose this design).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from catalog.yamldoc.errors import YamlError
from catalog.yamldoc.nodes import Alias, Comment, Document, Mapping, Node, Scalar, Sequence

# libyaml counts these as line breaks (YAML 1.1); YAML 1.2 and editors do not.
_OLD_BREAKS = ("\x85", "\u2028", "\u2029")


def parse(text: str, *, source: str = "resources.yaml") -> Document:
    """Parse one YAML document with a position for every node and comment.

    A leading byte-order mark is dropped (``Document.bom`` records it). Raises
    :class:`~catalog.yamldoc.errors.YamlError` for text that is not YAML, holds more than one
    document, or uses an alias before its anchor.
    """
    import yaml
    from yaml import events

    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml: one parser only, so no fallback
        raise YamlError(
            1, 1, "PyYAML was installed without libyaml", "reinstall it from a wheel", source=source
        ) from None
    parser = CParser(text)
    try:
        root, quoted, size = _build(parser, events, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlError(line, column, f"not valid YAML: {problem}", source=source) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, 1, f"not valid YAML: {exc}", source=source) from None
    finally:
        parser.dispose()
    document = Document(text, root, [], bom=bom, size=size, source=source)
    document.comments = _comments(document, quoted)
    if any(c in text for c in _OLD_BREAKS):
        _relocate(root, document)
    return document


def _build(parser: Any, events: Any, source: str) -> tuple[Node | None, list[Scalar], int]:
    """Turn the event stream into nodes.

    Also returns the quoted and block scalars, in order (comments cannot start inside them), and
    how many nodes there are.
    """
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    mapping_start, sequence_start = events.MappingStartEvent, events.SequenceStartEvent
    collection_end = (events.MappingEndEvent, events.SequenceEndEvent)
    document_start = events.DocumentStartEvent
    get_event = parser.get_event
    anchors: dict[str, Node] = {}
    quoted: list[Scalar] = []
    stack: list[Mapping | Sequence] = []
    pending: list[Node | None] = []  # per open mapping: the key waiting for its value
    root: Node | None = None
    documents = size = 0
    while True:
        event = get_event()
        kind = type(event)
        node: Node
        if kind is scalar_event:
            start, end = event.start_mark, event.end_mark
            style = event.style or ""
            node = Scalar(
                event.value,
                style,
                event.tag,
                event.anchor,
                start.index,
                end.index,
                start.line + 1,
                start.column + 1,
            )
            if style:
                quoted.append(node)
        elif kind is mapping_start or kind is sequence_start:
            start = event.start_mark
            cls = Mapping if kind is mapping_start else Sequence
            collection = cls(
                bool(event.flow_style),
                event.tag,
                event.anchor,
                start.index,
                start.line + 1,
                start.column + 1,
            )
            if event.anchor is not None:
                anchors[event.anchor] = collection
            stack.append(collection)
            pending.append(None)
            continue
        elif kind in collection_end:
            node = stack.pop()
            pending.pop()
            if node.flow:
                node.end = event.end_mark.index
            else:  # a block collection ends with its last child, not at the next token
                last = node.pairs[-1][1] if type(node) is Mapping else node.items[-1]  # type: ignore[union-attr]
                node.end = last.end
        elif kind is alias_event:
            start, end = event.start_mark, event.end_mark
            target = anchors.get(event.anchor)
            if target is None:
                raise YamlError(
                    start.line + 1,
                    start.column + 1,
                    f"alias '*{event.anchor}' refers to no anchor before it",
                    f"define '&{event.anchor}' on an earlier node",
                    source=source,
                )
            node = Alias(
                event.anchor, target, start.index, end.index, start.line + 1, start.column + 1
            )
        elif kind is document_start:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise YamlError(
                    mark.line + 1,
                    mark.column + 1,
                    "the file holds more than one YAML document",
                    "remove the '---' line and join the documents",
                    source=source,
                )
            continue
        elif kind is events.StreamEndEvent:
            return root, quoted, size
        else:  # stream start, document end
            continue
        size += 1
        if type(node) is Scalar and node.anchor is not None:
            anchors[node.anchor] = node
        if not stack:
            root = node
            continue
        parent = stack[-1]
        if type(parent) is Sequence:
            parent.items.append(node)
        else:
            key = pending[-1]
            if key is None:
                pending[-1] = node
            else:
                parent.pairs.append((key, node))  # type: ignore[union-attr]
                pending[-1] = None


def _comments(document: Document, quoted: list[Scalar]) -> list[Comment]:
    """Every '#' comment outside quoted and block scalars, in text order.

    A comment starts with '#' at the start of a line or after a space or tab; plain scalars,
    anchors and tags cannot hold " #", so only quoted and block scalars need skipping.
    """
    text = document.text
    starts = [s.start for s in quoted]
    comments: list[Comment] = []
    find = text.find
    line, counted = 1, 0
    at = find("#")
    while at >= 0:
        before = text[at - 1] if at else "\n"
        inside = bisect_right(starts, at) - 1
        if before not in " \t\n" or (inside >= 0 and at < quoted[inside].end):
            at = find("#", at + 1)
            continue
        end = find("\n", at)
        if end < 0:
            end = len(text)
        carriage = find("\r", at, end)
        if carriage >= 0:
            end = carriage
        line += text.count("\n", counted, at)
        counted = at
        comments.append(Comment(text[at:end], at, line, at - text.rfind("\n", 0, at)))
        at = find("#", end)
    return comments


def _relocate(root: Node | None, document: Document) -> None:
    """Recount lines and columns from offsets where libyaml took NEL, LS or PS for a break."""
    todo: list[Node] = [root] if root is not None else []
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.line, node.col = document.line_col(node.start)
        if type(node) is Mapping:
            for key, value in node.pairs:
                todo += (key, value)
        elif type(node) is Sequence:
            todo += node.items
