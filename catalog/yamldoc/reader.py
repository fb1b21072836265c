"""Text -> :class:`~catalog.yamldoc.nodes.Document`: libyaml's event stream, kept with positions.

libyaml (through PyYAML's C extension) does the YAML syntax; it reports where each event starts
and ends but drops comments and types nothing. We keep the events as a compact
:class:`~catalog.yamldoc.log.Log` (tags, anchors and styles included, so that
:mod:`catalog.yamldoc.schema` can type plain scalars by YAML 1.2's core schema) and find
comments in the text between nodes. ``bench/yaml/README.md`` has the measurements behind this.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from catalog.yamldoc.document import Document
from catalog.yamldoc.errors import YamlError
from catalog.yamldoc.log import ALIAS, END, MAPPING, SCALAR, SEQUENCE, Log
from catalog.yamldoc.nodes import Comment
from catalog.yamldoc.syntax import marked_error, reader_error


def parse(text: str, *, source: str = "resources.yaml") -> Document:
    """Parse one YAML document with a position for every node and comment.

    A leading byte-order mark is dropped (``Document.bom`` records it). Raises
    :class:`~catalog.yamldoc.errors.YamlError` (a ``CatalogReadError``) for text that is not YAML,
    holds more than one document, or has an alias before its anchor or inside the node it
    names.
    """
    import yaml

    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml: one parser only, so no fallback
        raise YamlError(
            1, 1, "PyYAML was installed without libyaml", "reinstall it from a wheel", source=source
        ) from None
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    document = Document(text, Log(), [], bom=bom, source=source)
    _refuse_old_breaks(document)
    try:
        parser = CParser(text)
    except UnicodeEncodeError as exc:  # a lone surrogate: only a caller's str can hold one
        line, column = document.line_col(exc.start)
        raise YamlError(
            line,
            column,
            f"the text holds a lone surrogate U+{ord(text[exc.start]):04X}",
            "remove it; a file read as UTF-8 cannot hold one",
            source=source,
        ) from None
    try:
        _record(parser, document)
    except yaml.MarkedYAMLError as exc:
        raise marked_error(exc, document) from None
    except yaml.reader.ReaderError as exc:
        raise reader_error(exc, document) from None
    except yaml.YAMLError as exc:  # none other is known; keep PyYAML's marks out of the line
        message = f"not valid YAML: {str(exc).splitlines()[0]}"
        raise YamlError(1, 1, message, source=source) from None
    finally:
        parser.dispose()
    document.comments = _comments(document)
    return document


# YAML 1.1 (libyaml) reads these as line breaks, YAML 1.2 as text: refuse rather than guess.
_OLD_BREAKS = {"\x85": ("NEL", "\\N"), "\u2028": ("LS", "\\L"), "\u2029": ("PS", "\\P")}


def _refuse_old_breaks(document: Document) -> None:
    for char, (name, escape) in _OLD_BREAKS.items():
        at = document.text.find(char)
        if at >= 0:
            line, column = document.line_col(at)
            raise YamlError(
                line,
                column,
                f"the character U+{ord(char):04X} ({name}) is a line break to some YAML readers "
                "and text to others",
                f'write it as "{escape}" inside double quotes, or remove it',
                source=document.source,
            )


def _record(parser: Any, document: Document) -> None:
    """Append every node event to the document's log; refuse what cannot be logged."""
    from yaml import events

    log = document.log
    kinds, starts, ends, values = log.kinds, log.starts, log.ends, log.values
    add_kind, add_start, add_end, add_value = (
        kinds.append,
        starts.append,
        ends.append,
        values.append,
    )
    styles, tags, anchors, flow = log.styles, log.tags, log.anchors, log.flow
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    mapping_start, sequence_start = events.MappingStartEvent, events.SequenceStartEvent
    collection_end = (events.MappingEndEvent, events.SequenceEndEvent)
    document_start, stream_end = events.DocumentStartEvent, events.StreamEndEvent
    get_event = parser.get_event
    anchored: dict[str, int] = {}  # anchor name -> entry
    open_entries: list[int] = []  # collections not yet ended
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        index = len(kinds)
        if kind is scalar_event:
            add_kind(SCALAR)
            add_start(event.start_mark.index)
            add_end(event.end_mark.index)
            add_value(event.value)
            if event.style:
                styles[index] = event.style
            if event.tag is not None:
                tags[index] = event.tag
            if event.anchor is not None:
                anchors[index] = event.anchor
                anchored[event.anchor] = index
        elif kind is mapping_start or kind is sequence_start:
            add_kind(MAPPING if kind is mapping_start else SEQUENCE)
            add_start(event.start_mark.index)
            add_end(-1)
            add_value(None)
            open_entries.append(index)
            if event.flow_style:
                flow.add(index)
            if event.tag is not None:
                tags[index] = event.tag
            if event.anchor is not None:
                anchors[index] = event.anchor
                anchored[event.anchor] = index
        elif kind in collection_end:
            opened = open_entries.pop()
            # A block collection ends with its last child, not at the next token.
            end = event.end_mark.index if opened in flow else ends[index - 1]
            add_kind(END)
            add_start(end)
            add_end(end)
            add_value(None)
            ends[opened] = end
            log.closes[opened] = index
        elif kind is alias_event:
            target = anchored.get(event.anchor)
            start = event.start_mark.index
            if target is None or target in open_entries:
                line, column = document.line_col(start)
                if target is None:
                    message = f"alias '*{event.anchor}' refers to no anchor before it"
                    hint = f"define '&{event.anchor}' on an earlier node"
                else:
                    message = f"alias '*{event.anchor}' refers to a node that contains it"
                    hint = "a node cannot contain itself; write the value out"
                raise YamlError(line, column, message, hint, source=document.source)
            add_kind(ALIAS)
            add_start(start)
            add_end(event.end_mark.index)
            add_value(event.anchor)
            log.targets[index] = target
        elif kind is document_start:
            documents += 1
            if documents > 1:
                line, column = document.line_col(event.start_mark.index)
                raise YamlError(
                    line,
                    column,
                    "the file holds more than one YAML document",
                    "remove the '---' line and join the documents",
                    source=document.source,
                )
        elif kind is stream_end:
            return


def _comments(document: Document) -> list[Comment]:
    """Every '#' comment outside quoted and block scalars, in text order.

    A comment starts with '#' at the start of a line or after a space or tab; plain scalars,
    anchors and tags cannot hold " #", so only quoted and block scalars need skipping.
    """
    text, log = document.text, document.log
    quoted = sorted(log.styles)  # entries of quoted and block scalars, in text order
    starts = [log.starts[i] for i in quoted]
    comments: list[Comment] = []
    find = text.find
    at = find("#")
    while at >= 0:
        before = text[at - 1] if at else "\n"
        inside = bisect_right(starts, at) - 1
        if before not in " \t\n" or (inside >= 0 and at < log.ends[quoted[inside]]):
            at = find("#", at + 1)
            continue
        end = find("\n", at)
        if end < 0:
            end = len(text)
        carriage = find("\r", at, end)
        if carriage >= 0:
            end = carriage
        line, column = document.line_col(at)
        comments.append(Comment(text[at:end], at, line, column))
        at = find("#", end)
    return comments
