"""Opinion groups (意見グループ): k-means on the map positions, k from 2 to 5 chosen by silhouette.

pol.is first summarises the participants by 100 "base clusters" (k-means, `base-k` 100), then clusters
those centres, weighted by their sizes, for each k in 2 … max-k and keeps the k with the best silhouette
of the base centres; max-k is min(5, 2 + ⌊base clusters / 12⌋) (polismath `conversation.clj`:
`:base-clusters`, `:group-clusterings`, `:group-clusterings-silhouettes`, `max-k-fn`). With no earlier
run to start from, its k-means starts from the first k distinct points (`init-clusters`; red-dwarf's
`PolisKMeans(init="polis")` takes the first k rows of the sorted distinct positions).

We compute once, from scratch, and so:
- k-means runs on the participants' own positions (identical positions merged, with their count as
  weight), from pol.is's start: the k distinct positions that come first in (x, y) order — which
  depends on the positions alone, not on the order or the names of the participants. `restarts` adds
  that many k-means++ starts (fixed seed); the start with the lowest within-group sum of squares wins.
- the silhouette is the participants' (Rousseeuw 1987): exact up to SILHOUETTE_SAMPLE distinct
  positions, beyond that on a seeded sample of that many participants, so its cost stays bounded.
- max-k keeps pol.is's rule, counting distinct positions up to 100 as its base clusters.
"""

from dataclasses import dataclass

import numpy as np

BASE_K = 100  # pol.is's number of base clusters, used for its max-k rule
MAX_K = 5
SILHOUETTE_SAMPLE = 3000
RESTARTS = 10  # k-means++ starts the site adds to pol.is's (see docs/listening.md)
MAX_RESTARTS = 100  # the starts run side by side: memory grows with restarts × positions × k
LARGE = 5000  # distinct positions beyond which the starts run on a sample (see weighted_kmeans)


@dataclass(frozen=True, eq=False)
class Grouping:
    labels: np.ndarray  # one group per input point, 0 … k−1, the largest group first
    k: int
    centers: np.ndarray  # (k, 2)
    silhouettes: dict[int, float]  # k → silhouette of the clustering kept for that k


