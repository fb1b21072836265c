"""Property: the canonical layout keeps every value and every comment and is stable, on YAML
written in random styles (anchors and aliases, kept and folded blocks, flow collections,
comments after dashes and keys), or refuses, naming the comment it cannot place."""

from __future__ import annotations

import math
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.curate.fmt import SortOrder, format_text
from catalog.curate.yamledit import comment_census
from catalog.errors import EditUnsafe, UnreadableInput
from catalog.yamldoc import parse, to_python

from .test_differential import DATA, WORD, Renderer, catalogs


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and bool(a == b)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(catalogs(), st.dictionaries(WORD, DATA, min_size=1, max_size=4)),
    rng=st.randoms(),
    sort=st.sampled_from([None, SortOrder.id]),
)
def test_the_layout_keeps_values_and_comments_and_is_stable(
    data: dict[str, Any], rng: random.Random, sort: SortOrder | None
) -> None:
    text = Renderer(rng).block(data, 0)
    refused = ""
    try:
        once = format_text(text, sort=sort)
    except UnreadableInput:
        return  # not a catalog the reader accepts (an alias inside its own anchor...)
    except EditUnsafe as exc:
        refused = str(exc)
    if refused:  # the one refusal allowed: a comment between a key and a later-line value
        assert "has no place in the canonical layout" in refused
        return
    assert comment_census(once) == comment_census(text)
    if sort is None:
        assert _same(to_python(parse(once)), to_python(parse(text)))
    assert format_text(once, sort=sort) == once
