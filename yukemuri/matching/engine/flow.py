"""The assignment: a maximum-score b-matching with a newcomer floor, solved exactly as one min-cost flow.

Network (docs/matching.md draws it):

    source ──cap c_p──────────────────▶ person p (experienced) ──cap 1, cost −w_e──▶ opening o ──cap n_o──▶ sink
    source ──[lower L, cap C_new]──▶ A ──cap c_p──▶ person p (newcomer) ──▶ …
    source ──────────────────── cap U, cost 0 (bypass: leaving a place empty costs nothing) ──────────▶ sink

c_p = min(capacity, max offers), n_o = count, w_e = round(score_e × scale) (edges with w_e ≤ 0 are left out:
they cannot raise the total). The supply U = Σ c_p leaves the source and reaches the sink directly or
through suggestions, so the flow is a maximum-*score* assignment, not a maximum-cardinality one.

Newcomer floor. F* = the maximum number of suggestions the candidate graph allows (a max flow) and
N* = the most that can go to newcomers (a max flow through A alone). The floor is
L = min(⌈share × F*⌉, N*), imposed exactly as a lower bound on source → A by the standard transformation
(capacity C_new − L, L units of supply moved from the source to A). Every solution then has at least
L newcomer suggestions; since the total is at most F*, the share is at least `share` whenever N* allows,
and otherwise every newcomer who can be placed is. The min-cost flow is optimal for the rounded
weights among all assignments meeting the floor; OR-Tools' solvers are deterministic, and the arcs are
added in the order of the given edges.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

from .model import Fairness, InstanceError

SCALE = 1000
COST_LIMIT = 1 << 62


@dataclass(frozen=True, eq=False)
class FlowSolution:
    """Which edges are chosen (indices into the given edge arrays, ascending) and the figures of the run."""

    chosen: np.ndarray
    objective: float  # math.fsum of the given scores of the chosen edges
    weight: int  # the sum of the rounded weights the flow maximised
    max_suggestions: int | None  # F* (None when no floor was needed)
    max_newcomer_suggestions: int | None  # N* (None when no floor was needed)
    newcomer_floor: int  # L
    newcomer_suggestions: int


def newcomer_target(share: float, max_suggestions: int) -> int:
    """⌈share × F*⌉ with the share read as the decimal it is written as (0.3 × 10 is 3, not 4)."""
    return math.ceil(Fraction(repr(float(share))) * max_suggestions)


def _max_flow(tails, heads, caps, source: int, sink: int) -> int:
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(tails, heads, caps)
    status = solver.solve(source, sink)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"max flow failed: {status}")
    return int(solver.optimal_flow())


def solve_edges(capacity, count, person, opening, score, *, newcomer=None, fairness: Fairness | None = None,
                scale: int = SCALE) -> FlowSolution:
    """Choose edges (person[e], opening[e]) maximising Σ score[e] with each person in at most
    min(capacity, max offers) and each opening in at most count of them, each edge at most once, and the
    newcomer floor of `fairness` (see the module docstring). Scores are rounded to integers ×`scale`
    (round half to even), so the result is optimal for those; it is within (|chosen| + |optimum|) / (2 × scale)
    of the optimum of the exact scores.
    """
    fairness = fairness or Fairness()
    capacity = np.asarray(capacity, dtype=np.int64).reshape(-1)
    count = np.asarray(count, dtype=np.int64).reshape(-1)
    person = np.asarray(person, dtype=np.int64).reshape(-1)
    opening = np.asarray(opening, dtype=np.int64).reshape(-1)
    score = np.asarray(score, dtype=np.float64).reshape(-1)
    n, m, e = len(capacity), len(count), len(person)
    if len(opening) != e or len(score) != e:
        raise InstanceError("person, opening and score must have the same length")
    if (capacity < 0).any() or (count < 0).any():
        raise InstanceError("capacities and counts must not be negative")
    if e and (person.min() < 0 or person.max() >= n or opening.min() < 0 or opening.max() >= m):
        raise InstanceError("an edge refers to a person or opening that does not exist")
    if not np.isfinite(score).all():
        raise InstanceError("scores must be finite numbers")
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise InstanceError(f"scale must be a positive integer, got {scale!r}")
    pair = person * max(m, 1) + opening
    if len(np.unique(pair)) != e:
        raise InstanceError("the same person and opening appear in more than one edge")
    newcomer = np.zeros(n, dtype=bool) if newcomer is None else np.asarray(newcomer, dtype=bool).reshape(-1)
    if len(newcomer) != n:
        raise InstanceError("newcomer must have one entry per person")

    cap = capacity.copy()
    if fairness.max_offers_per_person is not None:
        np.minimum(cap, fairness.max_offers_per_person, out=cap)
    weight = np.rint(score * scale)
    if e and float(np.abs(weight).max()) * (3 + n + m + 1) * 4 >= COST_LIMIT:
        raise InstanceError(f"scores × scale ({scale}) are too large for exact integer costs; use a smaller scale")
    weight = weight.astype(np.int64)
    useful = np.flatnonzero((weight > 0) & (cap[person] > 0) & (count[opening] > 0))
    # Only people and openings with a usable edge become nodes: 0 source, 1 sink, 2 A, then people, then openings.
    used_p, edge_p = np.unique(person[useful], return_inverse=True)
    used_o, edge_o = np.unique(opening[useful], return_inverse=True)
    n_p, n_o = len(used_p), len(used_o)
    src, sink, agg = 0, 1, 2
    nodes = 3 + n_p + n_o
    p_cap = cap[used_p]
    p_new = newcomer[used_p]
    total_cap = int(p_cap.sum())
    new_cap = int(p_cap[p_new].sum())
    tails = np.concatenate([np.where(p_new, agg, src), 3 + edge_p, 3 + n_p + np.arange(n_o)]).astype(np.int32)
    heads = np.concatenate([3 + np.arange(n_p), 3 + n_p + edge_o, np.full(n_o, sink)]).astype(np.int32)
    caps = np.concatenate([p_cap, np.ones(len(useful), dtype=np.int64), count[used_o]])

    max_sugg = max_new = None
    floor = 0
    share = fairness.newcomer_share
    if share > 0 and new_cap > 0:
        # F*: everyone through the source; N*: newcomers only (A as the source).
        max_sugg = _max_flow(np.concatenate([[src], tails]).astype(np.int32),
                             np.concatenate([[agg], heads]).astype(np.int32),
                             np.concatenate([[new_cap], caps]), src, sink)
        target = newcomer_target(share, max_sugg)
        if target > 0:
            max_new = _max_flow(tails, heads, caps, agg, sink)
            floor = min(target, max_new)

    solver = min_cost_flow.SimpleMinCostFlow()
    first_edge = n_p
    costs = np.concatenate([np.zeros(n_p, dtype=np.int64), -weight[useful], np.zeros(n_o, dtype=np.int64)])
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    # source → A (the floor moved into A's supply by the lower-bound transformation) and the bypass source → sink
    solver.add_arcs_with_capacity_and_unit_cost(np.array([src, src], dtype=np.int32), np.array([agg, sink], dtype=np.int32),
                                                np.array([new_cap - floor, total_cap], dtype=np.int64),
                                                np.zeros(2, dtype=np.int64))
    supply = np.zeros(nodes, dtype=np.int64)
    supply[src] = total_cap - floor
    supply[agg] = floor
    supply[sink] = -total_cap
    solver.set_nodes_supplies(np.arange(nodes, dtype=np.int32), supply)
    status = solver.solve()
    if status in (solver.BAD_COST_RANGE, solver.BAD_CAPACITY_RANGE):
        raise InstanceError(f"scores × scale ({scale}) or capacities are too large for the solver ({status.name})")
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status.name}")
    flows = solver.flows(np.arange(first_edge, first_edge + len(useful), dtype=np.int32))
    chosen = useful[flows > 0]
    return FlowSolution(
        chosen=chosen,
        objective=math.fsum(score[chosen].tolist()),
        weight=-int(solver.optimal_cost()),
        max_suggestions=max_sugg,
        max_newcomer_suggestions=max_new,
        newcomer_floor=floor,
        newcomer_suggestions=int(newcomer[person[chosen]].sum()),
    )