def max_groups(n_positions: int) -> int:
    return min(MAX_K, 2 + min(n_positions, BASE_K) // 12)


def pairwise_distances(points: np.ndarray) -> np.ndarray:
    squared = (points * points).sum(axis=1)
    return np.sqrt(np.maximum(squared[:, None] + squared[None, :] - 2 * points @ points.T, 0))


def weighted_silhouette(points: np.ndarray, weights: np.ndarray, labels: np.ndarray,
                        distances: np.ndarray | None = None) -> float:
    """Mean silhouette over participants, where `weights[i]` participants stand at `points[i]`.

    a = mean distance to the others in one's own group, b = mean distance to the nearest other group,
    s = (b − a)/max(a, b); someone alone in their group scores 0 (Rousseeuw 1987).
    """
    n = len(points)
    distances = pairwise_distances(points) if distances is None else distances
    k = int(labels.max()) + 1
    member = np.zeros((n, k))
    member[np.arange(n), labels] = weights
    group_weight = member.sum(axis=0)
    mass = distances @ member  # weighted distance sum from each position to each group
    rows = np.arange(n)
    others = group_weight[labels] - 1  # one's own copy sits at distance 0
    a = np.divide(mass[rows, labels], others, out=np.zeros(n), where=others > 0)
    to_groups = mass / np.where(group_weight > 0, group_weight, np.inf)
    to_groups[rows, labels] = np.inf
    b = to_groups.min(axis=1)
    top = np.maximum(a, b)
    score = np.divide(b - a, top, out=np.zeros(n), where=(others > 0) & (top > 0) & np.isfinite(b))
    return float((score * weights).sum() / weights.sum())


def _squared_distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """(restarts, points, k) squared distances from (points, 2) to (restarts, k, 2)."""
    dx = points[None, :, 0, None] - centers[:, None, :, 0]
    dy = points[None, :, 1, None] - centers[:, None, :, 1]
    return dx * dx + dy * dy


def _lloyd(points: np.ndarray, weights: np.ndarray, starts: np.ndarray, max_iter: int, tol: float = 1e-4):
    """Lloyd's iterations for several starts side by side: centres (restarts, k, 2) → labels, weighted sum of
    squares and final centres, per start. A start stops when its assignments no longer change or its centres
    move, in total, by less than `tol` × the mean variance of the coordinates (scikit-learn's KMeans rule)."""
    centers = starts.copy()
    restarts, k, _ = centers.shape
    n = len(points)
    limit = tol * float(np.average((points - np.average(points, axis=0, weights=weights)) ** 2, axis=0, weights=weights).mean())
    moments = [weights * points[:, axis] for axis in (0, 1)]
    labels = np.full((restarts, n), -1)
    active = np.arange(restarts)
    for _ in range(max_iter):
        if not len(active):
            break
        distances = _squared_distances(points, centers[active])
        new_labels = distances.argmin(axis=2)
        unchanged = (new_labels == labels[active]).all(axis=1)
        labels[active] = new_labels
        offsets = (np.arange(len(active)) * k)[:, None]
        flat = (new_labels + offsets).ravel()
        size = len(active) * k
        mass = np.bincount(flat, weights=np.tile(weights, len(active)), minlength=size).reshape(-1, k)
        moved = centers[active].copy()
        for axis in (0, 1):
            sums = np.bincount(flat, weights=np.tile(moments[axis], len(active)), minlength=size).reshape(-1, k)
            moved[:, :, axis] = np.divide(sums, mass, out=moved[:, :, axis], where=mass > 0)
        for r, c in zip(*np.nonzero(mass == 0), strict=True):
            # An empty cluster takes over the point worst served by its own centre.
            moved[r, c] = points[distances[r, np.arange(n), new_labels[r]].argmax()]
        shift = ((moved - centers[active]) ** 2).sum(axis=(1, 2))
        centers[active] = moved
        active = active[~(unchanged | (shift <= limit))]
    distances = _squared_distances(points, centers)
    return distances.argmin(axis=2), (distances.min(axis=2) * weights).sum(axis=1), centers


def _kmeans_plus_plus(points: np.ndarray, weights: np.ndarray, k: int, restarts: int, rng) -> np.ndarray:
    """k-means++ starts (Arthur & Vassilvitskii 2007): each next centre is drawn with probability ∝ weight ×
    squared distance to the nearest centre so far."""
    n = len(points)
    centers = np.empty((restarts, k, 2))
    centers[:, 0] = points[rng.choice(n, size=restarts, p=weights / weights.sum())]
    nearest = _squared_distances(points, centers[:, :1])[:, :, 0]
    for c in range(1, k):
        mass = np.cumsum(nearest * weights, axis=1)
        draws = rng.random(restarts) * mass[:, -1]
        chosen = np.minimum((mass < draws[:, None]).sum(axis=1), n - 1)
        centers[:, c] = points[chosen]
        nearest = np.minimum(nearest, _squared_distances(points, centers[:, c:c + 1])[:, :, 0])
    return centers


def polis_start(points: np.ndarray, k: int) -> np.ndarray:
    """pol.is's start (red-dwarf's `init="polis"`): the first k of the distinct positions in (x, y) order."""
    return points[np.lexsort((points[:, 1], points[:, 0]))[:k]]


def weighted_kmeans(points: np.ndarray, weights: np.ndarray, k: int, *, seed: int = 0, restarts: int = 0,
                    max_iter: int = 300) -> tuple[np.ndarray, float]:
    """Lloyd's k-means with weights on distinct `points`, from pol.is's start and, with `restarts`, from that many
    k-means++ starts as well; the start that ends with the lowest weighted sum of squares wins (pol.is's on a
    tie). Returns (labels, that sum).

    Beyond LARGE points the k-means++ starts are run on a seeded weighted sample of LARGE points, and their
    winner is then refined on all of them, which is far cheaper and lands in the same optimum."""
    labels, inertia, _ = _lloyd(points, weights, polis_start(points, k)[None], max_iter)
    best = (labels[0], float(inertia[0]))
    if restarts:
        rng = np.random.default_rng(seed)
        if len(points) > LARGE:
            sample = np.sort(rng.choice(len(points), size=LARGE, replace=False, p=weights / weights.sum()))
            _, _, centers = _best_of(points[sample], np.ones(LARGE), k, restarts, rng, max_iter)
            labels, inertia, _ = _lloyd(points, weights, centers[None], max_iter)
            challenger = (labels[0], float(inertia[0]))
        else:
            challenger = _best_of(points, weights, k, restarts, rng, max_iter)[:2]
        if challenger[1] < best[1]:
            best = challenger
    return best


def _best_of(points, weights, k, restarts, rng, max_iter):
    labels, inertia, centers = _lloyd(points, weights, _kmeans_plus_plus(points, weights, k, restarts, rng), max_iter)
    best = int(np.argmin(inertia))
    return labels[best], float(inertia[best]), centers[best]


def _silhouette_sample(counts: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(indices into the distinct positions, weights) on which the silhouette is computed."""
    total = int(counts.sum())
    if len(counts) <= SILHOUETTE_SAMPLE:
        return np.arange(len(counts)), counts.astype(np.float64)
    chosen = np.random.default_rng(seed).choice(total, size=SILHOUETTE_SAMPLE, replace=False)
    position_of_participant = np.repeat(np.arange(len(counts)), counts)
    index, weight = np.unique(position_of_participant[chosen], return_counts=True)
    return index, weight.astype(np.float64)


def group(points: np.ndarray, *, seed: int = 0, restarts: int = 0) -> Grouping:
    """Participants' map positions (n × 2) → opinion groups (see the module docstring). `restarts` k-means++
    starts are tried beside pol.is's own start (none by default, as pol.is)."""
    if len(points) == 0:
        return Grouping(np.zeros(0, dtype=np.int64), 0, np.zeros((0, 2)), {})
    # Rounding makes positions that differ only by floating-point noise (summation order) the same position.
    unique, inverse, counts = np.unique(np.round(points, 9), axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    # Visit positions by distance from the centre, so that k-means++'s draws do not depend on the sign of an
    # axis (a principal component's sign is arbitrary) nor on the order of the participants.
    radius = np.round(np.hypot(*(unique - np.average(unique, axis=0, weights=counts)).T), 9)
    order = np.lexsort((unique[:, 1], unique[:, 0], radius))
    unique, counts = unique[order], counts[order]
    inverse = np.argsort(order)[inverse]
    if len(unique) < 2:
        return Grouping(np.zeros(len(points), dtype=np.int64), 1, unique[:1].copy(), {})
    weights = counts.astype(np.float64)
    sample, sample_weights = _silhouette_sample(counts, seed)
    distances = pairwise_distances(unique[sample])
    best, silhouettes = None, {}
    for k in range(2, max(2, min(max_groups(len(unique)), len(unique) - 1)) + 1):
        labels = weighted_kmeans(unique, weights, k, seed=seed, restarts=restarts)[0]
        sampled = labels[sample]
        score = -1.0
        if len(np.unique(sampled)) > 1:
            score = weighted_silhouette(unique[sample], sample_weights, sampled, distances)
        silhouettes[k] = score
        if best is None or score > best[0]:  # ties go to the smaller k
            best = (score, labels)
    labels = best[1]
    # Canonical numbering: the largest group first, ties by the group's centre.
    present = np.unique(labels)
    sizes = np.array([weights[labels == g].sum() for g in present])
    centers = np.array([np.average(unique[labels == g], axis=0, weights=weights[labels == g]) for g in present])
    order = np.lexsort((centers[:, 1], centers[:, 0], -sizes))
    rank = np.empty(labels.max() + 1, dtype=np.int64)
    rank[present[order]] = np.arange(len(present))
    return Grouping(rank[labels][inverse], len(present), centers[order], silhouettes)
