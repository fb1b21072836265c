"""Syntax errors said as one line: the place of the fault (not where the reader gave up), what
is wrong, and a hint; never PyYAML's own text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from catalog.yamldoc import YamlError, parse

SMALL = Path(__file__).parents[1] / "fixtures" / "valid" / "minimal.yaml"


def _error(text: str) -> YamlError:
    with pytest.raises(YamlError) as caught:
        parse(text, source="f.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an unterminated quote points at the quote, not at the end of the file
            'a: 1\nb: "open\nc: 2\nd: 3\n',
            'f.yaml:2:4: not valid YAML: the " quote opened here is never closed (the file ends '
            'at line 5) (close the quote opened here with ")',
        ),
        (
            "a: 1\nb: 'open\nc: 2\n",
            "f.yaml:2:4: not valid YAML: the ' quote opened here is never closed (the file ends "
            "at line 4) (close the quote opened here with ')",
        ),
        (  # the quote ran on to the next quote in the file, and the reader gave up there
            'a:\n  b: "open\n  c: 2\n  d: "x"\n',
            "f.yaml:2:6: not valid YAML: the quoted value that opens here runs on to line 4; its "
            "closing quote is probably missing (the reader gave up at line 4, column 7) (close "
            'the quote opened here with ")',
        ),
        (
            "a:\n  b: foo: bar\n",
            "f.yaml:2:9: not valid YAML: a ':' here starts a key where none may start (quote the "
            "value if it holds ': ', or fix the indentation of this line)",
        ),
        (
            "a:\n  b: 1\n   c: 2\n",
            "f.yaml:3:5: not valid YAML: a ':' here starts a key where none may start (quote the "
            "value if it holds ': ', or fix the indentation of this line)",
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "f.yaml:3:2: not valid YAML: this line does not line up with the keys of the mapping "
            "above it (indent it like the other keys of its mapping; a list item starts with '- ')",
        ),
        (
            "a:\n\tb: 1\n",
            "f.yaml:2:1: not valid YAML: a tab character in the indentation (indent with spaces, "
            "not tabs)",
        ),
        (
            "a: |\n  x\n\ty\n",
            "f.yaml:3:1: not valid YAML: a tab character where an indentation space is expected "
            "(indent with spaces, not tabs)",
        ),
        (  # a flow collection points at its bracket
            "a: [1, 2\nb: 3\n",
            "f.yaml:1:4: not valid YAML: the '[' opened here is not closed, or an item in it is "
            "malformed (the reader gave up at line 2, column 2) (close it with ']', separate "
            "items with ', ', and quote an item that holds ': ' or starts with a bracket)",
        ),
        (
            "a: {x: 1\nb: 3\n",
            "f.yaml:1:4: not valid YAML: the '{' opened here is not closed, or an item in it is "
            "malformed (the reader gave up at line 2, column 2) (close it with '}', separate "
            "items with ', ', and quote an item that holds ': ' or starts with a bracket)",
        ),
        (
            'a: "x\\qy"\n',
            "f.yaml:1:6: not valid YAML: '\\q' is not an escape a double-quoted value may hold "
            "(write a backslash as \\\\, or put the value in single quotes)",
        ),
        (
            "a: 1\nb\nc: 2\n",
            "f.yaml:2:1: not valid YAML: this line is neither a key with ':' nor a list item (add "
            "': ' after the key, start the line with '- ', or join it to the line above)",
        ),
        (
            "a: @x y\n",
            "f.yaml:1:4: not valid YAML: a value cannot start with '@' (quote the value: \"@x y\")",
        ),
        (
            "a: &\n",
            "f.yaml:1:4: not valid YAML: '&' starts an anchor name here, and no name follows "
            "(quote the value if the '&' is text: \"&\")",
        ),
        (  # a NUL: its own place (libyaml counts bytes), one line
            "topics: {}\nresources: [\x00]\n",
            "f.yaml:2:13: not valid YAML: the control character U+0000 is not allowed in YAML "
            "(remove the control character U+0000, or write it as \\u0000 inside double quotes)",
        ),
        (
            "a: مدل\nb: [\x7f]\n",
            "f.yaml:2:5: not valid YAML: the control character U+007F is not allowed in YAML "
            "(remove the control character U+007F, or write it as \\u007F inside double quotes)",
        ),
        (
            "a: \ud800\n",
            "f.yaml:1:4: the text holds a lone surrogate U+D800 (remove it; a file read as UTF-8 "
            "cannot hold one)",
        ),
    ],
)
def test_a_syntax_error_is_one_line_at_the_fault_with_a_hint(text: str, expected: str) -> None:
    error = _error(text)
    assert str(error) == expected
    assert "\n" not in str(error)
    assert "<unicode string>" not in str(error)


def test_no_error_of_the_reader_leaks_pyyaml_text() -> None:
    broken = [
        "a: !<x\n",
        "%FOO\n---\na: 1\n",
        "a: *\n",
        "a: ]\n",
        "- a\nb: 1\n",
        "a:\n  - 1\n  b: 2\n",
        '"a\n',
        "a: |\n x\n  \x01\n",
        "[a, b\n",
    ]
    for text in broken:
        message = str(_error(text))
        assert message.startswith("f.yaml:"), message
        assert "\n" not in message, message
        assert "<unicode string>" not in message, message


def _unclosed(tmp_path: Path, last: bool) -> tuple[Path, int, int]:
    """A small valid catalog with the closing quote of its first (or last) double-quoted value
    removed; the line and column of the quote left open."""
    lines = SMALL.read_text(encoding="utf-8").splitlines(keepends=True)
    quoted = [i for i, line in enumerate(lines) if line.rstrip().endswith('"')]
    at = quoted[-1] if last else quoted[0]
    lines[at] = lines[at].rstrip()[:-1] + "\n"
    path = tmp_path / "unclosed.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, at + 1, lines[at].index('"') + 1


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "catalog"
    return subprocess.run(
        [str(script), "validate", "--catalog", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(script.parent), "NO_COLOR": "1", "COLUMNS": "200"},
    )


@pytest.mark.parametrize("last", [False, True], ids=["a quote follows", "the file ends"])
def test_validate_points_at_the_quote_that_is_not_closed(tmp_path: Path, last: bool) -> None:
    path, line, column = _unclosed(tmp_path, last)
    done = _validate(path)
    assert done.returncode == 2
    assert done.stdout.startswith(f"{path}:{line}:{column}: not valid YAML: ")
    assert done.stdout.endswith('(close the quote opened here with ")\n')
    assert len(done.stdout.splitlines()) == 1


def test_validate_puts_a_nul_byte_where_it_is_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"topics: {}\nresources: [\x00]\n")
    done = _validate(path)
    assert done.returncode == 2
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"{path}:2:13: not valid YAML: the control character U+0000")
    assert first.endswith(
        "(remove the control character U+0000, or write it as \\u0000 inside double quotes)"
    )
    assert len(done.stdout.splitlines()) == 1
    assert "<unicode string>" not in done.stdout + done.stderr


def test_a_key_that_is_a_list_is_shown_where_it_starts() -> None:
    from catalog.yamldoc import to_python

    with pytest.raises(YamlError) as caught:
        to_python(parse("a: 1\nb:\n  ? [a, b]\n  : c\n", source="f.yaml"))
    assert str(caught.value) == "f.yaml:3:5: mapping keys must be text, not list ['a', 'b']"
