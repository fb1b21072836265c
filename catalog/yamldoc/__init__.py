"""The one YAML layer: parse with a position for every node and comment, type by YAML 1.2 core.

::

    doc = parse(text, source="resources.yaml")   # Document: text, root node, comments
    data = to_python(doc)                         # dict/list/str/int/float/bool/None
    node = doc.find(("resources", 7, "url"))      # Scalar with start/end offsets, line, col

Positions are offsets into ``doc.text`` (so an edit is a splice of that string) and 1-based
lines and columns. Every problem is a :class:`YamlError` (a ``CatalogReadError``) naming the
line and column. Edits are splices of the text (:mod:`catalog.yamldoc.splice`);
the canonical layout is :mod:`catalog.yamldoc.emit`'s.
"""

from catalog.yamldoc.document import Document
from catalog.yamldoc.errors import YamlError
from catalog.yamldoc.nodes import Alias, Comment, Mapping, Node, Scalar, Sequence
from catalog.yamldoc.reader import parse
from catalog.yamldoc.schema import plain_value, to_python

__all__ = [
    "Alias",
    "Comment",
    "Document",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "YamlError",
    "parse",
    "plain_value",
    "to_python",
]
