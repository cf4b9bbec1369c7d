"""Near-identical comments (重複・組織的な大量投稿): a campaign of copied text counted as one opinion.

Texts are folded as the site folds text for search (NFKC, case-folded, katakana as hiragana; `core.text.fold`,
repeated here because the engine imports no Django and no `core`), then stripped of whitespace and punctuation,
so that "、" for "，" or an added "。" changes nothing. Exact copies of the folded text are one group at once. The
distinct folded texts are cut into overlapping character shingles (Japanese has no spaces between words, so
words are no unit to count on) and compared by MinHash with LSH (the bands `datasketch` chooses; the sketches
and buckets as numpy arrays): LSH offers candidate pairs, and each pair is then checked on the exact Jaccard
similarity of its shingle sets, so the sketch's error never merges anything. A text joins the group of its most
similar text above the threshold if it is also near that group's leader, so copies edited in different ways
gather into one campaign while no chain of small edits walks from one opinion to another. No Django;
deterministic for the same texts.
Details: docs/listening.md and docs/decisions/0032-near-duplicates.md.
"""

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from datasketch import MinHashLSH

# Character 3-grams. Bigrams of Japanese are too common (です, ます, ので appear in every comment) and would
# make unrelated comments look alike; 4-grams and up let one changed character break too many shingles of a
# short comment (a changed name in a 40-character comment). 3 is also what Japanese near-duplicate work on
# news and web text commonly uses.
SHINGLE = 3
# Two comments are the same opinion when their shingle sets have a Jaccard similarity of at least this. A
# campaign letter of 60 characters with the sender's name and town changed keeps 0.65–0.75 (0.7 split such a
# campaign in two); one word changed in a short comment (空き家を活用してほしい → 公園を活用してほしい)
# drops to about 0.55; unrelated comments on one subject, even opening and closing with the same greeting,
# stay below 0.4 (tests: test_duplicates.py).
SIMILARITY = 0.6
# …and at least this to the group's leader (its most submitted wording): a copy may be nearer another copy
# than the original (two people changed the same name), but the group never drifts far from the original.
LEADER_SIMILARITY = 0.5
# The LSH band threshold sits below SIMILARITY, so that pairs at the threshold are rarely missed by the
# sketch (the exact check decides); lower only adds candidates to check.
LSH_THRESHOLD = 0.5
# MinHash permutations. The sketch only proposes candidates (the exact Jaccard decides), so 64 (standard
# error about 1/√64 ≈ 0.12) is enough and halves the time of 128.
NUM_PERM = 64
# Folded texts shorter than this are only grouped when identical: three shingles say too little.
MIN_CHARACTERS = SHINGLE + 2

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])
_NOISE = re.compile(r"[\W_]+")  # whitespace and punctuation (Unicode-aware: 、。「」！ too)


def fold(text: str) -> str:
    """As `yukemuri.core.text.fold` (a test keeps the two equal): NFKC, case-folded, katakana as hiragana,
    no bidi controls."""
    return unicodedata.normalize("NFKC", (text or "").translate(_BIDI_CONTROLS)).casefold().translate(
        _KATAKANA_TO_HIRAGANA)


def key(text: str) -> str:
    """The form compared: folded, without whitespace or punctuation."""
    return _NOISE.sub("", fold(text))


def shingles(folded: str, size: int = SHINGLE) -> set[str]:
    if len(folded) <= size:
        return {folded} if folded else set()
    return {folded[i:i + size] for i in range(len(folded) - size + 1)}


def _hash(shingle: str) -> int:
    # CRC-32: deterministic across processes (str's hash() is salted) and about four times faster than the
    # library's SHA-1; 32 bits is what MinHash keeps anyway.
    return zlib.crc32(shingle.encode("utf-8"))


def jaccard(a: set, b: set) -> float:
    if not (a or b):
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


