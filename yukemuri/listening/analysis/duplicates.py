"""Near-identical comments (重複・組織的な大量投稿): a campaign of copied text counted as one opinion.

Texts are folded as the site folds text for search (NFKC, case-folded, katakana as hiragana; `core.text.fold`,
repeated here because the engine imports no Django and no `core`), then stripped of whitespace and
punctuation, so that "、" for "，" or an added "。" changes nothing. Exact copies of the folded text are one
group at once. The distinct folded texts are cut into overlapping character shingles (Japanese has no spaces
between words, so words are no unit to count on) and compared by MinHash with LSH (`datasketch`): LSH offers
candidate pairs, and each pair is then checked on the exact Jaccard similarity of its shingle sets, so the
sketch's error never merges anything. A text joins the group of its most similar text above the threshold
if it is also near that group's leader, so copies edited in different ways gather into one campaign while
no chain of small edits walks from one opinion to another. No Django; deterministic for the same texts.
Details: docs/listening.md and docs/decisions/0032-near-duplicates.md.
"""

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from datasketch import MinHash, MinHashLSH

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


def _group_to_join(j: int, candidates, shingle_sets: dict, leader: list, similarity: float) -> int:
    """The leader of the group that text j joins (j itself when none): the group of a text at least
    `similarity` alike, whose leader is at least LEADER_SIMILARITY alike — the nearest such leader.

    Copies edited in different places (name, town) may be nearer another copy than the original, so a
    text may join through any member; requiring its leader to stay near too keeps a chain of small edits
    from walking from one opinion to another. Candidates are checked by group, the leader first: most copies
    are near the leader, and then one comparison decides for the whole group."""
    mine, size = shingle_sets[j], len(shingle_sets[j])
    by_leader: dict[int, list[int]] = {}
    for other in candidates:
        # Jaccard is at most the ratio of the sets' sizes: skip what cannot reach the threshold.
        if min(size, len(shingle_sets[other])) >= similarity * max(size, len(shingle_sets[other])):
            by_leader.setdefault(leader[other], []).append(other)
    best = None
    for head, members in by_leader.items():
        to_head = jaccard(mine, shingle_sets[head])
        if to_head < LEADER_SIMILARITY or (best is not None and (to_head, -head) <= best):
            continue
        if to_head >= similarity or any(jaccard(mine, shingle_sets[m]) >= similarity for m in members if m != head):
            best = (to_head, -head)
    return j if best is None else -best[1]


def near_duplicates(texts: Sequence[str], *, similarity: float = SIMILARITY, num_perm: int = NUM_PERM,
                    seed: int = 1) -> Duplicates:
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
        shingle_sets = {j: shingles(forms[j]) for j in comparable}
        lsh = MinHashLSH(threshold=min(LSH_THRESHOLD, similarity), num_perm=num_perm)
        sketches = MinHash.bulk([list(shingle_sets[j]) for j in comparable], num_perm=num_perm, seed=seed,
                                hashfunc=_hash)
        for j, sketch in zip(comparable, sketches, strict=True):
            leader[j] = _group_to_join(j, lsh.query(sketch), shingle_sets, leader, similarity)
            lsh.insert(j, sketch)
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
