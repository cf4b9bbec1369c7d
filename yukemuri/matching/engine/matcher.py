"""The whole run: columns → candidates → min-cost flow → suggestions with their reasons."""

import gc
import math
import time
from collections.abc import Sequence

import numpy as np

from .arrays import compile_instance
from .candidates import POOL_LIMIT, CandidateGraph, build
from .flow import SCALE, solve_edges
from .model import Assignment, Fairness, Opening, Person, Result, Weights
from .scoring import distances, explain, fits, weight_vector


def candidates(people: Sequence[Person], openings: Sequence[Opening], k: int = 20, weights: Weights | None = None,
               seed: int = 0, fairness: Fairness | None = None, pool_limit: int | None = POOL_LIMIT,
               workers: int | None = None) -> CandidateGraph:
    """Each opening's best max(k, 2 × count) eligible people (rows into `people`), best first."""
    c = compile_instance(people, openings, fairness)
    return build(c, k, weights or Weights(), seed, pool_limit, workers=workers)


def match(people: Sequence[Person], openings: Sequence[Opening], weights: Weights | None = None,
          fairness: Fairness | None = None, k: int = 20, seed: int = 0, scale: int = SCALE,
          pool_limit: int | None = POOL_LIMIT, workers: int | None = None) -> Result:
    """Suggestions that maximise the total score within everyone's capacity and each opening's count,
    with the newcomer floor and the cap on offers of `fairness`. Same input and seed, same result.

    Assignments come by opening (in the given order), best first; each carries its five components,
    largest first, whose values add up (math.fsum) to its score. `pool_limit` bounds the people read per
    opening (None: all, the exact top k); `workers` is the number of scoring threads (the result does not
    depend on it).
    """
    weights = weights or Weights()
    fairness = fairness or Fairness()
    timings = {}
    t0 = time.perf_counter()
    c = compile_instance(people, openings, fairness)
    timings["compile"] = time.perf_counter() - t0
    graph = build(c, k, weights, seed, pool_limit, workers=workers)
    timings.update(graph.timings)
    t1 = time.perf_counter()
    sol = solve_edges(c.capacity, c.count, graph.person, graph.opening, graph.score, newcomer=c.newcomer,
                      fairness=fairness, scale=scale)
    timings["solve"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    pi, oj = graph.person[sol.chosen], graph.opening[sol.chosen]
    d = distances(c, pi, oj)
    fit = fits(c, pi, oj, d, weights)
    w = weight_vector(weights).tolist()
    assignments = []
    collecting = gc.isenabled()
    gc.disable()  # many small dicts: the cycle collector would walk the whole heap again and again
    try:
        for i, j, f, km in zip(pi.tolist(), oj.tolist(), fit.T.tolist(), d.tolist(), strict=True):
            s = explain(people[i], openings[j], f, km, w)
            assignments.append(Assignment(people[i].id, openings[j].id, s.total, s.components))
    finally:
        if collecting:
            gc.enable()
    timings["explain"] = time.perf_counter() - t2
    timings["total"] = time.perf_counter() - t0
    suggestions = len(assignments)
    stats = {
        "people": c.n_people,
        "openings": c.n_openings,
        "places": int(c.count.sum()),
        "candidate_edges": len(graph),
        **graph.stats,
        "suggestions": suggestions,
        "newcomer_suggestions": sol.newcomer_suggestions,
        "newcomer_share": sol.newcomer_suggestions / suggestions if suggestions else None,
        "newcomer_floor": sol.newcomer_floor,
        "max_suggestions": sol.max_suggestions,
        "max_newcomer_suggestions": sol.max_newcomer_suggestions,
        "scaled_objective": sol.weight,
        "scale": scale,
        "people_with_offers": len(np.unique(pi)),
        "timings": timings,
    }
    return Result(tuple(assignments), math.fsum(a.score for a in assignments), stats)