@dataclass(frozen=True)
class DuplicateGroup:
    """Near-identical comments: `members` are indices into the texts, the representative first (the most
    often submitted wording, then the first submitted)."""

    members: tuple[int, ...]

    @property
    def representative(self) -> int:
        return self.members[0]

    @property
    def count(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Duplicates:
    groups: tuple[DuplicateGroup, ...]  # groups of two or more, largest first
    representative_of: tuple[int, ...]  # for each text, its group's representative (itself when alone)

    def representatives(self) -> list[int]:
        """One index per opinion, in the order of the texts."""
        return [i for i, r in enumerate(self.representative_of) if i == r]

    def weight(self, index: int) -> int:
        """How many texts the representative `index` stands for."""
        return self.weights.get(index, 1)

    @property
    def weights(self) -> dict:
        return {group.representative: group.count for group in self.groups}


class _Index:
    """Shingle sets of the comparable forms, their MinHash sketches and LSH buckets, all as numpy arrays.

    datasketch's MinHash and MinHashLSH objects hash and band one text at a time in Python, and at 100,000
    comments that (with the Python set arithmetic of the exact check) took minutes; here the sketches of all
    texts are one array, each band's buckets one sort, and a text's candidates are checked together. The
    bands and rows per band are the ones datasketch's MinHashLSH chooses for the threshold."""

    def __init__(self, forms: list[str], *, threshold: float, num_perm: int, seed: int):
        ids: dict[str, int] = {}
        flat, lengths = [], []
        for form in forms:
            sets = shingles(form)
            flat.extend(ids.setdefault(shingle, len(ids)) for shingle in sets)
            lengths.append(len(sets))
        self.flat = np.asarray(flat, dtype=np.int64)
        self.sizes = np.asarray(lengths, dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)])
        self.mark = np.zeros(len(ids), dtype=bool)  # the shingles of the text being placed
        signatures = self._sketch(np.fromiter((_hash(s) for s in ids), dtype=np.uint64, count=len(ids)), num_perm, seed)
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.bands = []  # per band: texts sorted by bucket (then by position), and each text's slice of earlier ones
        for band in range(lsh.b):
            rows = np.ascontiguousarray(signatures[:, band * lsh.r : (band + 1) * lsh.r])
            bucket = np.unique(rows.view(np.dtype((np.void, rows.dtype.itemsize * lsh.r))).ravel(), return_inverse=True)[
                1
            ].ravel()
            order = np.argsort(bucket, kind="stable")
            first = np.searchsorted(bucket[order], bucket)  # where each text's bucket begins in `order`
            rank = np.empty(len(forms), dtype=np.int64)
            rank[order] = np.arange(len(forms)) - first[order]  # how many earlier texts share the bucket
            self.bands.append((order, first, rank))
        self.has_earlier = np.zeros(len(forms), dtype=bool)
        for _, _, rank in self.bands:
            self.has_earlier |= rank > 0

    def _sketch(self, hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
        """MinHash signatures (texts × num_perm): universal hashing (a·h + b) mod the Mersenne prime 2⁶¹ − 1, as
        datasketch's; a and b below 2³¹ keep a·h + b inside 64 bits, so no product wraps around."""
        generator = np.random.RandomState(seed)
        a = generator.randint(1, 1 << 31, size=num_perm).astype(np.uint64)
        b = generator.randint(0, 1 << 31, size=num_perm).astype(np.uint64)
        permuted = ((hashes[:, None] * a + b) % np.uint64((1 << 61) - 1)).astype(np.uint64)
        permuted = (permuted & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        signatures = np.empty((len(self.sizes), num_perm), dtype=np.uint32)
        step = 4096  # texts at a time: all the shingles × num_perm at once would take gigabytes
        for begin in range(0, len(self.sizes), step):
            end = min(begin + step, len(self.sizes))
            chunk = permuted[self.flat[self.starts[begin] : self.starts[end]]]
            signatures[begin:end] = np.minimum.reduceat(chunk, self.starts[begin:end] - self.starts[begin], axis=0)
        return signatures

    def candidates(self, k: int) -> np.ndarray:
        """Earlier texts sharing a bucket with text k in some band (what MinHashLSH.query gives before insert)."""
        parts = [order[first[k] : first[k] + rank[k]] for order, first, rank in self.bands if rank[k]]
        return np.unique(np.concatenate(parts))

    def similarity(self, k: int, others: np.ndarray) -> np.ndarray:
        """Exact Jaccard similarity of text k's shingle set to each of `others`'."""
        mine = self.flat[self.starts[k] : self.starts[k + 1]]
        self.mark[mine] = True
        lengths = self.sizes[others]
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        positions = np.repeat(self.starts[others] - offsets, lengths) + np.arange(int(lengths.sum()))
        common = np.add.reduceat(self.mark[self.flat[positions]], offsets).astype(np.float64)
        self.mark[mine] = False
        return common / (len(mine) + lengths - common)


def _group_to_join(k: int, index: _Index, leader: np.ndarray, similarity: float) -> int:
    """The leader of the group that text k joins (k itself when none): the group of a text at least
    `similarity` alike, whose leader is at least LEADER_SIMILARITY alike — the nearest such leader, the
    earlier on a tie.

    Copies edited in different places (name, town) may be nearer another copy than the original, so a
    text may join through any member; requiring its leader to stay near too keeps a chain of small edits
    from walking from one opinion to another."""
    if not index.has_earlier[k]:
        return k
    candidates = index.candidates(k)
    size, sizes = index.sizes[k], index.sizes[candidates]
    # Jaccard is at most the ratio of the sets' sizes: leave out what cannot reach the threshold.
    candidates = candidates[np.minimum(size, sizes) >= similarity * np.maximum(size, sizes)]
    if not len(candidates):
        return k
    heads_of = leader[candidates]
    heads = np.unique(heads_of)
    alike = index.similarity(k, np.concatenate([heads, candidates]))
    to_head, to_member = alike[: len(heads)], alike[len(heads) :]
    through_member = np.zeros(len(heads), dtype=bool)
    joins = (to_member >= similarity) & (candidates != heads_of)
    through_member[np.searchsorted(heads, heads_of[joins])] = True
    fits = (to_head >= LEADER_SIMILARITY) & ((to_head >= similarity) | through_member)
    if not fits.any():
        return k
    best = np.lexsort((heads[fits], -to_head[fits]))[0]  # most alike, then the earliest
    return int(heads[fits][best])


def near_duplicates(
    texts: Sequence[str], *, similarity: float = SIMILARITY, num_perm: int = NUM_PERM, seed: int = 1
) -> Duplicates:
    """Group near-identical texts. Texts with nothing but whitespace and punctuation are left alone."""
    keys = [key(text) for text in texts]
    distinct: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k:
            distinct.setdefault(k, []).append(i)
    # Most often submitted first, then first submitted: a campaign's own wording becomes the leader of its group.
    forms = sorted(distinct, key=lambda form: (-len(distinct[form]), distinct[form][0]))
    leader = list(range(len(forms)))
    comparable = [j for j, form in enumerate(forms) if len(form) >= MIN_CHARACTERS]
    if len(comparable) > 1:
        # Positions among the comparable forms (in the same order), placed one by one: each joins an earlier group.
        index = _Index([forms[j] for j in comparable], threshold=min(LSH_THRESHOLD, similarity), num_perm=num_perm, seed=seed)
        joined = np.arange(len(comparable))
        for k in range(len(comparable)):
            joined[k] = _group_to_join(k, index, joined, similarity)
        for k, j in enumerate(comparable):
            leader[j] = comparable[joined[k]]
    members: dict[int, list[int]] = {}
    for j in range(len(forms)):
        members.setdefault(leader[j], []).append(j)
    representative_of = list(range(len(texts)))
    groups = []
    for js in members.values():
        indices = sorted(i for j in js for i in distinct[forms[j]])
        if len(indices) < 2:
            continue
        wording = Counter(texts[i].strip() for i in indices)
        first = {}
        for i in indices:
            first.setdefault(texts[i].strip(), i)
        best = min(wording, key=lambda w: (-wording[w], first[w]))
        head = first[best]
        group = DuplicateGroup((head, *[i for i in indices if i != head]))
        groups.append(group)
        for i in indices:
            representative_of[i] = head
    groups.sort(key=lambda g: (-g.count, g.representative))
    return Duplicates(tuple(groups), tuple(representative_of))


def variants(texts: Sequence[str], group: DuplicateGroup) -> list[tuple[str, int]]:
    """The distinct wordings of a group with how often each was submitted, most often first."""
    counts = Counter(texts[i].strip() for i in group.members)
    order = {texts[i].strip(): n for n, i in enumerate(group.members)}
    return sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))



def expand(result, kept: Sequence[int], found: Duplicates):
    """Topics computed on the representatives `kept` (one text per opinion), mapped back to every text: each
    topic's members include the copies of its members; the central comments stay one per opinion; the
    groups of near-identical texts are attached as `near_duplicates`."""
    copies = {group.representative: group.members for group in found.groups}

    def members(indices):
        return tuple(sorted(i for j in indices for i in copies.get(kept[j], (kept[j],))))

    def topic(t):
        return replace(t, members=members(t.members), central=tuple(kept[j] for j in t.central),
                       subtopics=tuple(topic(s) for s in t.subtopics))

    return replace(result, topics=tuple(topic(t) for t in result.topics), unassigned=members(result.unassigned),
                   near_duplicates=found.groups)
