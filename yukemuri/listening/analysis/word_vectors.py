"""Word vectors (単語ベクトル) for the topics of free text: each comment as the TF-IDF-weighted mean of its
words' vectors, beside its LSA vector (issue 18). Measured against TF-IDF + LSA alone in bench/granularity.py
(docs/benchmarks.md): the vectors won at every level, so the site and the command line use them by default
(docs/listening.md, "Word vectors"); the engine itself takes them only when passed.

The vectors come from a table that maps a term (Sudachi's normalised form, as `text.japanese_terms` gives
it) to a vector: any mapping, or those shipped inside the `ja-ginza` package (chiVe, Apache-2.0: 20,000
vectors of 300 dimensions for 480,443 words, read straight from the package's files: spaCy is not needed).
Nothing is downloaded at run time.
"""

import importlib.util
import json
import struct
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

# Share of the word vectors in the cosine similarity of two comments (the rest is their LSA similarity):
# cos = (1 − w)·cos_LSA + w·cos_words, by concatenating the two unit vectors scaled by √(1 − w) and √w.
# 0.75: above TF-IDF alone at every level and seed on the hand-grouped comments (docs/benchmarks.md); words
# only (1.0) scored higher on the topics there, but would leave a comment whose words all lack a vector
# (local place names, new coinages) with nothing to be grouped by.
WEIGHT = 0.75
NAMES = ("ja_ginza",)


class WordVectorsUnavailable(RuntimeError):
    """The package holding the vectors is not installed (it is among the base requirements: `make setup`)."""


def _identity(tokens):
    return tokens


class WordVectors:
    """Comment vectors from word vectors. `vector_of(term)` returns a term's vector or None (unknown term);
    a Mapping works as well. Lookups are cached, so a table behind a slow store is asked once per term."""

    def __init__(
        self,
        vector_of: Mapping | Callable[[str], Sequence[float] | None],
        dimensions: int,
        *,
        weight: float = WEIGHT,
        name: str = "table",
    ):
        if not 0.0 < weight <= 1.0:
            raise ValueError(f"weight must be in (0, 1], not {weight}")
        self._vector_of = vector_of.get if isinstance(vector_of, Mapping) else vector_of
        self.dimensions, self.weight, self.name = int(dimensions), float(weight), name
        self._cache: dict[str, np.ndarray | None] = {}

    def vector(self, term: str) -> np.ndarray | None:
        if term not in self._cache:
            found = self._vector_of(term)
            self._cache[term] = None if found is None else np.asarray(found, dtype=np.float64).reshape(self.dimensions)
        return self._cache[term]

    def coverage(self, token_lists: Sequence[Sequence[str]]) -> float:
        """Share of the token occurrences that have a vector (for the benchmark's report)."""
        total = sum(len(tokens) for tokens in token_lists)
        known = sum(self.vector(t) is not None for tokens in token_lists for t in tokens)
        return known / total if total else 0.0

    def documents(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Unit-length TF-IDF-weighted means of the known words' vectors, centred on their mean over the
        documents (raw means of word2vec vectors share a large common part, which makes every pair of
        comments look alike). A document without a known word is a zero row."""
        # Imported here, as in analysis/__init__: the command line imports this module for its error only.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        n = len(token_lists)
        tfidf = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)  # every term: rare words carry meaning here
        try:
            weights = tfidf.fit_transform(token_lists)
        except ValueError:  # no term at all
            return np.zeros((n, self.dimensions))
        table = np.zeros((weights.shape[1], self.dimensions))
        for j, term in enumerate(tfidf.get_feature_names_out()):
            found = self.vector(str(term))
            if found is not None:
                table[j] = found / (np.linalg.norm(found) or 1.0)
        sums = np.asarray(weights @ table)
        known = np.asarray(weights @ np.any(table, axis=1).astype(np.float64)).ravel() > 0
        if known.sum() > 1:
            sums[known] -= sums[known].mean(axis=0)
        sums[~known] = 0.0
        return normalize(sums)

    def combine(self, token_lists: Sequence[Sequence[str]], lsa: np.ndarray) -> np.ndarray:
        """The unit LSA vectors and the word-vector means side by side, weighted so that the cosine of two
        rows is (1 − weight)·their LSA cosine + weight·their word-vector cosine (weight 1: words only)."""
        words = self.documents(token_lists)
        if self.weight >= 1.0:
            return words
        lsa = np.asarray(lsa, dtype=np.float64)
        lsa = lsa / np.maximum(np.linalg.norm(lsa, axis=1, keepdims=True), 1e-300)
        return np.hstack([np.sqrt(1.0 - self.weight) * lsa, np.sqrt(self.weight) * words])


def _package_vocab(package: str) -> Path:
    """The vocab directory inside an installed model package, found without importing it (ja_ginza's
    __init__ imports spaCy, which yukemuri does not install: only the package's files are read)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise WordVectorsUnavailable(f"{package} is not installed (make setup)")
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob(f"{package}-*/vocab"))
    if not found:
        raise WordVectorsUnavailable(f"{package} has no vocab directory")
    return found[-1]


# spaCy keys its vectors by the 64-bit MurmurHash2 (MurmurHash64A, seed 1) of a word's UTF-8 bytes; the files hold
# only these keys, so the same hash finds a word's row. Written out here because the hash is spaCy's own (in its
# Cython, not callable from Python) and pulling in spaCy (~270 MB) for one function is what this module avoids.
# Checked against spaCy's documented hash of "coffee" and against the package's own strings (tests).
_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def spacy_hash(word: str) -> int:
    """spaCy's `StringStore` key of `word` (murmurhash's hash64 of its UTF-8 bytes, seed 1)."""
    data = word.encode("utf-8")
    n = len(data)
    h = (1 ^ (n * _M)) & _MASK
    body = n - n % 8
    for (k,) in struct.iter_unpack("<Q", data[:body]):
        k = (k * _M) & _MASK
        k ^= k >> 47
        h = (h ^ ((k * _M) & _MASK)) * _M & _MASK
    if body < n:
        h = ((h ^ int.from_bytes(data[body:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


def read_vocab(directory: Path) -> tuple[np.ndarray, dict[int, int]]:
    """The vector table (rows × dimensions, numpy's .npy format) and the key → row map (MessagePack) of a spaCy
    vocab directory, as spaCy 3 writes them ("default" mode: keys are `spacy_hash` of the words)."""
    import msgpack

    config = json.loads((directory / "vectors.cfg").read_text(encoding="utf-8"))
    if config.get("mode", "default") != "default":  # floret's hashed subwords would need spaCy's own lookup
        raise WordVectorsUnavailable(f"{directory}: vectors in mode {config['mode']!r} cannot be read")
    table = np.load(directory / "vectors", allow_pickle=False)
    key2row = msgpack.unpackb((directory / "key2row").read_bytes(), strict_map_key=False)
    return table, key2row


def load(name: str, *, weight: float = WEIGHT) -> WordVectors:
    """The word vectors shipped in package `name` (NAMES), read from its files (about 1 s for ja_ginza's)."""
    if name not in NAMES:
        raise ValueError(f"unknown word vectors {name!r}: one of {', '.join(NAMES)}")
    table, key2row = read_vocab(_package_vocab(name))

    def vector_of(term: str):
        # A pruned table maps several keys to one row (each pruned word to its nearest kept vector).
        row = key2row.get(spacy_hash(term))
        return None if row is None else table[row]

    return WordVectors(vector_of, table.shape[1], weight=weight, name=name)
