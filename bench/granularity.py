"""How well `topics` agrees with a human grouping at every level, beside a plain baseline (issue 18).

    .venv/bin/python bench/granularity.py        # the hand-grouped public comments (bench/public_comments.py)
    .venv/bin/python bench/granularity.py [--weight 0.5 …] [--seed n]  # TF-IDF alone vs with word vectors
    .venv/bin/python bench/granularity.py --vectors none               # TF-IDF + LSA alone

Levels of our result: 1 the topics, 2 the sub-topics (a topic without sub-topics is its own), 3 the summary
items (the finest level). The baseline for each level is SudachiPy tokens (the same content words) + TF-IDF
+ TruncatedSVD (100 dimensions) + k-means (10 starts) with the SAME number of groups as ours at that level;
both are scored against the human topics (level 1) and the human items (levels 2 and 3) by the adjusted
Rand index (ARI) and adjusted mutual information (AMI). bench/listening.py prints the same table.

Ours is the site's default: word vectors (ja_ginza's, yukemuri/listening/analysis/word_vectors.py) beside LSA.
The run also clusters with TF-IDF + LSA alone and with each --weight of the vectors, and prints ARI/AMI at each
level and the time of `topics` for each (issue 18; docs/benchmarks.md), then the baseline table of each.
"""

import argparse
import csv
import sys
import time
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


def options_for(vectors: str = "ja_ginza") -> dict:
    """`topics` options of a run: the site's default (ja_ginza's word vectors), or "none" (TF-IDF + LSA alone)."""
    if vectors == "none":
        return {}
    from yukemuri.listening.analysis import word_vectors

    return {"word_vectors": word_vectors.load(vectors)}


def agreement(texts: list[str], items: list[str], topics_of: list[str], seed: int = 0, **options) -> list[dict]:
    """Per level: groups, mean group size, ARI and AMI of ours and of the baseline against the human truth.
    `options` go to `topics` (options_for(): the site's default)."""
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


def timed_agreement(texts, items, topics_of, seed: int = 0, **options) -> tuple[list[dict], float]:
    """`agreement` and the seconds of its `topics` run alone (the baseline's k-means are not counted)."""
    from yukemuri.listening.analysis import topics

    topics(texts[:8], language="ja", seed=seed)  # Sudachi's dictionary loaded before the clock starts
    started = time.perf_counter()
    topics(texts, language="ja", seed=seed, **options)
    seconds = time.perf_counter() - started
    return agreement(texts, items, topics_of, seed=seed, **options), seconds


def vectors_table(runs: list[tuple[str, list[dict], float]]) -> str:
    """ARI and AMI per level of each run (the first is TF-IDF + LSA alone), and its time."""
    names = {1: "topics", 2: "sub-topics", 3: "items"}
    head = "run                       " + "".join(f"{names[r['level']]:>23}" for r in runs[0][1]) + "   time"
    lines = [head, "                          " + "   groups   ARI   AMI" * len(runs[0][1])]
    for name, rows, seconds in runs:
        cells = "".join(f"     {r['groups']:>4} {r['ari']:.3f} {r['ami']:.3f}" for r in rows)
        lines.append(f"{name:<26}{cells}  {seconds:5.2f} s")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", choices=("ja_ginza", "none"), default="ja_ginza",
                        help="the word vectors beside LSA (default: ja_ginza, as the site); none: TF-IDF + LSA alone")
    parser.add_argument("--weight", type=float, action="append",
                        help="share of the word vectors in the similarity (repeatable; default: the engine's)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    seed = args.seed
    texts, items, topics_of = load()
    print(f"{len(texts)} comments, {len(set(items))} human items in {len(set(topics_of))} topics")
    if args.vectors == "none":
        print(table(agreement(texts, items, topics_of, seed=seed)))
        return
    from yukemuri.listening.analysis import word_vectors
    from yukemuri.listening.analysis.text import tokenize

    started = time.perf_counter()
    loaded = word_vectors.load(args.vectors)
    print(f"{args.vectors}: {loaded.dimensions} dimensions, loaded in {time.perf_counter() - started:.2f} s; "
          f"{loaded.coverage([tokenize(text) for text in texts]):.1%} of the content words have a vector")
    runs = [("TF-IDF + LSA alone", *timed_agreement(texts, items, topics_of, seed=seed))]
    for weight in args.weight or [word_vectors.WEIGHT]:
        chosen = word_vectors.WordVectors(loaded.vector, loaded.dimensions, weight=weight, name=loaded.name)
        runs.append((f"+ {args.vectors} (w {weight:g})", *timed_agreement(texts, items, topics_of, seed=seed,
                                                                            word_vectors=chosen)))
    print(vectors_table(runs))
    for name, rows, _ in runs:
        print(f"ours ({name}) beside the baseline (TF-IDF + LSA + k-means, as many groups):\n" + table(rows))


if __name__ == "__main__":
    main()
