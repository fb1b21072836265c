"""The relevance set (cases.py) on the shipped catalog: each query puts its resources on top."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from catalog import load
from catalog.index import Index
from catalog.search import rank

from .cases import CASES, Case

SHIPPED = Path(__file__).resolve().parents[2] / "resources.yaml"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index.build(load(SHIPPED))


def test_the_set_is_large_and_varied() -> None:
    kinds = Counter(case.kind for case in CASES)
    assert len(CASES) >= 40
    assert {"en", "fa", "title", "typo", "prefix", "cross", "id"} <= set(kinds)
    assert len({case.query for case in CASES}) == len(CASES)


def test_every_named_resource_exists(index: Index) -> None:
    ids = {r.id for r in index.catalog.resources}
    named = {rid for case in CASES for rid in (*case.want, *case.also)}
    assert named <= ids, named - ids
    assert {case.topic for case in CASES if case.topic} <= set(index.catalog.topics)


@pytest.mark.parametrize("case", CASES, ids=[case.query for case in CASES])
def test_query_ranks_its_resources_on_top(index: Index, case: Case) -> None:
    hits = rank(index, case.query)
    ranking = [hit.resource.id for hit in hits]
    assert not hits[0].partial
    top = ranking[: case.k]
    assert all(rid in top for rid in case.want), f"top {case.k}: {top}"
    if case.topic:
        of_topic = [hit.resource.id for hit in hits[:5] if case.topic in hit.resource.topics]
        assert len(of_topic) >= case.most, f"top 5: {ranking[:5]}"
