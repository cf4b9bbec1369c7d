"""Topics of free-text opinions (自由記述の論点整理): topics, sub-topics and summary items (御意見の概要の項目),
with extractive labels. No external service.

Pipeline: Unicode NFKC → tokens (Japanese: SudachiPy, SplitMode.C units plus the SplitMode.B parts of
compounds, content words only, normalised base forms; other languages: whitespace) → TF-IDF → truncated
SVD (LSA, from 200 comments) → summary items of about ITEM_SIZE opinions by average-linkage clustering →
topics as groups of items (k-means on the items' centres, k with the best silhouette) → per topic its items
grouped again into sub-topics. Labels are each group's most distinctive terms; the central comments are
those nearest its centre. An `Embedder` (sentence vectors in place of LSA), `WordVectors` (word vectors
beside LSA: word_vectors.py) and a `Labeller` (e.g. an LLM naming the topic) can be passed in; all are off
by default and nothing is downloaded at run time.
Details: docs/listening.md.
"""

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

MAX_TOPICS = 10
MAX_SUBTOPICS = 5
MIN_SUBTOPIC_SOURCE = 12  # a topic needs this many comments before it is split into sub-topics
MIN_SUBTOPIC_SILHOUETTE = 0.05  # …and a split whose silhouette is at least this
SILHOUETTE_SAMPLE = 2000
LSA_DIMENSIONS = 100
LSA_MIN_DOCUMENTS = 200  # below this, the TF-IDF vectors are clustered as they are
N_TERMS = 5
N_CENTRAL = 3
# Summary items (the finest level): about this many opinions (near-identical copies count once) per item, as
# in published summaries of public comments (about one item per 4–5 comments); see docs/listening.md.
ITEM_SIZE = 4.5
BOTTOM_UP_MIN = 60  # opinions from which items are formed first and grouped into topics (see _Builder)
ITEM_CHUNK = 2000  # beyond this many comments, items are formed within k-means pieces of about this size
KMEANS_RESTARTS = 10  # k-means++ starts per k up to 1,000 comments; one beyond (sklearn's greedy k-means++)

# Content words: nouns, verbs, adjectives; not numerals, pronouns (their own POS in UniDic), adverbial nouns
# (今後, ため, ところ) or the "non-independent" words (する, ある, いる, ない, ほしい …) that carry grammar.
CONTENT_POS = {"名詞", "動詞", "形容詞"}
SKIP_POS_DETAIL = {"数詞", "非自立可能", "副詞可能"}
# Normalised forms that frame an opinion rather than say what it is about: verbs of thinking and saying, the
# verbs inside compound particles (について, に関する, に対する, による), greetings and self-introductions
# common in public comments (パブリックコメント).
JAPANESE_STOP_WORDS = {
    "思う", "考える", "言う", "感じる", "行う", "為る", "有る", "居る", "成る", "出来る", "こと", "物", "方", "気",
    "付く", "関する", "対する", "因る", "於く", "御世話", "御願い", "在住", "住む", "住民", "検討", "宜しい",
}
CHUNK = 4000  # characters per Sudachi call; its input has a size limit


