"""SQLite FTS5 against our own BM25F index: build, load and query time, and relevance.

Run by hand (never in the test suite):

    python bench/search/bench_engines.py            # shipped catalog and 10,000 entries

FTS5 (in the sqlite3 module of Python) gets the same help ours has, so that the engines are
compared and not the query languages: the text it indexes is normalised by catalog.textnorm
(FTS5 keeps Arabic diacritics and knows nothing of Persian letter forms or the zero-width
non-joiner); each query word becomes ``word OR word*`` plus the index words within one typo of it
(read from an fts5vocab table: FTS5 has no typo tolerance); glossary terms add their other forms
as phrases; ``bm25()`` weighs the columns as catalog.index.FIELDS does. Relevance is measured on
tests/relevance/cases.py twice for FTS5: its bm25() order alone, and that order re-ranked by our
boosts (title, short names, phrase, older first), which isolates the engine's scoring.

Build times include writing the index where each engine keeps it (our JSON cache text; a SQLite
file with the catalog JSON alongside, like our cache); load is what a query process pays before
it can rank (json.loads of the cache against opening the database, trusted_schema=OFF).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from array import array
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "core")]

from bench_relevance import score  # noqa: E402
from benchkit import ROOT, arguments, median_of  # noqa: E402
from cases import CASES  # noqa: E402
from generate import generate  # noqa: E402

from catalog import matching, ranking  # noqa: E402
from catalog.boosts import Boosts  # noqa: E402
from catalog.glossary import Glossary  # noqa: E402
from catalog.index import FIELDS, Index  # noqa: E402
from catalog.loader import loads  # noqa: E402
from catalog.models import Catalog  # noqa: E402
from catalog.search import rank  # noqa: E402
from catalog.textnorm import words  # noqa: E402

SPEED_QUERIES = ["transformer", "attention model", "atention", "trans", "protein genome"]


def fields(catalog: Catalog) -> list[tuple[str, str, str, str]]:
    """Each resource's four fields, as catalog.index indexes them, normalised."""
    titles = {
        k: t.title if isinstance(t.title, str) else " ".join(t.title.values())
        for k, t in catalog.topics.items()
    }
    rows = []
    for r in catalog.resources:
        keywords = [*r.topics, *r.tags, str(r.year), *(titles[t] for t in r.topics if t in titles)]
        texts = (
            r.title,
            " ".join(keywords),
            " ".join(r.authors),
            " ".join(r.descriptions.values()),
        )
        rows.append(tuple(" ".join(words(text)) for text in texts))
    return rows  # type: ignore[return-value]


class Fts:
    """A catalog in an FTS5 table, queried the way catalog.search queries its own index."""

    def __init__(self, db: sqlite3.Connection, catalog: Catalog) -> None:
        self.db = db
        self.catalog = catalog
        self.glossary = Glossary(catalog.glossary)
        vocabulary = sorted(term for (term,) in db.execute("SELECT term FROM vocab"))
        no_hits = array("I", [0] * (len(vocabulary) + 1))
        self.vocabulary = Index(catalog, vocabulary, array("I"), no_hits)  # words, not hits

    @staticmethod
    def build(path: str, catalog: Catalog) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(title, keywords, authors, description, "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row')")
        db.execute("CREATE TABLE doc(data TEXT)")
        db.executemany(
            "INSERT INTO fts(rowid, title, keywords, authors, description) VALUES (?, ?, ?, ?, ?)",
            [(i, *row) for i, row in enumerate(fields(catalog))],
        )
        from catalog.modelkit import to_json

        db.execute(
            "INSERT INTO doc VALUES (?)", (json.dumps(to_json(catalog), ensure_ascii=False),)
        )
        db.commit()
        return db

    def matches(self, word: str, fuzzy: bool) -> dict[str, float]:
        return matching.word_matches(word, self.vocabulary, fuzzy)

    def expression(self, query: tuple[str, ...], join: str) -> str:
        clauses = matching.clauses(query, self.glossary)
        parts = []
        for clause in clauses:
            own = []
            for word in clause.words:
                typos = [t for t, q in self.matches(word, True).items() if q == matching.TYPO]
                own.append(
                    "(" + " OR ".join([f'"{word}"', f'"{word}"*', *(f'"{t}"' for t in typos)]) + ")"
                )
            alternatives = [" AND ".join(own)] + [
                '"' + " ".join(form) + '"' for form in clause.forms
            ]
            parts.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")")
        return f" {join} ".join(parts)

    def rank(self, text: str, boosts: bool) -> list[int]:
        query = tuple(dict.fromkeys(words(text)))
        if not query:
            return []
        weights = ", ".join(str(w) for w, _ in FIELDS.values())
        sql = f"SELECT rowid, -bm25(fts, {weights}) FROM fts WHERE fts MATCH ? ORDER BY 2 DESC"
        found = self.db.execute(sql, (self.expression(query, "AND"),)).fetchall()
        if not found:
            found = self.db.execute(sql, (self.expression(query, "OR"),)).fetchall()
        if not boosts:
            return [p for p, _ in found]
        clauses = matching.clauses(query, self.glossary)
        boost = Boosts(query, clauses, self.matches)
        resources = self.catalog.resources
        scores = dict(found)
        for p, s in found[: ranking.RERANK]:
            scores[p] = s * boost.factor(resources[p])
        order = sorted(scores, key=lambda p: (-scores[p], p))
        index = Index(self.catalog, [], array("I"), array("I", [0]))
        return ranking._older_first(order, scores, {}, index)


