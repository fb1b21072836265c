"""Tricky YAML, each case with the value YAML 1.2's core schema gives it (worked out from the spec).

``ERROR`` means a reader must refuse the text. Used by ``check_corpus.py`` to compare every
candidate with this expectation and with ruamel.yaml's YAML 1.2 loader.
"""

# ruff: noqa: E501  (one case per line reads best; the cases are data)

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# ERROR: a reader must refuse the text; one definition, with the comparison the tests make.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "yamldoc"))
from agree import ERROR

FA = "مدل ترنسفورمر"

CASES: list[tuple[str, str, Any]] = [
    # Plain scalars that YAML 1.1 and 1.2 read differently.
    ("sexagesimal 1:30", "a: 1:30\n", {"a": "1:30"}),
    ("leading zero 017", "a: 017\n", {"a": 17}),
    ("octal 0o17", "a: 0o17\n", {"a": 15}),
    ("hex 0x1F", "a: 0x1F\n", {"a": 31}),
    ("exponent 1e3", "a: 1e3\n", {"a": 1000.0}),
    ("float .5 and 1.", "a: .5\nb: 1.\n", {"a": 0.5, "b": 1.0}),
    (
        "signed -.inf",
        "a: -.inf\nb: .inf\nc: +12\n",
        {"a": float("-inf"), "b": float("inf"), "c": 12},
    ),
    (
        "tilde, null, empty",
        "a: ~\nb: null\nc:\nd: NULL\n",
        {"a": None, "b": None, "c": None, "d": None},
    ),
    (
        "yes no on off",
        "a: yes\nb: no\nc: on\nd: Off\ne: y\n",
        {"a": "yes", "b": "no", "c": "on", "d": "Off", "e": "y"},
    ),
    (
        "true spellings",
        "a: true\nb: False\nc: TRUE\nd: tRue\n",
        {"a": True, "b": False, "c": True, "d": "tRue"},
    ),
    (
        "date is text",
        "a: 2024-02-08\nb: 2024-02-08T10:00:00Z\n",
        {"a": "2024-02-08", "b": "2024-02-08T10:00:00Z"},
    ),
    (
        "underscores are text",
        "a: 1_000\nb: 0b101\nc: -0o7\n",
        {"a": "1_000", "b": "0b101", "c": "-0o7"},
    ),
    (
        "quoted stays text",
        "a: '017'\nb: \"1e3\"\nc: 'true'\n",
        {"a": "017", "b": "1e3", "c": "true"},
    ),
    # Quoting and escapes.
    ("double-quoted escapes", 'a: "\\u0627\\t\\x41\\\\ \\"q\\" \\/"\n', {"a": 'ا\tA\\ "q" /'}),
    ("double-quoted line folding", 'a: "one\n  two\n\n  three"\n', {"a": "one two\nthree"}),
    ("escaped line break", 'a: "one \\\n  two"\n', {"a": "one two"}),
    ("single-quoted ''", "a: 'it''s # not a comment'\n", {"a": "it's # not a comment"}),
    ("plain multi-line", "a: one\n  two\n\n  three\n", {"a": "one two\nthree"}),
    ("colon inside plain", "a: http://x.org/a:b\nb: a:b\n", {"a": "http://x.org/a:b", "b": "a:b"}),
    # Block scalars: literal, folded, chomping, indentation indicators.
    ("literal |", "a: |\n  one\n   two\n\nb: 1\n", {"a": "one\n two\n", "b": 1}),
    ("literal |-", "a: |-\n  one\n  two\n\n", {"a": "one\ntwo"}),
    ("literal |+", "a: |+\n  one\n\n\nb: 1\n", {"a": "one\n\n\n", "b": 1}),
    ("folded >", "a: >\n  one\n  two\n\n  three\n", {"a": "one two\nthree\n"}),
    ("folded >+", "a: >+\n  one\n  two\n\nb: 1\n", {"a": "one two\n\n", "b": 1}),
    ("folded more-indented", "a: >-\n  one\n    code\n  two\n", {"a": "one\n  code\ntwo"}),
    ("indentation indicator >2", "a: >2\n    lead\n  two\n", {"a": "  lead\ntwo\n"}),
    ("literal |1 under a list", "- |1\n  x\n", [" x\n"]),
    (
        "block with # inside",
        "a: |\n  # kept\n  text # kept\n# a comment\nb: 2\n",
        {"a": "# kept\ntext # kept\n", "b": 2},
    ),
    # Flow collections.
    ("flow sequence", 'a: [a, "b, c", 1, [x]]\n', {"a": ["a", "b, c", 1, ["x"]]}),
    ("flow mapping", "a: {k: v, n: 1, e: }\n", {"a": {"k": "v", "n": 1, "e": None}}),
    ("flow over lines", "a: [one,\n  two, # c\n  three]\n", {"a": ["one", "two", "three"]}),
    ("single pair in flow seq", "a: [k: v]\n", {"a": [{"k": "v"}]}),
    # Anchors and aliases.
    (
        "anchor and alias",
        "a: &x {k: v}\nb: *x\nc: &s text\nd: *s\n",
        {"a": {"k": "v"}, "b": {"k": "v"}, "c": "text", "d": "text"},
    ),
    ("alias before anchor", "a: *x\nb: &x 1\n", ERROR),
    ("merge key refused", "a: &x {k: v}\nb:\n  <<: *x\n", ERROR),
    # Comments everywhere.
    (
        "comments everywhere",
        "# head\na: # after key\n  # before value\n  b: 1 # trailing\n  # between\n  c: [1, # in flow\n    2]\n# tail\n",
        {"a": {"b": 1, "c": [1, 2]}},
    ),
    ("hash without space", "a: b#c\nb: 'x' #c\n", {"a": "b#c", "b": "x"}),
    # Bytes on the edge.
    (
        "CRLF line endings",
        "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: two\r\n  lines\r\n",
        {"a": 1, "b": "x\ny\n", "c": "two lines"},
    ),
    ("BOM", "\ufeffa: 1\n", {"a": 1}),
    ("tab after colon", "a:\tb\nc: d\t# c\n", {"a": "b", "c": "d"}),
    ("tab indentation refused", "a:\n\tb: 1\n", ERROR),
    ("Persian text", f"a: {FA}\nb: '{FA}: x'\n{FA}: v\n", {"a": FA, "b": f"{FA}: x", FA: "v"}),
    ("line separator in quotes", 'a: "x\u2028y"\nb: 1\n', {"a": "x\u2028y", "b": 1}),
    # Things a catalog reader refuses.
    ("duplicate key", "a: 1\na: 2\n", ERROR),
    ("duplicate key, quoted", "a: 1\n'a': 2\n", ERROR),
    ("two documents", "a: 1\n---\nb: 2\n", ERROR),
    ("python tag", "a: !!python/object:os.system x\n", ERROR),
    ("custom tag", "a: !env HOME\n", ERROR),
    (
        "core tags",
        "a: !!str 1\nb: !!int '7'\nc: !!float 1\nd: ! 12\n",
        {"a": "1", "b": 7, "c": 1.0, "d": "12"},
    ),
    ("timestamp tag refused", "a: !!timestamp 2024-02-08\n", ERROR),
    ("not YAML", "a: [1, 2\nb: 3\n", ERROR),
    ("bad indentation", "a: 1\n b: 2\n", ERROR),
]
