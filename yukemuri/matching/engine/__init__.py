"""Matching engine (マッチング): each idea its key people, each volunteer task its helpers, each issue its
creators — fair, fast and explained. Pure Python, numpy and OR-Tools; no Django. The method is in
docs/matching.md.

    result = match(people, openings, Weights(), Fairness(newcomer_share=0.3, max_offers_per_person=3), k=20, seed=0)
    for a in result.assignments:
        a.person, a.opening, a.score, [(c.key, c.value, c.details) for c in a.why]

    score(person, opening, weights)            # one pair: Score(total, components, excluded_by)
    candidates(people, openings, k=20)         # the sparse candidate graph (rows, best first per opening)
    solve_edges(capacity, count, person, opening, score, newcomer=..., fairness=...)   # the flow alone
"""

from .candidates import CandidateGraph
from .flow import SCALE, FlowSolution, solve_edges
from .geo import distance_km, municipalities
from .matcher import candidates, match
from .model import COMPONENT_KEYS, SLOTS, Assignment, Component, Fairness, InstanceError, Opening, Person, Result, Score, Weights
from .scoring import EXCLUSIONS, score

__all__ = [
    "COMPONENT_KEYS", "EXCLUSIONS", "SCALE", "SLOTS", "Assignment", "CandidateGraph", "Component", "Fairness",
    "FlowSolution", "InstanceError", "Opening", "Person", "Result", "Score", "Weights", "candidates", "distance_km",
    "match", "municipalities", "score", "solve_edges",
]