def median_ms(action: Callable[[], object], runs: int) -> float:
    return median_of(action, runs) * 1000


def relevance(rank_ids: Callable[[str], list[str]], catalog: Catalog) -> tuple[float, float, int]:
    topics = {r.id: list(r.topics) for r in catalog.resources}
    results = [score(c, rank_ids(c.query), topics) for c in CASES]
    n = len(results)
    return (
        sum(float(r["rr"]) for r in results) / n,  # type: ignore[arg-type]
        sum(float(r["ndcg5"]) for r in results) / n,  # type: ignore[arg-type]
        sum(bool(r["passed"]) for r in results),
    )


def measure(name: str, text: str, runs: int, with_relevance: bool) -> None:
    catalog = loads(text)
    print(f"\n{name}: {len(catalog.resources):,} resources")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Ours: build, write the cache text, load it back.
        cache = folder / "index.json"
        ours_build = median_ms(
            lambda: cache.write_bytes(Index.build(catalog).dumps("k")), max(3, runs // 3)
        )
        raw = cache.read_bytes()
        ours_load = median_ms(lambda: Index.loads(raw, "k", "x"), runs)
        index = Index.loads(raw, "k", "x")
        # FTS5: build into a file, open it read-only with trusted_schema off.
        db_path = folder / "index.sqlite"

        def build_fts() -> None:
            db_path.unlink(missing_ok=True)
            Fts.build(str(db_path), catalog).close()

        fts_build = median_ms(build_fts, max(3, runs // 3))

        def open_fts() -> Fts:
            db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
            db.execute("PRAGMA trusted_schema=OFF")
            from catalog.modelkit import from_json

            (data,) = db.execute("SELECT data FROM doc").fetchone()
            return Fts(db, from_json(Catalog, json.loads(data)))

        fts_load = median_ms(open_fts, runs)
        fts = open_fts()
        print(f"  {'':28} {'ours (BM25F, JSON)':>20} {'FTS5 (SQLite)':>16}")
        print(f"  {'build and write, ms':28} {ours_build:20.0f} {fts_build:16.0f}")
        print(
            f"  {'size on disk, MB':28} {len(raw) / 1e6:20.2f} {db_path.stat().st_size / 1e6:16.2f}"
        )
        print(f"  {'load before a query, ms':28} {ours_load:20.1f} {fts_load:16.1f}")
        for query in SPEED_QUERIES:
            ours = median_ms(lambda q=query: rank(index, q), runs)
            theirs = median_ms(lambda q=query: fts.rank(q, boosts=True), runs)
            print(f"  {'query ' + repr(query) + ', ms':28} {ours:20.1f} {theirs:16.1f}")
        if with_relevance:
            print(f"  relevance on {len(CASES)} queries (MRR / nDCG@5 / cases met):")
            ids = lambda positions: [index.catalog.resources[p].id for p in positions]  # noqa: E731
            for label, rank_ids in (
                ("ours", lambda q: [h.resource.id for h in rank(index, q)]),
                ("FTS5 bm25() alone", lambda q: ids(fts.rank(q, boosts=False))),
                ("FTS5 bm25() + our boosts", lambda q: ids(fts.rank(q, boosts=True))),
            ):
                mrr, ndcg, met = relevance(rank_ids, catalog)
                print(f"    {label:26} {mrr:.3f} / {ndcg:.3f} / {met}")


def main() -> None:
    parser = arguments(__doc__, runs=9)
    args = parser.parse_args()
    print(
        f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}; "
        f"medians of {args.runs} runs"
    )
    measure(
        "shipped catalog", (ROOT / "resources.yaml").read_text(encoding="utf-8"), args.runs, True
    )
    measure("generated catalog", generate(args.count), args.runs, False)


if __name__ == "__main__":
    main()