class Embedder(Protocol):
    """Sentence vectors for the clustering, in place of TF-IDF + LSA (e.g. a local embedding model)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class Labeller(Protocol):
    """A name for a topic from its distinctive terms and central comments (e.g. a local LLM)."""

    def label(self, terms: Sequence[str], examples: Sequence[str], *, language: str) -> str: ...


@dataclass(frozen=True)
class Topic:
    id: str  # "0", "1" … at the top, "0.0", "0.1" … for the sub-topics of topic 0; largest first
    label: str
    terms: tuple[str, ...]  # most distinctive terms, best first
    members: tuple[int, ...]  # indices into the input texts
    central: tuple[int, ...]  # the members nearest the topic's centre, nearest first
    subtopics: tuple["Topic", ...] = ()
    silhouette: float | None = None  # of the split into these sub-topics, when there is one
    level: str = "topic"  # "topic", "subtopic", or "item": a summary item (御意見の概要の一項目), the finest level


@dataclass(frozen=True)
class Topics:
    topics: tuple[Topic, ...]
    unassigned: tuple[int, ...] = ()  # texts without a single content word
    silhouettes: dict = field(default_factory=dict)  # k → silhouette at the top level
    near_duplicates: tuple = ()  # duplicates.DuplicateGroup, largest first, when near-identical texts were merged

    @property
    def k(self) -> int:
        return len(self.topics)


# --- tokenisation -------------------------------------------------------------------------------------------

_dictionary = None
_dictionary_lock = threading.Lock()
_local = threading.local()


def japanese_tokenizer():
    """The Sudachi tokenizer (SplitMode.C). Its dictionary is loaded once per process; a Tokenizer may not be
    used by two threads at once, so each thread gets its own from that one dictionary."""
    global _dictionary
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
        fields = {"pos", "normalized_form", "dictionary_form", "split_b"}
        tokenizer = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.C, fields=fields)
        _local.split_mode = SplitMode.B
        _local.pos = {}
    return tokenizer


def _chunks(text: str):
    while len(text) > CHUNK:
        cut = max(text.rfind(mark, 0, CHUNK) for mark in "。！？\n")
        cut = cut + 1 if cut > 0 else CHUNK
        yield text[:cut]
        text = text[cut:]
    yield text


def _content(morpheme) -> tuple[str, str] | None:
    """(normalised form, dictionary form) of a content word, or None."""
    pos_cache = _local.pos
    pos_id = morpheme.part_of_speech_id()
    keep = pos_cache.get(pos_id)
    if keep is None:
        pos = _dictionary.pos_of(pos_id)
        keep = pos_cache[pos_id] = pos[0] in CONTENT_POS and pos[1] not in SKIP_POS_DETAIL and pos[2] not in SKIP_POS_DETAIL
    if not keep:
        return None
    form = morpheme.normalized_form()
    if form in JAPANESE_STOP_WORDS or (len(form) == 1 and not _is_kanji(form)):
        return None
    return form, morpheme.dictionary_form()


def japanese_terms(text: str) -> list[tuple[str, str]]:
    """(normalised form, dictionary form) of each content word: SplitMode.C units, and for a compound unit
    also its SplitMode.B parts, so that 新型コロナウイルス感染症 also counts as コロナ and 感染症."""
    tokenizer = japanese_tokenizer()
    split_mode = _local.split_mode
    terms = []
    for chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk):
            term = _content(morpheme)
            if term is None:
                continue
            terms.append(term)
            parts = morpheme.split(split_mode)
            if len(parts) > 1:
                terms.extend(part for part in map(_content, parts) if part is not None)
    return terms


def tokenize_japanese(text: str) -> list[str]:
    return [form for form, _ in japanese_terms(text)]


def _is_kanji(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf"


_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def tokenize_plain(text: str, language: str = "en") -> list[str]:
    """Whitespace tokens, case-folded, punctuation stripped from their edges; English stop words out for "en"."""
    stop = ENGLISH_STOP_WORDS if language == "en" else frozenset()
    tokens = []
    for raw in text.casefold().split():
        token = _EDGE_PUNCTUATION.sub("", raw)
        if len(token) > 1 and not token.isdigit() and token not in stop:
            tokens.append(token)
    return tokens


def tokenize(text: str, language: str = "ja") -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    return tokenize_japanese(text) if language == "ja" else tokenize_plain(text, language)


# --- clustering ---------------------------------------------------------------------------------------------


def _identity(tokens):
    return tokens


def _vectorise(token_lists: list[list[str]], seed: int):
    """(TF-IDF matrix, its vocabulary, unit-length vectors to cluster: LSA from LSA_MIN_DOCUMENTS on)."""
    n = len(token_lists)
    tfidf = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2 if n >= 50 else 1, max_df=0.95)
    try:
        weights = tfidf.fit_transform(token_lists)
    except ValueError:  # every term pruned by min_df / max_df
        tfidf = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        weights = tfidf.fit_transform(token_lists)
    dimensions = min(LSA_DIMENSIONS, weights.shape[1] - 1, n - 1)
    if n >= LSA_MIN_DOCUMENTS and dimensions >= 2:
        vectors = TruncatedSVD(n_components=dimensions, random_state=seed, algorithm="randomized").fit_transform(weights)
    else:
        vectors = weights.toarray()
    return weights, np.asarray(tfidf.get_feature_names_out()), normalize(vectors)


def _silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette (Rousseeuw 1987) from a precomputed distance matrix; 0 for a comment alone in its cluster."""
    n = len(labels)
    _, labels = np.unique(labels, return_inverse=True)
    member = np.zeros((n, labels.max() + 1))
    member[np.arange(n), labels] = 1.0
    sizes = member.sum(axis=0)
    mass = distances @ member
    rows = np.arange(n)
    others = sizes[labels] - 1
    a = np.divide(mass[rows, labels], others, out=np.zeros(n), where=others > 0)
    to_clusters = mass / sizes
    to_clusters[rows, labels] = np.inf
    b = to_clusters.min(axis=1)
    top = np.maximum(a, b)
    return float(np.divide(b - a, top, out=np.zeros(n), where=(others > 0) & (top > 0)).mean())


