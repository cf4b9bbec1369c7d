"""Word vectors (単語ベクトル) for the topics of free text: each comment as the TF-IDF-weighted mean of its
words' vectors, beside its LSA vector (issue 18). Off by default; measured against TF-IDF + LSA alone in
bench/granularity.py (docs/benchmarks.md), which decided the default (docs/listening.md, "Word vectors").

The vectors come from a table that maps a term (Sudachi's normalised form, as `text.japanese_terms` gives
it) to a vector: any mapping, or those shipped inside the `ja-ginza` package (chiVe, Apache-2.0: 20,000
vectors of 300 dimensions for 480,443 words, read through spaCy; `make setup-vectors`).
Nothing is downloaded at run time.
"""

import importlib.util
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
    """The package holding the vectors is not installed (`make setup-vectors`)."""


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
    """The spaCy vocab directory inside an installed model package, found without importing it (ja_ginza's
    __init__ would import spaCy's model loading, and its declared dependencies are not installed)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise WordVectorsUnavailable(f"{package} is not installed (make setup-vectors)")
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob(f"{package}-*/vocab"))
    if not found:
        raise WordVectorsUnavailable(f"{package} has no vocab directory")
    return found[-1]


def load(name: str, *, weight: float = WEIGHT) -> WordVectors:
    """The word vectors shipped in package `name` (NAMES), read from disk through spaCy."""
    if name not in NAMES:
        raise ValueError(f"unknown word vectors {name!r}: one of {', '.join(NAMES)}")
    directory = _package_vocab(name)
    try:
        from spacy.vocab import Vocab
    except ImportError as error:
        raise WordVectorsUnavailable("spaCy is not installed (make setup-vectors)") from error
    vocab = Vocab().from_disk(directory, exclude=["lookups"])
    vectors = vocab.vectors

    def vector_of(term: str):
        # has_vector/get_vector hash the string; a pruned table maps each of its keys to one of its rows.
        return vocab.get_vector(term) if vocab.has_vector(term) else None

    return WordVectors(vector_of, vectors.shape[1], weight=weight, name=name)
