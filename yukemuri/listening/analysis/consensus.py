"""What the groups share and where they split (合意点と対立点).

- *Consensus*: statements every group agrees with (or every group rejects). For each group, the
  pseudocounted share pa = (n_a + 1)/(n_s + 2) must exceed ½ and its one-proportion z (pat) must be
  significant at pol.is's 90 % (z > 1.2816). pol.is applies this test once to everyone who voted
  (`select-consensus-comments`), so a large group can carry a statement the others reject; asking it of
  each group is what "agreed across all groups" means. Ordered by group-informed consensus.
- *Group-informed consensus*: ∏ over groups of (n_a + 1)/(n_s + 2), pol.is's `group-aware-consensus`,
  and the same product for disagreement. High only when every group leans to agree.
- *Divisive*: statements that some group significantly agrees with and another significantly rejects,
  ordered by the spread of (pa − pd) between the most and the least agreeing group. pol.is's report shows
  such statements but its math has no single rule for them; this one is ours.
"""

from dataclasses import dataclass

import numpy as np

from .repness import Z_90


@dataclass(frozen=True)
class ConsensusStatement:
    statement: object
    direction: str  # "agree": every group agrees; "disagree": every group disagrees
    group_informed: float  # ∏ pa (or ∏ pd) over groups
    shares: tuple[float, ...]  # per group, the raw share of votes in that direction


@dataclass(frozen=True)
class GroupInformedConsensus:
    agree: float
    disagree: float


@dataclass(frozen=True)
class DivisiveStatement:
    statement: object
    divisiveness: float  # max over groups of (pa − pd) minus min over groups, in [0, 2)
    agreeing_groups: tuple[int, ...]
    disagreeing_groups: tuple[int, ...]


def _shares(count: np.ndarray, seen: np.ndarray) -> np.ndarray:
    return np.divide(count, seen, out=np.zeros(count.shape), where=seen > 0)


def consensus(stats: dict[str, np.ndarray], statements: tuple) -> list[ConsensusStatement]:
    result = []
    for way, direction in (("a", "agree"), ("d", "disagree")):
        probability, test = stats[f"p{way}"], stats[f"p{way}t"]
        passes = ((probability > 0.5) & (test > Z_90)).all(axis=0) & (stats["ns"].shape[0] > 0)
        product = probability.prod(axis=0)
        shares = _shares(stats[f"n{way}"], stats["ns"])
        chosen = [j for j in np.flatnonzero(passes)]
        chosen.sort(key=lambda j: -product[j])  # stable: ties keep statement order
        result += [ConsensusStatement(statements[j], direction, float(product[j]), tuple(shares[:, j].tolist()))
                   for j in chosen]
    return result


def group_informed_consensus(stats: dict[str, np.ndarray], statements: tuple) -> dict[object, GroupInformedConsensus]:
    agree, disagree = stats["pa"].prod(axis=0), stats["pd"].prod(axis=0)
    order = sorted(range(len(statements)), key=lambda j: -agree[j])
    return {statements[j]: GroupInformedConsensus(float(agree[j]), float(disagree[j])) for j in order}


def divisive(stats: dict[str, np.ndarray], statements: tuple) -> list[DivisiveStatement]:
    if stats["na"].shape[0] < 2:
        return []
    agreeing = (stats["pa"] > 0.5) & (stats["pat"] > Z_90)
    disagreeing = (stats["pd"] > 0.5) & (stats["pdt"] > Z_90)
    lean = stats["pa"] - stats["pd"]
    spread = lean.max(axis=0) - lean.min(axis=0)
    chosen = [j for j in np.flatnonzero(agreeing.any(axis=0) & disagreeing.any(axis=0))]
    chosen.sort(key=lambda j: -spread[j])
    return [DivisiveStatement(statements[j], float(spread[j]), tuple(np.flatnonzero(agreeing[:, j]).tolist()),
                              tuple(np.flatnonzero(disagreeing[:, j]).tolist()))
            for j in chosen]