def _split(points: np.ndarray, k_max: int, seed: int, *, weights=None, rows=None, row_item=None
           ) -> tuple[np.ndarray | None, dict]:
    """The k in 2 … k_max whose k-means clustering of `points` (weighted) has the best mean silhouette
    (cosine distance) over `rows` (the comments; row_item: each row's point), measured on the same seeded
    sample of at most SILHOUETTE_SAMPLE comments for every k. Ties go to the smaller k."""
    if rows is None:
        rows, row_item = points, np.arange(len(points))
    n = len(rows)
    distinct = len(np.unique(np.round(points, 9), axis=0))
    sample = np.arange(n)
    if n > SILHOUETTE_SAMPLE:
        sample = np.sort(np.random.default_rng(seed).choice(n, size=SILHOUETTE_SAMPLE, replace=False))
    distances = np.clip(1.0 - rows[sample] @ rows[sample].T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    best, silhouettes = None, {}
    for k in range(2, min(k_max, distinct) + 1):
        labels = KMeans(n_clusters=k, n_init=KMEANS_RESTARTS if len(points) <= 1000 else 1,
                        random_state=seed).fit_predict(points, sample_weight=weights)
        on_rows = labels[row_item[sample]]
        if len(np.unique(on_rows)) < 2:
            continue
        score = _silhouette(distances, on_rows)
        silhouettes[k] = score
        if best is None or score > best[0]:
            best = (score, labels)
    return (best[1] if best else None), silhouettes


def _agglomerate(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    """k groups by average-linkage agglomerative clustering on cosine distance (UPGMA: it joins the two groups
    whose comments are nearest on average, so an item is a set of mutually similar comments; on the
    hand-grouped comments it agreed with people better than Ward's method or k-means at every level, see
    docs/listening.md). Beyond ITEM_CHUNK vectors, within k-means pieces of about that size (its memory and
    time grow with the square of n), each piece getting items in proportion to its size."""
    n = len(vectors)
    # A comment whose terms were all pruned has a zero vector, which cosine distance refuses: give it a tiny
    # vector of its own (far from every other comment), so it ends in an item with its nearest by chance only.
    zero = ~np.any(vectors, axis=1)
    if zero.any():
        vectors = np.array(vectors, dtype=float)
        vectors[zero, 0] = 1e-9
    if n <= ITEM_CHUNK:
        return AgglomerativeClustering(n_clusters=min(k, n), linkage="average", metric="cosine").fit_predict(vectors)
    pieces = KMeans(n_clusters=int(np.ceil(n / ITEM_CHUNK)), n_init=1, random_state=seed).fit_predict(vectors)
    if np.bincount(pieces).max() == n:  # all alike (k-means found one group): cut in order instead
        pieces = np.arange(n) * int(np.ceil(n / ITEM_CHUNK)) // n
    labels = np.zeros(n, dtype=np.int64)
    offset = 0
    for piece in np.unique(pieces):
        inside = np.flatnonzero(pieces == piece)
        share = max(1, int(np.floor(len(inside) / ITEM_SIZE + 0.5)))
        labels[inside] = offset + (_agglomerate(vectors[inside], share, seed) if share > 1 else 0)
        offset += share
    return labels


def _distinctive_terms(weights, vocabulary: np.ndarray, inside: np.ndarray, total=None) -> list[str]:
    """Terms by (mean TF-IDF inside − mean outside), among those used by ≥ 2 comments inside (or all, if the
    cluster is smaller). Where a compound and its parts both qualify (固定資産税, 資産), the compound stands
    for them: a term inside a chosen one is skipped, a term containing chosen ones replaces them. `weights`
    may be the inside rows only when `total` gives (the column sums, the row count) of inside and outside
    together: so thousands of items are scored against one parent without slicing it each time."""
    if total is None:
        total = (np.asarray(weights.sum(axis=0)).ravel(), weights.shape[0])
        weights = weights[inside]
    n_in = weights.shape[0]
    sum_in = np.asarray(weights.sum(axis=0)).ravel()
    mean_in = sum_in / max(n_in, 1)
    n_out = total[1] - n_in
    mean_out = (total[0] - sum_in) / n_out if n_out > 0 else np.zeros(len(vocabulary))
    used_by = np.asarray((weights > 0).sum(axis=0)).ravel()
    score = np.where(used_by >= min(2, n_in), mean_in - mean_out, -np.inf)
    chosen: list[str] = []
    for j in np.lexsort((vocabulary, -score))[:N_TERMS * 4]:
        if not np.isfinite(score[j]) or score[j] <= 0:
            break
        term = str(vocabulary[j])
        if any(term in other for other in chosen):
            continue
        parts = [other for other in chosen if other in term]
        if parts:
            chosen[chosen.index(parts[0])] = term
            chosen = [other for other in chosen if other not in parts[1:]]
        elif len(chosen) < N_TERMS:
            chosen.append(term)
    return chosen


def _central(vectors: np.ndarray, members: np.ndarray) -> list[int]:
    centre = vectors[members].mean(axis=0)
    similarity = vectors[members] @ (centre / (np.linalg.norm(centre) or 1.0))
    return [int(members[j]) for j in np.lexsort((members, -similarity))[:N_CENTRAL]]


class _Builder:
    """Bottom-up: summary items first, over all the comments; then topics as groups of whole items, and
    sub-topics as groups of a topic's items. So the levels nest, and the finest one is formed with every
    comment in view rather than inside a split made from a few words (which is what made items that
    agree with people's grouping less well than one plain k-means over everything)."""

    def __init__(self, texts, token_lists, display, documents, *, language, seed, embedding, labeller,
                 word_vectors=None):
        self.texts, self.token_lists, self.display = texts, token_lists, display
        self.language, self.seed, self.labeller = language, seed, labeller
        self.documents = np.asarray(documents)
        self.weights, self.vocabulary, self.vectors = _vectorise([token_lists[i] for i in documents], seed)
        if word_vectors is not None:  # labels and terms stay TF-IDF's; only what is clustered changes
            self.vectors = normalize(word_vectors.combine([token_lists[i] for i in documents], self.vectors))
        if embedding is not None:
            self.vectors = normalize(embedding[documents])
        n = len(documents)
        k = int(np.floor(n / ITEM_SIZE + 0.5))
        # Below BOTTOM_UP_MIN opinions there are too few items to group into topics (and one stray word shared
        # by two short comments decides an item): topics and sub-topics are then grouped from single comments,
        # and the items formed inside each finest group (`items`).
        self.inside_leaves = n < BOTTOM_UP_MIN
        if self.inside_leaves:
            self.item_of = np.arange(n)
        else:
            labels = _agglomerate(self.vectors, k, seed) if k >= 2 else np.zeros(n, dtype=np.int64)
            self.item_of = np.unique(labels, return_inverse=True)[1].ravel()  # 0 … items − 1, no gaps
        self.n_items = int(self.item_of.max()) + 1 if n else 0
        sums = np.zeros((self.n_items, self.vectors.shape[1]))
        np.add.at(sums, self.item_of, self.vectors)
        self.item_sizes = np.bincount(self.item_of, minlength=self.n_items)
        self.centroids = normalize(sums)
        self.totals = (None, None)
        order = np.argsort(self.item_of, kind="stable")
        self.rows_of_item = np.split(order, np.cumsum(self.item_sizes)[:-1]) if n else []

    def most_used(self, members) -> list[str]:
        """Terms used by the most of `members` (when none is distinctive: the whole, or a small item)."""
        counts = Counter(token for i in members for token in set(self.token_lists[i]))
        return [term for term, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:N_TERMS]]

    def label(self, terms: list[str], central: list[int]) -> str:
        if self.labeller is not None:
            return self.labeller.label(terms, [self.texts[i] for i in central], language=self.language)
        return ("・" if self.language == "ja" else ", ").join(terms[:3])

    def topic(self, rows: np.ndarray, within: np.ndarray, identifier: str, level: str, subtopics=(), silhouette=None):
        """A Topic of the comments at `rows` (positions among the documents), its terms against the rest of
        `within` (the rows of its parent)."""
        members = tuple(int(i) for i in np.sort(self.documents[rows]))
        if self.totals[0] is not within:  # the parent's column sums, once for all its children
            self.totals = (within, (np.asarray(self.weights[within].sum(axis=0)).ravel(), len(within)))
        terms = _distinctive_terms(self.weights[rows], self.vocabulary, None, self.totals[1]) or self.most_used(members)
        terms = [self.display.get(t, t) for t in terms]
        central = [int(self.documents[j]) for j in _central(self.vectors, rows)]
        return Topic(identifier, self.label(terms, central), tuple(terms), members, tuple(central), tuple(subtopics),
                     silhouette, level)

    def group(self, items: np.ndarray, k_max: int) -> tuple[list[np.ndarray] | None, dict]:
        """`items` divided into at most k_max groups of items, the k with the best silhouette over their
        comments; groups largest first, None when they do not split."""
        if len(items) < 2:
            return None, {}
        rows = np.flatnonzero(np.isin(self.item_of, items))
        labels, silhouettes = _split(self.centroids[items], min(k_max, len(items)), self.seed,
                                     weights=self.item_sizes[items], rows=self.vectors[rows],
                                     row_item=np.searchsorted(items, self.item_of[rows]))
        if labels is None:
            return None, silhouettes
        groups = [items[labels == g] for g in np.unique(labels)]
        size = {id(g): int(self.item_sizes[g].sum()) for g in groups}
        groups.sort(key=lambda g: (-size[id(g)], g[0]))
        return groups, silhouettes

    def items(self, items: np.ndarray, within: np.ndarray, prefix: str) -> tuple[Topic, ...]:
        """The summary items of a finest group, largest first; one, when it is one item's size (so the
        deepest level is always the items)."""
        if self.inside_leaves:
            rows = np.flatnonzero(np.isin(self.item_of, items))
            k = int(np.floor(len(rows) / ITEM_SIZE + 0.5))
            labels = _agglomerate(self.vectors[rows], k, self.seed) if k >= 2 else np.zeros(len(rows), dtype=np.int64)
            rows_of = [rows[labels == g] for g in np.unique(labels)]
        else:
            rows_of = [self.rows_of_item[item] for item in items]
        order = sorted(range(len(rows_of)), key=lambda j: (-len(rows_of[j]), self.documents[rows_of[j][0]]))
        return tuple(self.topic(rows_of[j], within, f"{prefix}{number}", "item") for number, j in enumerate(order))

    def build(self, items: np.ndarray, within: np.ndarray, identifier: str, level: str, depth: int) -> Topic:
        """A topic made of `items`, with its sub-topics (depth 0) or its summary items below."""
        rows = np.flatnonzero(np.isin(self.item_of, items))
        subtopics, silhouette = (), None
        if depth == 0 and len(rows) >= MIN_SUBTOPIC_SOURCE:
            k_max = min(MAX_SUBTOPICS, len(items) - 1, max(2, int(np.sqrt(len(rows) / 2))))
            groups, silhouettes = self.group(items, k_max)
            best = max(silhouettes.values(), default=None)
            if groups and best is not None and best >= MIN_SUBTOPIC_SILHOUETTE:
                subtopics = tuple(self.build(g, rows, f"{identifier}.{number}", "subtopic", 1)
                                  for number, g in enumerate(groups))
                silhouette = best
        if not subtopics:
            subtopics = self.items(items, rows, f"{identifier}.")
        return self.topic(rows, within, identifier, level, subtopics, silhouette)

    def top(self, max_topics: int) -> tuple[list[Topic], dict]:
        everything = np.arange(len(self.documents))
        all_items = np.arange(self.n_items)
        groups, silhouettes = (None, {})
        if max_topics > 1 and len(self.documents) >= 4:
            k_max = min(max_topics, max(2, int(np.sqrt(len(self.documents) / 2))))
            groups, silhouettes = self.group(all_items, k_max)
        if not groups:
            topic = self.build(all_items, everything, "0", "topic", 0)
            # All the documents as one topic: its terms are the most used ones.
            terms = [self.display.get(term, term) for term in self.most_used(topic.members)]
            central = list(topic.members[:N_CENTRAL])
            return [replace(topic, terms=tuple(terms), central=tuple(central), label=self.label(terms, central))], {}
        return [self.build(g, everything, str(number), "topic", 0) for number, g in enumerate(groups)], silhouettes


def topics(texts: Sequence[str], *, language: str = "ja", seed: int = 0, max_topics: int = MAX_TOPICS,
           embedder: Embedder | None = None, labeller: Labeller | None = None, word_vectors=None) -> Topics:
    """Cluster free-text opinions into topics, sub-topics and summary items (the deepest sub-topics, about
    ITEM_SIZE opinions each). Deterministic for the same texts and seed.

    language "ja" tokenises with SudachiPy; any other value splits on whitespace ("en" also drops English
    stop words). Texts without a content word are `unassigned`. Up to `max_topics` topics (1: everything is one
    topic, to see its sub-topics), each split into at most MAX_SUBTOPICS sub-topics when it has
    MIN_SUBTOPIC_SOURCE comments and the split's silhouette reaches MIN_SUBTOPIC_SILHOUETTE.
    `word_vectors` (a word_vectors.WordVectors) adds the comments' mean word vectors to what is clustered.
    """
    # One thread for BLAS and OpenMP (k-means, SVD): on a busy two-core machine their thread pools contend
    # and the same work took 2–6 times longer (10,000 comments: 3.6 s on one thread, 8–50 s on two).
    with threadpool_limits(limits=1):
        return _topics(texts, language=language, seed=seed, max_topics=max_topics, embedder=embedder, labeller=labeller,
                       word_vectors=word_vectors)


def _topics(texts, *, language, seed, max_topics, embedder, labeller, word_vectors=None) -> Topics:
    texts = [unicodedata.normalize("NFKC", text) for text in texts]
    display: dict[str, Counter] = {}
    if language == "ja":
        token_lists = []
        for text in texts:
            terms = japanese_terms(text)
            token_lists.append([form for form, _ in terms])
            for form, written in terms:
                display.setdefault(form, Counter())[written] += 1
    else:
        token_lists = [tokenize_plain(text, language) for text in texts]
    # Show a term as people wrote it most often (子ども, こんにゃく), not as Sudachi normalised it (子供, 蒟蒻).
    display = {form: max(counts.items(), key=lambda item: (item[1], item[0]))[0] for form, counts in display.items()}
    documents = [i for i, tokens in enumerate(token_lists) if tokens]
    unassigned = tuple(i for i, tokens in enumerate(token_lists) if not tokens)
    embedding = None
    if embedder is not None and documents:
        vectors = np.asarray(embedder.embed([texts[i] for i in documents]), dtype=np.float64)
        embedding = np.zeros((len(texts), vectors.shape[1]))
        embedding[documents] = vectors
    if not documents:
        return Topics((), unassigned, {})
    builder = _Builder(texts, token_lists, display, documents, language=language, seed=seed, embedding=embedding,
                       labeller=labeller, word_vectors=word_vectors)
    top, silhouettes = builder.top(max_topics)
    return Topics(tuple(top), unassigned, silhouettes)
