"""The search index of a catalog, and its content-keyed cache.

An :class:`Index` is a validated :class:`~catalog.models.Catalog` plus what ranking needs: for
each normalised word, the resources whose text holds it, with the word's BM25F weight in each
(its occurrences in every field, weighted by field and normalised by the field's length; see
:data:`FIELDS`). It restates no field of a resource; the resources themselves are the
catalog's.

Querying from a terminal must feel instant, but validating a catalog (and importing Pydantic to
do it) costs more than the whole time budget of ``catalog search``. So :func:`load_index` keeps
each index it builds in a cache file: JSON, which cannot run code or crash the interpreter
whatever it holds. The file is named after, and records, a key made of the catalog's bytes, the
package version, the Python version and the content of every module of the package, so a changed
catalog, rule or ranking can never be served a stale index. A missing, corrupt or foreign file is
rebuilt silently; an unwritable cache folder only costs time.
"""

from __future__ import annotations

import array
import binascii
import bisect
import hashlib
import json
import os
import sys
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.textnorm import words

if TYPE_CHECKING:
    from catalog.errors import Problem
    from catalog.glossary import Glossary, Phrase
    from catalog.models import Catalog

FORMAT = 8
# BM25F fields: (weight, length normalisation b). A word's weight in a resource adds up its
# occurrences in every field, each scaled by the field's weight and by how long that field is
# next to the same field of the average resource (b = 0: length does not matter).
FIELDS = {
    "title": (5.0, 0.5),
    "keywords": (2.0, 0.3),  # topics (ids and titles in every language), tags and the year
    "authors": (2.0, 0.0),
    "description": (1.0, 0.75),  # every language
}
SCALE = 100  # weights are stored as integer hundredths
_KEEP_CACHE_FILES = 8
_KEYS = {"format", "key", "catalog", "lines", "warnings", "glossary", "words", "hits", "starts"}
_PACKAGE = Path(__file__).parent  # not resolved: the digest names modules relative to it


class Index:
    """A catalog and its postings. For the ``i``-th of :attr:`words` (every indexed word,
    sorted: prefixes are ranges of it), ``hits[starts[i]:starts[i + 1]]`` are ``[position,
    weight, ...]`` pairs: positions into ``catalog.resources`` in increasing order, weights in
    hundredths (see :data:`FIELDS`). One flat array, not a list per word: the cache file holds
    it as one base64 text, which loads in a fraction of what thousands of entries would cost.

    ``glossary_forms`` are the normalised forms of the glossary's terms when they are known
    already (see :attr:`glossary`). A plain class: every search defines it, and a dataclass
    takes ten times as long to define (bench/README.md, "Catalog core")."""

    def __init__(
        self,
        catalog: Catalog,
        words: list[str],
        hits: array.array[int],
        starts: array.array[int],
        glossary_forms: dict[str, list[Phrase]] | None = None,
    ) -> None:
        if len(starts) != len(words) + 1 or (starts and starts[-1] != len(hits)):
            raise ValueError("starts must hold one offset per word, then the end of hits")
        self.catalog = catalog
        self.words = words
        self._hits = hits
        self._starts = starts
        self._glossary_forms = glossary_forms

    @classmethod
    def build(cls, catalog: Catalog) -> Index:
        """Index every resource of ``catalog``."""
        postings = _postings(catalog)
        words = sorted(postings)
        hits, starts = array.array("I"), array.array("I", [0])
        for word in words:
            hits += postings[word]
            starts.append(len(hits))
        return cls(catalog, words, hits, starts)

    @cached_property
    def glossary(self) -> Glossary:
        """The catalog's glossary, ready for query expansion (its forms normalised once, when
        the index is built, and kept in the cache with it)."""
        from catalog.glossary import Glossary

        return Glossary(self.catalog.glossary, self._glossary_forms)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) >= 0

    def _find(self, word: str) -> int:
        words = self.words
        i = bisect.bisect_left(words, word)
        return i if i < len(words) and words[i] == word else -1

    def hits(self, word: str) -> array.array[int]:
        """Flat [position, weight, position, weight, ...] for one indexed word."""
        i = self._find(word)
        if i < 0:
            raise KeyError(word)
        return self._hits[self._starts[i] : self._starts[i + 1]]

    def dumps(self, key: str) -> bytes:
        """The cache file's content for this index under ``key``."""
        from catalog.modelkit import to_json

        catalog = self.catalog
        data = {
            "format": FORMAT,
            "key": key,
            "catalog": to_json(catalog),
            "lines": {r.id: catalog.line_of(r.id) for r in catalog.resources},
            "warnings": [_problem_json(p) for p in catalog.warnings],
            "glossary": self.glossary.forms,
            "words": " ".join(self.words),  # words hold no spaces (textnorm.words)
            "hits": _packed(self._hits),
            "starts": _packed(self._starts),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def loads(cls, raw: bytes, key: str, source: str) -> Index:
        """The index in a cache file made by :meth:`dumps` with the same ``key``; raises
        ValueError (or TypeError, KeyError...) when the file is anything else."""
        from catalog.errors import Problem
        from catalog.modelkit import from_json
        from catalog.models import Catalog

        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            raise ValueError("not this catalog's index")
        if data.keys() != _KEYS:
            raise ValueError(f"an index has the keys {sorted(_KEYS)}")
        lines = {rid: line for rid, line in data["lines"].items() if line is not None}
        warnings = [Problem(**{**p, "file": source}) for p in data["warnings"]]
        catalog = from_json(Catalog, data["catalog"]).located(source, lines, warnings)
        words = data["words"].split(" ") if data["words"] else []
        forms = {term: [tuple(p) for p in phrases] for term, phrases in data["glossary"].items()}
        if forms.keys() != catalog.glossary.keys():
            raise ValueError("the glossary's forms are not its terms'")
        hits, starts = _unpacked(data["hits"]), _unpacked(data["starts"])
        return cls(catalog, words, hits, starts, forms)


def _packed(values: array.array[int]) -> str:
    """uint32 values as base64 text of their little-endian bytes."""
    if sys.byteorder == "big":
        values = array.array("I", values)
        values.byteswap()
    return binascii.b2a_base64(values, newline=False).decode()


def _unpacked(text: str) -> array.array[int]:
    """The inverse of :func:`_packed`; raises binascii.Error (a ValueError) or TypeError."""
    values = array.array("I", binascii.a2b_base64(text))
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _problem_json(problem: Problem) -> dict[str, object]:
    data = problem.as_dict()
    del data["file"]  # the cache is shared by every path holding the same bytes
    return data


def _postings(catalog: Catalog) -> dict[str, array.array[int]]:
    """word -> [position, weight, ...] (see :class:`Index`)."""
    topic_titles = {key: _all_languages(topic.title) for key, topic in catalog.topics.items()}
    counted: list[list[dict[str, int]]] = []
    totals = dict.fromkeys(FIELDS, 0)
    for resource in catalog.resources:
        keywords = [*resource.topics, *resource.tags, str(resource.year)]
        keywords += [topic_titles[t] for t in resource.topics if t in topic_titles]
        texts = (
            resource.title,
            " ".join(keywords),
            " ".join(resource.authors),
            " ".join(resource.descriptions.values()),
        )
        fields = []
        for name, text in zip(FIELDS, texts, strict=True):
            found: dict[str, int] = {}
            for word in words(text):
                found[word] = found.get(word, 0) + 1
            totals[name] += sum(found.values())
            fields.append(found)
        counted.append(fields)
    count = max(len(counted), 1)
    norms = [(weight, b, totals[name] / count or 1.0) for name, (weight, b) in FIELDS.items()]
    postings: dict[str, array.array[int]] = {}
    # Resources are visited in order, so each word's list comes out sorted by position.
    for i, fields in enumerate(counted):
        lengths = [sum(found.values()) for found in fields]
        weights: dict[str, float] = {}
        for found, length, (weight, b, average) in zip(fields, lengths, norms, strict=True):
            scale = weight / (1 - b + b * length / average)
            for word, tf in found.items():
                weights[word] = weights.get(word, 0.0) + tf * scale
        for word, weight in weights.items():
            hits = postings.get(word)
            if hits is None:
                hits = postings[word] = array.array("I")
            hits.append(i)
            hits.append(max(1, round(weight * SCALE)))
    return postings


def _all_languages(text: str | dict[str, str]) -> str:
    return " ".join(text.values()) if isinstance(text, dict) else text


def code_fingerprint(package: Path) -> bytes:
    """A digest of every module of ``package`` (path and content) and of the versions of the
    package and of Python: whatever validates, normalises or ranks a catalog is in there."""
    from catalog._version import __version__

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}".encode())
    for name, path in sorted(_modules(str(package), "")):
        digest.update(f"\0{name}\0".encode())
        # os.scandir and os.read: a third of what pathlib or open() cost here.
        fd = os.open(path, os.O_RDONLY)
        try:
            while chunk := os.read(fd, 1 << 16):
                digest.update(chunk)
        finally:
            os.close(fd)
    return digest.digest()


