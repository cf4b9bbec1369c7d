"""How well `topics` agrees with a human grouping at every level, beside a plain baseline (issue 18).

    .venv/bin/python bench/granularity.py        # the hand-grouped public comments (bench/public_comments.py)

Levels of our result: 1 the topics, 2 the sub-topics (a topic without sub-topics is its own), 3 the summary
items (the finest level). The baseline for each level is SudachiPy tokens (the same content words) + TF-IDF
+ TruncatedSVD (100 dimensions) + k-means (10 starts) with the SAME number of groups as ours at that level;
both are scored against the human topics (level 1) and the human items (levels 2 and 3) by the adjusted
Rand index (ARI) and adjusted mutual information (AMI). bench/listening.py prints the same table.
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "yukemuri" / "listening" / "tests" / "data" / "public_comments.csv"


def load(path: Path = DATA) -> tuple[list[str], list[str], list[str]]:
    """(comments, human item, human topic)."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return [r["comment-body"] for r in rows], [r["item"] for r in rows], [r["topic"] for r in rows]


def levels(result, n: int) -> list[list[str | None]]:
    """Each text's group at levels 1, 2 and 3 (None: unassigned)."""
    out = [[None] * n for _ in range(3)]

    def walk(topic, depth):
        for level in range(depth, 3):
            for i in topic.members:
                out[level][i] = topic.id
        for sub in topic.subtopics:
            walk(sub, depth + 1)

    for topic in result.topics:
        walk(topic, 0)
    return out


def baseline(texts: list[str], k: int, seed: int = 0) -> list[int]:
    """SudachiPy + TF-IDF + TruncatedSVD + k-means with k groups."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    from yukemuri.listening.analysis.text import tokenize

    weights = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True).fit_transform(
        [tokenize(text) or ["∅"] for text in texts])
    dimensions = min(100, weights.shape[1] - 1, len(texts) - 1)
    vectors = normalize(TruncatedSVD(n_components=dimensions, random_state=seed).fit_transform(weights))
    return list(KMeans(n_clusters=min(k, len(texts)), n_init=10, random_state=seed).fit_predict(np.asarray(vectors)))


def agreement(texts: list[str], items: list[str], topics_of: list[str], seed: int = 0, **options) -> list[dict]:
    """Per level: groups, mean group size, ARI and AMI of ours and of the baseline against the human truth."""
    from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

    from yukemuri.listening.analysis import topics

    result = topics(texts, language="ja", seed=seed, **options)
    rows = []
    for number, ours in enumerate(levels(result, len(texts)), start=1):
        truth = topics_of if number == 1 else items
        kept = [i for i, group in enumerate(ours) if group is not None]
        k = len({ours[i] for i in kept})
        plain = baseline(texts, k, seed)
        human = [truth[i] for i in kept]
        rows.append({
            "level": number, "groups": k, "human_groups": len(set(truth)), "mean_size": len(kept) / k,
            "ari": adjusted_rand_score(human, [ours[i] for i in kept]),
            "ari_baseline": adjusted_rand_score(human, [plain[i] for i in kept]),
            "ami": adjusted_mutual_info_score(human, [ours[i] for i in kept]),
            "ami_baseline": adjusted_mutual_info_score(human, [plain[i] for i in kept]),
        })
    return rows


def table(rows: list[dict]) -> str:
    names = {1: "topics", 2: "sub-topics", 3: "summary items"}
    lines = ["level            groups (human)  size   ARI ours / baseline   AMI ours / baseline"]
    for r in rows:
        lines.append(f"{r['level']} {names[r['level']]:<14} {r['groups']:>4} ({r['human_groups']:>3})  {r['mean_size']:5.1f}"
                     f"   {r['ari']:.3f} / {r['ari_baseline']:.3f}         {r['ami']:.3f} / {r['ami_baseline']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    texts, items, topics_of = load()
    print(f"{len(texts)} comments, {len(set(items))} human items in {len(set(topics_of))} topics")
    print(table(agreement(texts, items, topics_of)))
