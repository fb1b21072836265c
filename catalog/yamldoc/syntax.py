"""PyYAML's syntax errors, said as one line: where the fault is, what it is, how to fix it.

libyaml reports two marks: where a construct began (the *context*: a quote, a bracket, a block
scalar, a key) and where it gave up (the *problem*). For a construct that runs away (a quote
never closed, a bracket never closed) the problem is far below the fault, often at the end of
the file, so we point at the start and say where the reader gave up. For a fault at one
character (a tab, an unknown escape, a stray ':') we point at that character. PyYAML's own
text (``in "<unicode string>", line 3``) never reaches the user.
"""

from __future__ import annotations

from typing import Any

from catalog.yamldoc.document import Document
from catalog.yamldoc.errors import YamlError
from catalog.yamldoc.log import SCALAR

_PREFIX = "not valid YAML: "
_RUNAWAY = ("found unexpected end of stream", "found unexpected document indicator")
_NO_TOKEN = ("found character that cannot start any token", "did not find expected node content")
_FLOW = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def marked_error(exc: Any, document: Document) -> YamlError:
    """A :class:`YamlError` for a ``yaml.MarkedYAMLError`` raised while reading ``document``."""
    context, problem = exc.context or "", exc.problem or ""
    problem_at = _offset(exc.problem_mark) if exc.problem_mark else None
    context_at = _offset(exc.context_mark) if exc.context_mark else None
    at = problem_at if problem_at is not None else context_at or 0
    text = document.text

    def error(offset: int, message: str, hint: str | None = None) -> YamlError:
        line, column = document.line_col(offset)
        return YamlError(line, column, _PREFIX + message, hint, source=document.source)

    def gave_up() -> str:
        line, column = document.line_col(at)
        return f"the reader gave up at line {line}, column {column}"

    if "incompatible YAML document" in problem:  # a %YAML directive other than 1.x
        hint = "this file is read as YAML 1.2; write '%YAML 1.2' or remove the directive"
        return error(at, f"{context} {problem}".strip(), hint)
    if context.endswith("a quoted scalar") and context_at is not None:
        quote = text[context_at] if context_at < len(text) else '"'
        if problem in _RUNAWAY:
            ended = "the file ends" if problem == _RUNAWAY[0] else "a '---' line follows"
            return error(
                context_at,
                f"the {quote} quote opened here is never closed ({ended} at line "
                f"{document.line_col(at)[0]})",
                f"close the quote opened here with {quote}",
            )
        if "escape" in problem or "hexdecimal" in problem:
            shown = text[at : at + 2] if at < len(text) else "\\"
            return error(
                at,
                f"'{shown}' is not an escape a double-quoted value may hold",
                "write a backslash as \\\\, or put the value in single quotes",
            )
    runaway = _runaway_quote(document, at)
    if runaway is not None:
        return error(
            runaway,
            f"the quoted value that opens here runs on to line {document.line_col(at)[0]}; "
            f"its closing quote is probably missing ({gave_up()})",
            f"close the quote opened here with {text[runaway]}",
        )
    if problem in _RUNAWAY and context_at is not None:  # a block scalar, a directive, a tag
        return error(context_at, f"{context.removeprefix('while ')} that starts here never ends")
    if context == "while scanning a simple key" and context_at is not None:
        return error(
            context_at,
            "this line is neither a key with ':' nor a list item",
            "add ': ' after the key, start the line with '- ', or join it to the line above",
        )
    if context in _FLOW and context_at is not None:
        opening, closing = _FLOW[context]
        return error(
            context_at,
            f"the '{opening}' opened here is not closed, or an item in it is malformed "
            f"({gave_up()})",
            f"close it with '{closing}', separate items with ', ', and quote an item that "
            "holds ': ' or starts with a bracket",
        )
    if problem == "mapping values are not allowed in this context":
        return error(
            at,
            "a ':' here starts a key where none may start",
            "quote the value if it holds ': ', or fix the indentation of this line",
        )
    if context in ("while scanning an anchor", "while scanning an alias"):
        sign = "&" if context.endswith("anchor") else "*"
        return error(
            at if context_at is None else context_at,
            f"'{sign}' starts an {context.rsplit(' ', 1)[-1]} name here, and no name follows",
            f"quote the value if the '{sign}' is text: \"{_rest_of_line(text, context_at or at)}\"",
        )
    if problem in _NO_TOKEN:
        char = text[at] if at < len(text) else ""
        if char == "\t":
            return error(at, "a tab character in the indentation", "indent with spaces, not tabs")
        return error(
            at,
            f"a value cannot start with {char!r}",
            f'quote the value: "{_rest_of_line(text, at)}"',
        )
    if "tab character" in problem:
        return error(at, problem.removeprefix("found "), "indent with spaces, not tabs")
    if problem == "did not find expected key":  # inside a block mapping
        return error(
            at,
            "this line does not line up with the keys of the mapping above it",
            "indent it like the other keys of its mapping; a list item starts with '- '",
        )
    if problem == "did not find expected '-' indicator":
        return error(
            at,
            "this line does not line up with the items of the list above it",
            "indent it like the other items, each starting with '- '",
        )
    message = " ".join(part for part in (context, problem) if part)
    return error(at, message)


def reader_error(exc: Any, document: Document) -> YamlError:
    """A :class:`YamlError` for a ``yaml.reader.ReaderError`` (a character YAML forbids)."""
    code = exc.character if isinstance(exc.character, int) else 0
    # libyaml counts the position in bytes of the UTF-8 text it was given.
    prefix = document.text.encode("utf-8")[: max(exc.position, 0)]
    offset = len(prefix.decode("utf-8", errors="ignore"))
    line, column = document.line_col(offset)
    return YamlError(
        line,
        column,
        f"{_PREFIX}the control character U+{code:04X} is not allowed in YAML",
        f"remove the control character U+{code:04X}, or write it as \\u{code:04X} inside "
        "double quotes",
        source=document.source,
    )


def _offset(mark: Any) -> int:
    return int(mark.index)


def _runaway_quote(document: Document, at: int) -> int | None:
    """Where a quoted scalar that ends on the line where the reader gave up starts, when it runs
    over several lines: the usual sign of a closing quote left out (the value ran on to the
    next quote in the file)."""
    log = document.log
    last = len(log.kinds) - 1
    if last < 0 or log.kinds[last] != SCALAR or log.styles.get(last) not in ('"', "'"):
        return None
    start, end = log.starts[-1], log.ends[-1]
    text = document.text
    if "\n" not in text[start:end] or text.count("\n", end, at):
        return None
    return start


def _rest_of_line(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[at : end if end >= 0 else len(text)].rstrip().replace('"', '\\"')