def _modules(folder: str, prefix: str) -> list[tuple[str, str]]:
    """``(relative name, path)`` of every ``.py`` file under ``folder``."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir() and entry.name != "__pycache__":
                found += _modules(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py") and entry.is_file():
                found.append((prefix + entry.name, entry.path))
    return found


@cache
def _this_code() -> bytes:
    return code_fingerprint(_PACKAGE)


def cache_key(raw: bytes, package: Path | None = None) -> str:
    """The cache key of catalog bytes ``raw`` under the code in ``package`` (default: this
    package, whose fingerprint is taken once per process)."""
    code = _this_code() if package is None else code_fingerprint(package)
    return hashlib.sha256(code + raw).hexdigest()


def cache_dir() -> Path:
    """Where indexes are kept: $CATALOG_CACHE_DIR, else the user cache folder."""
    explicit = os.environ.get("CATALOG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "catalog" / "index"


def load_index(path: str | Path) -> Index:
    """The index of the catalog at ``path``, from the cache when these bytes were indexed before
    by this very code.

    Raises :class:`~catalog.errors.CatalogError` like :func:`catalog.load` when the file is not
    a valid catalog. A missing, corrupt, foreign or unwritable cache only costs time.
    """
    from catalog.loader import read_catalog_bytes

    path = Path(path)
    raw = read_catalog_bytes(path)
    key = cache_key(raw)
    folder = cache_dir()
    cached = folder / f"index-{key[:32]}.json"
    try:
        return Index.loads(cached.read_bytes(), key, str(path))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        pass  # no usable cache file: build the index, and replace the file
    from catalog.errors import OutputError
    from catalog.files import write_bytes
    from catalog.loader import loads

    index = Index.build(loads(raw, source=str(path), placeholders="skip"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(cached, index.dumps(key))
        _prune(folder)
    except (OSError, OutputError):
        pass  # a read-only or full disk must not break a query
    return index


def _prune(folder: Path) -> None:
    """Keep the most recently written cache files only."""
    files = sorted(folder.glob("index-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in files[_KEEP_CACHE_FILES:]:
        stale.unlink(missing_ok=True)
