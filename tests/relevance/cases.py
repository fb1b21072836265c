"""The relevance set: queries a learner types, and the resources that must come back on top.

Each case names the resources that must all rank in the top ``k`` (``want``, the canonical
answer first), other resources that are right too but not required (``also``), or, for a broad
query, a topic that must fill at least ``most`` of the top five. The suite asserts every case
(``test_relevance.py``); ``bench/search/bench_relevance.py`` scores the same set (mean
reciprocal rank, nDCG@5) for the current code and for an earlier revision.

Kinds: ``en`` English words, ``fa`` Persian words, ``title`` the title of a canonical resource,
``typo`` one typo, ``prefix`` an unfinished word, ``cross`` a query in one language whose
answers are written in the other, ``id`` an id or an author.

Plain data, importable without the package, so that a benchmark can score an older revision
of the code with the same cases.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    kind: str
    want: tuple[str, ...] = ()
    k: int = 1
    also: tuple[str, ...] = ()
    topic: str | None = None
    most: int = 3


CASES: tuple[Case, ...] = (
    # The examples of the search issue.
    Case("illustrated transformer", "en", ("alammar-illustrated-transformer",)),
    Case("bert", "en", ("devlin-2018-bert",), also=("alammar-illustrated-bert",)),
    Case("rope", "en", ("su-2021-roformer-rope",), k=2, also=("eleuther-rotary-embeddings",)),
    Case("vision transformer", "en", ("dosovitskiy-2020-vit",), also=("liu-2021-swin",)),
    Case(
        "flashattention",
        "en",
        ("dao-2022-flashattention",),
        also=("hazy-flashattention-long-sequences", "flash-attention-repo"),
    ),
    Case("مکانیزم توجه", "fa", topic="attention", also=("shenasa-attention-transformers-fa",)),
    Case("ترنسفورمر بینایی", "cross", ("dosovitskiy-2020-vit",), k=2, also=("liu-2021-swin",)),
    # English words.
    Case("gpt-2", "en", ("radford-2019-gpt2",), k=2, also=("alammar-illustrated-gpt2",)),
    Case("gpt-3", "en", ("brown-2020-gpt3",), also=("alammar-how-gpt3-works",)),
    Case("longformer", "en", ("beltagy-2020-longformer",)),
    Case("mamba", "en", ("gu-dao-2023-mamba",), also=("grootendorst-visual-guide-mamba",)),
    Case("scaling laws", "en", ("kaplan-2020-scaling-laws",), also=("hoffmann-2022-chinchilla",)),
    Case("lora", "en", ("hu-2021-lora",)),
    Case("low-rank adaptation", "en", ("hu-2021-lora",)),
    Case(
        "word2vec",
        "en",
        ("mikolov-2013-word2vec", "alammar-illustrated-word2vec"),
        k=2,
        also=("weng-learning-word-embedding",),
    ),
    Case("layer normalization", "en", ("phillips-layer-normalization",)),
    Case(
        "positional encoding",
        "en",
        ("kazemnejad-positional-encoding",),
        k=3,
        also=("phillips-positional-encoding", "hf-designing-positional-encoding"),
    ),
    Case(
        "alphafold",
        "en",
        ("alphafold-repo", "jumper-2021-alphafold2"),
        k=4,
        also=("simon-silberg-illustrated-alphafold",),
    ),
    Case("induction heads", "en", ("olsson-2022-induction-heads",)),
    Case("sparse transformer", "en", ("child-2019-sparse-transformer",)),
    Case("linear attention", "en", ("katharopoulos-2020-linear-attention",), k=2),
    Case("clip", "en", ("radford-2021-clip",)),
    Case("nanogpt", "en", ("karpathy-nanogpt",)),
    Case("chinchilla", "en", ("hoffmann-2022-chinchilla",)),
    Case("rlhf", "en", ("ouyang-2022-instructgpt", "hf-blog-rlhf"), k=3),
    Case("dnabert", "en", ("ji-2021-dnabert",), also=("dnabert-repo", "zhou-2023-dnabert2")),
    Case("state space models", "en", topic="state-space-models", also=("gu-2021-s4",)),
    # Titles of canonical resources.
    Case("attention is all you need", "title", ("vaswani-2017-attention",)),
    Case(
        "the annotated transformer",
        "title",
        ("annotated-transformer-2018", "annotated-transformer-2022"),
        k=2,
    ),
    Case("formal algorithms for transformers", "title", ("phuong-hutter-2022-formal-algorithms",)),
    Case("efficient transformers a survey", "title", ("tay-2020-efficient-transformers-survey",)),
    Case(
        "the transformer family",
        "title",
        ("weng-transformer-family-v1",),
        also=("weng-transformer-family-v2",),
    ),
    Case("big bird", "title", ("zaheer-2020-bigbird",), also=("hf-blog-bigbird",)),
    Case("language models are few-shot learners", "title", ("brown-2020-gpt3",)),
    Case("what does bert look at", "title", ("clark-2019-what-does-bert-look-at",)),
    Case(
        "transformers from scratch",
        "title",
        ("bloem-transformers-from-scratch", "rohrer-transformers-from-scratch"),
        k=2,
    ),
    Case("شبکه ترنسفورمر", "title", ("ashrafi-howsam-transformer-fa",)),
    # Prefixes.
    Case("flashatt", "prefix", ("dao-2022-flashattention",), k=2),
    Case("longform", "prefix", ("beltagy-2020-longformer",)),
    Case("induction he", "prefix", ("olsson-2022-induction-heads",)),
    Case("illustrated trans", "prefix", ("alammar-illustrated-transformer",), k=2),
    Case("chinchil", "prefix", ("hoffmann-2022-chinchilla",)),
    # One typo.
    Case("atention is all you need", "typo", ("vaswani-2017-attention",)),
    Case("transfomer-xl", "typo", ("dai-2019-transformer-xl",)),
    Case("longfromer", "typo", ("beltagy-2020-longformer",)),
    Case("flashatention", "typo", ("dao-2022-flashattention",), k=2),
    Case("illustrated transfomer", "typo", ("alammar-illustrated-transformer",), k=2),
    Case("robreta", "typo", ("liu-2019-roberta",)),
    # Persian.
    Case("سازوکار توجه", "fa", topic="attention"),
    Case(
        "ترنسفورمر مصور",
        "fa",
        ("alammar-illustrated-transformer-fa", "alammar-illustrated-transformer"),
        k=2,
    ),
    Case(
        "رمزگذاری موقعیتی",
        "fa",
        topic="positional-encoding",
        also=("kazemnejad-positional-encoding",),
    ),
    Case(
        "توجه تنک",
        "fa",
        ("child-2019-sparse-transformer",),
        k=5,
        also=("zaheer-2020-bigbird", "hf-blog-bigbird"),
    ),
    Case(
        "قوانین مقیاس‌بندی",
        "fa",
        ("kaplan-2020-scaling-laws",),
        k=2,
        also=("hoffmann-2022-chinchilla",),
    ),
    Case("کم‌رتبه", "fa", ("hu-2021-lora", "wang-2020-linformer"), k=3),
    Case("تنظیم دقیق", "fa", topic="training"),
    Case("مدل فضای حالت", "fa", topic="state-space-models"),
    Case("سرهای القایی", "fa", ("olsson-2022-induction-heads",)),
    Case("تفسیرپذیری", "fa", topic="interpretability"),
    Case("پروتئین", "fa", topic="proteins"),
    Case("تعبیه واژه", "fa", ("deeplearning-ir-word-embedding-fa",), k=3),
    # Across languages.
    Case("توجه چندسر", "cross", ("phillips-multi-head-attention",), k=2),
    Case("ژنوم", "cross", topic="genomics"),
    Case("خودتوجهی", "cross", ("raschka-self-attention-from-scratch",), k=5),
    Case("transformer network", "cross", ("ashrafi-howsam-transformer-fa",), k=3),
    Case(
        "یادگیری درون‌بافتی",
        "cross",
        ("olsson-2022-induction-heads",),
        k=3,
        also=("brown-2020-gpt3",),
    ),
    Case("مدل زبانی بزرگ", "cross", topic="llm"),
    # Ids and authors.
    Case("vaswani-2017-attention", "id", ("vaswani-2017-attention",)),
    Case("vaswani", "id", ("vaswani-2017-attention",)),
    Case("alammar illustrated bert", "id", ("alammar-illustrated-bert",), k=2),
    # Companions: a word that names the companion's role finds it; the model's name alone
    # finds the main entry first.
    Case("caduceus", "en", ("schiff-2024-caduceus",), also=("caduceus-blog",)),
    Case("hyenadna code", "en", ("hyena-dna-repo",)),
    Case("nucleotide transformer notebook", "en", ("hf-notebook-nucleotide-transformer",)),
    Case("evo 2", "en", ("brixi-2025-evo2",)),
    # The paper before the post or code whose titles carry the model's name; naming the role
    # asks for the companion.
    Case("esm3", "en", ("hayes-2025-esm3",), k=1, also=("esm3-release-blog",)),
    Case("enformer", "en", ("avsec-2021-enformer",), k=1, also=("enformer-code",)),
    Case("enformer code", "en", ("enformer-code",), k=1),
    Case(
        "alphafold 3",
        "en",
        ("abramson-2024-alphafold3",),
        also=("simon-silberg-illustrated-alphafold",),
    ),
)
