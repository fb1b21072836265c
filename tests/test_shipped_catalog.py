"""Checks on the catalog we ship (resources.yaml at the top of the repository).

These tests guard the data, not the code: the shipped file must load cleanly, cover every topic
and kind, carry English and Persian descriptions, have no duplicate links, keep its learning
paths pointing at real entries and still list every resource linked from the seed blog post.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from catalog import load, vocab

SHIPPED = Path(__file__).resolve().parents[1] / "resources.yaml"

MIN_RESOURCES = 120
MIN_PER_TOPIC = 5
KINDS = set(vocab.KINDS)
REQUIRED_PATHS = {"from-zero", "attention-in-depth", "long-sequences", "dna-and-proteins"}

# Every resource linked from the seed post, in the canonical form the catalog uses. The post's
# YouTube link was a watch URL with a list= parameter: the playlist and its first video are both
# listed. Its Google Books link for the book is replaced by the publisher's page.
SEED_URLS = (
    "https://www.youtube.com/playlist?list=PLs8w1Cdi-zvYskDS2icIItfZgxclApVLv",
    "https://www.youtube.com/watch?v=OxCpWwDCDFQ",
    "https://www.oreilly.com/library/view/natural-language-processing/9781098136789/",
    "https://medium.com/@lukas.noebauer/the-big-picture-transformers-for-long-sequences-890cc0e7613b",
    "https://huggingface.co/blog/long-range-transformers",
    "https://medium.com/@hunter-j-phillips/the-embedding-layer-27d9c980d124",
    "https://medium.com/@hunter-j-phillips/positional-encoding-7a93db4109e6",
    "https://medium.com/@hunter-j-phillips/multi-head-attention-7924371d477a",
)

PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


def canonical_url(url: str) -> str:
    """A comparison key: lower-case scheme and host, no ``www.``, no trailing slash, no
    fragment and no ``utm_*`` parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_")
        ]
    )
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), query, ""))


def _key(url: str) -> str:
    # http and https forms of one page are the same resource.
    return canonical_url(url).split("://", 1)[-1]


@cache
def _catalog() -> Any:
    return load(SHIPPED)


def _descriptions(resource: Any) -> dict[str, str]:
    description = resource.description
    if isinstance(description, str):
        return {"en": description}
    return dict(description)


def _text(value: Any, lang: str) -> str:
    if isinstance(value, str):
        return value if lang == "en" else ""
    return str(value.get(lang, ""))


def test_canonical_url_normaliser() -> None:
    assert canonical_url("HTTPS://WWW.Example.com/a/b/?utm_source=x&q=1#top") == (
        "https://example.com/a/b?q=1"
    )
    assert _key("http://example.com/x/") == _key("https://www.example.com/x")


def test_loads_without_problems() -> None:
    catalog = _catalog()
    warnings = getattr(catalog, "warnings", None)
    if warnings is None:
        pytest.skip("this catalog version does not report warnings")
    assert list(warnings) == [], "\n".join(str(w) for w in warnings)


def test_has_enough_resources() -> None:
    assert len(_catalog().resources) >= MIN_RESOURCES


def test_every_topic_has_enough_resources() -> None:
    catalog = _catalog()
    counts: Counter[str] = Counter(t for r in catalog.resources for t in r.topics)
    thin = {topic: counts[topic] for topic in catalog.topics if counts[topic] < MIN_PER_TOPIC}
    assert not thin, f"topics with fewer than {MIN_PER_TOPIC} resources: {thin}"


def test_every_resource_topic_is_declared() -> None:
    catalog = _catalog()
    names = set(catalog.topics)
    for topic in catalog.topics.values():
        names.update(topic.aliases)
    unknown = {r.id: t for r in catalog.resources for t in r.topics if t not in names}
    assert not unknown


def test_every_kind_appears() -> None:
    kinds = {r.kind for r in _catalog().resources}
    assert kinds >= KINDS, f"missing kinds: {sorted(KINDS - kinds)}"


def test_every_resource_has_english_and_persian_descriptions() -> None:
    missing = []
    for resource in _catalog().resources:
        texts = _descriptions(resource)
        if not texts.get("en", "").strip() or not texts.get("fa", "").strip():
            missing.append(resource.id)
        elif not PERSIAN_LETTERS.search(texts["fa"]):
            missing.append(f"{resource.id} (fa text has no Persian letters)")
    assert not missing, missing


def test_ids_are_unique() -> None:
    counts = Counter(r.id for r in _catalog().resources)
    assert not [rid for rid, n in counts.items() if n > 1]


def test_no_two_resources_share_a_url() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for resource in _catalog().resources:
        key = _key(resource.url)
        if key in seen:
            clashes.append((seen[key], resource.id))
        seen[key] = resource.id
    assert not clashes, clashes


def test_learning_paths_point_at_real_resources() -> None:
    catalog = _catalog()
    ids = {r.id for r in catalog.resources}
    assert set(catalog.paths) >= REQUIRED_PATHS
    for path_id, path in catalog.paths.items():
        step_ids = [step.id for step in path.steps]
        assert step_ids, f"path {path_id} has no steps"
        assert set(step_ids) <= ids, f"path {path_id}: unknown {sorted(set(step_ids) - ids)}"
        assert len(step_ids) == len(set(step_ids)), f"path {path_id} repeats a step"


@pytest.mark.parametrize("path_id", sorted(REQUIRED_PATHS))
def test_required_paths_are_bilingual_and_well_sized(path_id: str) -> None:
    path = _catalog().paths[path_id]
    assert 5 <= len(path.steps) <= 9
    assert _text(path.title, "en")
    assert PERSIAN_LETTERS.search(_text(path.title, "fa"))
    for step in path.steps:
        where = f"{path_id}/{step.id}"
        assert _text(step.note, "en").strip(), f"{where}: no English note"
        assert PERSIAN_LETTERS.search(_text(step.note, "fa")), f"{where}: no Persian note"


@pytest.mark.parametrize("url", SEED_URLS)
def test_seed_post_resources_are_listed(url: str) -> None:
    listed = {_key(r.url) for r in _catalog().resources}
    assert _key(url) in listed
