"""Whether two YAML readers agree: the reference reader (ruamel.yaml, pure Python, YAML 1.2),
an outcome that turns a refusal into :data:`ERROR`, and a comparison of the values read.

Shared by the differential tests and by ``bench/yaml/check_corpus.py``, which puts this
folder on ``sys.path``; only the standard library and ruamel.yaml are imported here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

ERROR = "<error>"  # what a reader that refuses the text "read"


def reference(text: str) -> Any:
    """ruamel.yaml's YAML 1.2 safe loader, pure Python: the reference the readers meet."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def outcome(read: Callable[[str], Any], text: str) -> Any:
    """What ``read`` makes of ``text``, or :data:`ERROR` when it refuses it."""
    try:
        return read(text)
    except Exception:
        return ERROR


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, keys in the same order, NaN equal to NaN; any two
    mappings compare as mappings (a reader may return a dict subclass)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)
