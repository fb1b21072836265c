"""Checks on the catalog we ship (resources.yaml at the top of the repository): its structure.

These tests guard the data, not the code: the shipped file must load cleanly, cover every topic
and kind, carry English and Persian descriptions, have no duplicate links, keep its learning
paths pointing at real entries (seven or more, every seed resource on one of them, the audit's
reordering kept), record the companion groups the content issue names, and still list every
resource linked from the seed blog post and the resources the content audit found missing.
The audit's rules for the text itself are in ``test_content.py``.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from catalog import vocab

from .helpers import PERSIAN_LETTERS, descriptions, shipped, text

MIN_RESOURCES = 180
MIN_PER_TOPIC = 5
KINDS = set(vocab.KINDS)
REQUIRED_PATHS = {
    "from-zero",
    "attention-in-depth",
    "long-sequences",
    "dna-and-proteins",
    "long-range-biology",
    "build-a-transformer",
    "llms-and-pretraining",
}
MIN_PATHS = 7
MIN_STEPS, MAX_STEPS = 5, 12
# The seven resources of the seed post, by id: each must be on some learning path.
SEED_IDS = (
    "serrano-nlp-llm-playlist",
    "nlp-with-transformers-book",
    "noebauer-big-picture-long-sequences",
    "hf-long-range-transformers",
    "phillips-embedding-layer",
    "phillips-positional-encoding",
    "phillips-multi-head-attention",
)
# Companion groups the content issue names: main entry -> companions it must list.
COMPANION_GROUPS = {
    "ji-2021-dnabert": {"dnabert-repo"},
    "nguyen-2023-hyenadna": {"hazy-hyenadna-blog", "hyena-dna-repo"},
    "gu-dao-2023-mamba": {"mamba-repo"},
    "rives-2021-esm1b": {"esm-repo"},
    "dao-2022-flashattention": {"flash-attention-repo", "hazy-flashattention-long-sequences"},
    "abramson-2024-alphafold3": {"simon-silberg-illustrated-alphafold"},
    "hayes-2025-esm3": {"esm3-release-blog"},
    "karpathy-minbpe": {"karpathy-gpt-tokenizer"},
    "dallatorre-nucleotide-transformer": {"nucleotide-transformer-repo"},
    "avsec-2021-enformer": {"enformer-code"},
    "schiff-2024-caduceus": {"caduceus-blog"},
    "nguyen-2024-evo": {"evo-repo", "brixi-2025-evo2"},
    "alammar-illustrated-transformer": {"alammar-illustrated-transformer-fa"},
    "alammar-visualizing-nmt-attention": {"alammar-visualizing-nmt-attention-fa"},
    "alammar-illustrated-bert": {"alammar-illustrated-bert-fa"},
}

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

# Resources the audit found missing (issue "Content, second round"), by canonical URL.
AUDIT_MISSING_URLS = (
    "https://www.nature.com/articles/s41586-024-07487-w",  # AlphaFold 3
    "https://www.science.org/doi/10.1126/science.ads0018",  # ESM3
    "https://proceedings.mlr.press/v139/rao21a.html",  # MSA Transformer
    "https://www.pnas.org/doi/10.1073/pnas.2311219120",  # GPN
    "https://www.nature.com/articles/s41587-022-01618-2",  # ProGen
    "https://arxiv.org/abs/2006.16236",  # Transformers are RNNs (linear attention)
    "https://arxiv.org/abs/2305.13245",  # GQA
    "https://arxiv.org/abs/2310.01889",  # Ring Attention
    "https://arxiv.org/abs/2307.03172",  # Lost in the Middle
    "https://jalammar.github.io/illustrated-word2vec/",
    "https://e2eml.school/transformers.html",  # Brandon Rohrer, Transformers from Scratch
    "https://www.youtube.com/watch?v=9-Jl0dxWQs8",  # 3Blue1Brown, chapter 7
    "https://www.youtube.com/watch?v=zjkBMFhNj_g",  # Karpathy, Intro to Large Language Models
)


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


def test_canonical_url_normaliser() -> None:
    assert canonical_url("HTTPS://WWW.Example.com/a/b/?utm_source=x&q=1#top") == (
        "https://example.com/a/b?q=1"
    )
    assert _key("http://example.com/x/") == _key("https://www.example.com/x")


def test_loads_without_problems() -> None:
    warnings = list(shipped().warnings)
    assert warnings == [], "\n".join(str(w) for w in warnings)


def test_has_enough_resources() -> None:
    assert len(shipped().resources) >= MIN_RESOURCES


def test_every_topic_has_enough_resources() -> None:
    catalog = shipped()
    counts: Counter[str] = Counter(t for r in catalog.resources for t in r.topics)
    thin = {topic: counts[topic] for topic in catalog.topics if counts[topic] < MIN_PER_TOPIC}
    assert not thin, f"topics with fewer than {MIN_PER_TOPIC} resources: {thin}"


def test_every_resource_topic_is_declared() -> None:
    catalog = shipped()
    names = set(catalog.topics)
    for topic in catalog.topics.values():
        names.update(topic.aliases)
    unknown = {r.id: t for r in catalog.resources for t in r.topics if t not in names}
    assert not unknown


def test_every_kind_appears() -> None:
    kinds = {r.kind for r in shipped().resources}
    assert kinds >= KINDS, f"missing kinds: {sorted(KINDS - kinds)}"


def test_every_resource_has_english_and_persiandescriptions() -> None:
    missing = []
    for resource in shipped().resources:
        texts = descriptions(resource)
        if not texts.get("en", "").strip() or not texts.get("fa", "").strip():
            missing.append(resource.id)
        elif not PERSIAN_LETTERS.search(texts["fa"]):
            missing.append(f"{resource.id} (fa text has no Persian letters)")
    assert not missing, missing


def test_ids_are_unique() -> None:
    counts = Counter(r.id for r in shipped().resources)
    assert not [rid for rid, n in counts.items() if n > 1]


def test_no_two_resources_share_a_url() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for resource in shipped().resources:
        key = _key(resource.url)
        if key in seen:
            clashes.append((seen[key], resource.id))
        seen[key] = resource.id
    assert not clashes, clashes


def test_learning_paths_point_at_real_resources() -> None:
    catalog = shipped()
    ids = {r.id for r in catalog.resources}
    assert set(catalog.paths) >= REQUIRED_PATHS
    for path_id, path in catalog.paths.items():
        step_ids = [step.id for step in path.steps]
        assert step_ids, f"path {path_id} has no steps"
        assert set(step_ids) <= ids, f"path {path_id}: unknown {sorted(set(step_ids) - ids)}"
        assert len(step_ids) == len(set(step_ids)), f"path {path_id} repeats a step"


def test_enough_learning_paths() -> None:
    paths = shipped().paths
    assert len(paths) >= MIN_PATHS
    assert all(len(p.steps) >= MIN_STEPS for p in paths.values())


@pytest.mark.parametrize("path_id", sorted(REQUIRED_PATHS))
def test_required_paths_are_bilingual_and_well_sized(path_id: str) -> None:
    path = shipped().paths[path_id]
    assert MIN_STEPS <= len(path.steps) <= MAX_STEPS
    assert text(path.title, "en")
    assert PERSIAN_LETTERS.search(text(path.title, "fa"))
    assert path.description is not None
    assert text(path.description, "en").strip()
    assert PERSIAN_LETTERS.search(text(path.description, "fa"))
    for step in path.steps:
        where = f"{path_id}/{step.id}"
        assert text(step.note, "en").strip(), f"{where}: no English note"
        assert PERSIAN_LETTERS.search(text(step.note, "fa")), f"{where}: no Persian note"


@pytest.mark.parametrize("resource_id", SEED_IDS)
def test_every_seed_resource_is_on_a_learning_path(resource_id: str) -> None:
    on_paths = {step.id for path in shipped().paths.values() for step in path.steps}
    assert resource_id in on_paths


def test_the_long_range_biology_path_ends_at_caduceus_evo_and_evo2() -> None:
    path = shipped().paths["long-range-biology"]
    assert [s.id for s in path.steps][-3:] == [
        "schiff-2024-caduceus",
        "nguyen-2024-evo",
        "brixi-2025-evo2",
    ]
    assert set(path.requires) == {"dna-and-proteins", "long-sequences"}


def test_dna_and_proteins_reads_protein_models_before_fine_tuning_one() -> None:
    # The audit: the path had you fine-tune a protein model before any protein LM paper.
    order = [s.id for s in shipped().paths["dna-and-proteins"].steps]
    assert order.index("rives-2021-esm1b") < order.index("hf-notebook-protein-language-modeling")
    proteins = {"rives-2021-esm1b", "lin-2023-esm2-esmfold", "simon-silberg-illustrated-alphafold"}
    dna = {"ji-2021-dnabert", "zhou-2023-dnabert2", "benegas-2024-genomic-lm-review"}
    assert max(order.index(i) for i in proteins) < min(order.index(i) for i in dna)


@pytest.mark.parametrize("main_id", sorted(COMPANION_GROUPS))
def test_companion_groups_are_recorded(main_id: str) -> None:
    catalog = shipped()
    main = catalog.get(main_id)
    assert main is not None
    assert COMPANION_GROUPS[main_id] <= {c.id for c in main.companions}
    for companion_id in COMPANION_GROUPS[main_id]:
        found = catalog.main_of(companion_id)
        assert found is not None
        assert found[0].id == main_id


def test_translations_are_companions_of_their_originals() -> None:
    catalog = shipped()
    for resource in catalog.resources:
        if resource.id.endswith("-fa") and catalog.get(resource.id[: -len("-fa")]) is not None:
            found = catalog.main_of(resource.id)
            assert found is not None, resource.id
            assert found[1].role == "translation", resource.id


@pytest.mark.parametrize("url", SEED_URLS)
def test_seed_post_resources_are_listed(url: str) -> None:
    listed = {_key(r.url) for r in shipped().resources}
    assert _key(url) in listed


@pytest.mark.parametrize("url", AUDIT_MISSING_URLS)
def test_resources_the_audit_found_missing_are_listed(url: str) -> None:
    listed = {_key(r.url) for r in shipped().resources}
    assert _key(url) in listed
