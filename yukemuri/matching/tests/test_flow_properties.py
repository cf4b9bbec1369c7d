"""Properties of the assignment on many small instances, against independent references: networkx max flows
for the fairness floor, a brute force over all edge subsets, and scipy's linear_sum_assignment. No database."""

import itertools
import math
import random

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from yukemuri.matching.engine import SLOTS, Fairness, Opening, Person, Weights, candidates, match, solve_edges

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None)
SHARES = [0.0, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0]


@st.composite
def edge_instances(draw, max_edges: int = 10, integral: bool = True, scarce: bool = False):
    """Small instances; `scarce` ones have few places, newcomers who score less and a share to meet, so that
    the floor binds and costs score."""
    n = draw(st.integers(3 if scarce else 1, 6 if scarce else 5))
    m = draw(st.integers(1, 3 if scarce else 4))
    capacity = draw(st.lists(st.integers(1 if scarce else 0, 2 if scarce else 3), min_size=n, max_size=n))
    count = draw(st.lists(st.integers(1 if scarce else 0, 2 if scarce else 3), min_size=m, max_size=m))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)), unique=True,
                          min_size=min(n * m, max_edges - 3) if scarce else 0, max_size=max_edges))
    if integral:  # whole thousandths: the flow's integer weights are exact
        scores = [k / 1000 for k in draw(st.lists(st.integers(-200, 1000), min_size=len(pairs), max_size=len(pairs)))]
    else:
        scores = draw(st.lists(st.floats(-1, 2, allow_nan=False), min_size=len(pairs), max_size=len(pairs)))
    newcomer = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    if scarce:
        newcomer[:2] = [True, False]
    if scarce or draw(st.booleans()):  # newcomers score lower, as they often do
        scores = [s / 4 if newcomer[p] else s for s, (p, _) in zip(scores, pairs, strict=True)]
    fairness = Fairness(newcomer_share=draw(st.sampled_from(SHARES[3:] if scarce else SHARES)),
                        max_offers_per_person=draw(st.one_of(st.none(), st.integers(0, 3))))
    return {"capacity": capacity, "count": count, "person": [p for p, _ in pairs], "opening": [o for _, o in pairs],
            "score": scores, "newcomer": newcomer, "fairness": fairness}


def solve(inst, **kw):
    return solve_edges(inst["capacity"], inst["count"], inst["person"], inst["opening"], inst["score"],
                       newcomer=inst["newcomer"], fairness=inst["fairness"], **kw)


def caps(inst) -> list[int]:
    offers = inst["fairness"].max_offers_per_person
    return [c if offers is None else min(c, offers) for c in inst["capacity"]]


def usable(inst, scale=1000) -> list[int]:
    """Edges that can raise the total: positive rounded weight, room on both sides."""
    cap = caps(inst)
    return [e for e, s in enumerate(inst["score"])
            if round(s * scale) > 0 and cap[inst["person"][e]] > 0 and inst["count"][inst["opening"][e]] > 0]


def max_flow(inst, edges, only_newcomers: bool) -> int:
    """An independent max flow (networkx) through the usable edges."""
    g = nx.DiGraph()
    cap = caps(inst)
    for i, c in enumerate(cap):
        if not only_newcomers or inst["newcomer"][i]:
            g.add_edge("s", ("p", i), capacity=c)
    for e in edges:
        g.add_edge(("p", inst["person"][e]), ("o", inst["opening"][e]), capacity=1)
    for j, c in enumerate(inst["count"]):
        g.add_edge(("o", j), "t", capacity=c)
    if "s" not in g or "t" not in g:
        return 0
    return nx.maximum_flow_value(g, "s", "t")


def floor_of(inst) -> tuple[int, int, int]:
    """(F*, N*, L) from networkx: the most suggestions, the most for newcomers, and the newcomer floor."""
    edges = usable(inst)
    f_star = max_flow(inst, edges, False)
    n_star = max_flow(inst, edges, True)
    share = inst["fairness"].newcomer_share
    target = math.ceil(round(share * f_star, 9)) if share > 0 else 0
    return f_star, n_star, min(target, n_star)


def feasible(inst, chosen) -> bool:
    cap = caps(inst)
    load = [0] * len(cap)
    filled = [0] * len(inst["count"])
    for e in chosen:
        load[inst["person"][e]] += 1
        filled[inst["opening"][e]] += 1
    return all(x <= c for x, c in zip(load, cap, strict=True)) and all(
        x <= c for x, c in zip(filled, inst["count"], strict=True))


def newcomers(inst, chosen) -> int:
    return sum(inst["newcomer"][inst["person"][e]] for e in chosen)


def brute_force(inst, floor: int, scale=1000):
    """The best total of rounded weights over every subset of usable edges meeting the capacities and the floor."""
    edges = usable(inst, scale)
    weight = {e: round(inst["score"][e] * scale) for e in edges}
    best, best_float = 0, 0.0
    for r in range(len(edges) + 1):
        for subset in itertools.combinations(edges, r):
            if feasible(inst, subset) and newcomers(inst, subset) >= floor:
                total = sum(weight[e] for e in subset)
                if total > best:
                    best = total
                best_float = max(best_float, math.fsum(inst["score"][e] for e in subset))
    return best, best_float


@SETTINGS
@given(edge_instances())
def test_capacities_are_never_exceeded(inst):
    sol = solve(inst)
    chosen = sol.chosen.tolist()
    assert len(set(chosen)) == len(chosen)
    assert feasible(inst, chosen)
    assert all(inst["score"][e] > 0 for e in chosen)


@SETTINGS
@given(st.one_of(edge_instances(), edge_instances(scarce=True)))
def test_the_newcomer_share_is_met_whenever_newcomers_allow(inst):
    sol = solve(inst)
    chosen = sol.chosen.tolist()
    f_star, n_star, floor = floor_of(inst)
    assert sol.newcomer_floor == floor
    assert newcomers(inst, chosen) == sol.newcomer_suggestions >= floor
    assert len(chosen) <= f_star
    share = inst["fairness"].newcomer_share
    if share > 0 and n_star >= math.ceil(round(share * f_star, 9)):
        assert sol.newcomer_suggestions >= share * len(chosen) - 1e-9


@SETTINGS
@given(st.one_of(edge_instances(max_edges=9), edge_instances(max_edges=9, scarce=True)))
def test_the_objective_is_the_exact_optimum(inst):
    sol = solve(inst)
    _, _, floor = floor_of(inst)
    best, _ = brute_force(inst, floor)
    assert sol.weight == best
    assert sol.objective == math.fsum(inst["score"][e] for e in sol.chosen.tolist())


@SETTINGS
@given(edge_instances(max_edges=9, integral=False))
def test_rounding_costs_at_most_half_a_step_per_edge(inst):
    sol = solve(inst)
    _, _, floor = floor_of(inst)
    best, best_float = brute_force(inst, floor)
    assert sol.weight == best
    # (|chosen| + |optimum|) half-steps at most, and neither has more edges than places
    places = min(sum(caps(inst)), sum(inst["count"]))
    assert sol.objective >= best_float - places / 1000 - 1e-9


@SETTINGS
@given(edge_instances(max_edges=12), st.data())
def test_without_fairness_it_agrees_with_linear_sum_assignment(inst, data):
    # one commitment each: the capacities expand to a plain assignment problem (openings into their places)
    inst = {**inst, "capacity": [min(c, 1) for c in inst["capacity"]], "fairness": Fairness()}
    sol = solve(inst)
    slots = [j for j, c in enumerate(inst["count"]) for _ in range(c)]
    matrix = np.zeros((len(inst["capacity"]), max(len(slots), 1)))
    for e in usable(inst):
        i, j = inst["person"][e], inst["opening"][e]
        for col, slot in enumerate(slots):
            if slot == j:
                matrix[i, col] = round(inst["score"][e] * 1000)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    assert sol.weight == int(matrix[rows, cols].sum())
    # the order of the edges changes nothing but, perhaps, which of equal solutions is found
    order = data.draw(st.permutations(range(len(inst["person"]))))
    shuffled = {**inst, **{key: [inst[key][e] for e in order] for key in ("person", "opening", "score")}}
    assert solve(shuffled).weight == sol.weight


@SETTINGS
@given(edge_instances())
def test_same_input_same_output(inst):
    first, second = solve(inst), solve(inst)
    assert first.chosen.tolist() == second.chosen.tolist() and first.objective == second.objective


# --- the whole engine on small profiles ------------------------------------------------------------------

def profiles(seed: int, n: int, m: int):
    rng = random.Random(seed)
    skills = ["design", "video", "farming", "event"]
    spots = [(36.39, 139.06), (36.32, 139.0), (36.29, 139.38), (36.62, 138.6), None]

    def place():
        spot = rng.choice(spots)
        return {} if spot is None else {"lat": spot[0], "lon": spot[1]}

    people = [Person(i, capacity=rng.randint(0, 2), skills={s: rng.randint(1, 3) for s in rng.sample(skills, rng.randint(0, 2))},
                     sdgs=rng.sample(range(1, 18), rng.randint(0, 2)), travel_km=rng.choice([None, 5.0, 20.0, 80.0]),
                     online_only=rng.random() < 0.15, languages=rng.choice([["ja"], ["ja", "en"], ["en"]]),
                     availability=rng.sample(SLOTS, rng.randint(0, 4)), newcomer=rng.random() < 0.4, **place())
              for i in range(n)]
    openings = []
    for j in range(m):
        required = {rng.choice(skills): rng.randint(1, 2)} if rng.random() < 0.5 else {}
        online = rng.random() < 0.3
        openings.append(Opening(f"o{j}", count=rng.randint(0, 3), required_skills=required,
                                preferred_skills={s: 1 for s in rng.sample(skills, 1) if s not in required},
                                sdgs=rng.sample(range(1, 18), rng.randint(0, 2)), online=online,
                                languages=["ja"] if rng.random() < 0.7 else [], availability=rng.sample(SLOTS, rng.randint(0, 2)),
                                **({} if online else place())))
    return people, openings


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.integers(0, 10**6), st.integers(1, 25), st.integers(1, 8), st.sampled_from(SHARES), st.integers(1, 6),
       st.one_of(st.none(), st.integers(1, 3)))
def test_match_on_profiles(seed, n, m, share, k, max_offers):
    people, openings = profiles(seed, n, m)
    fairness = Fairness(newcomer_share=share, max_offers_per_person=max_offers)
    weights = Weights(skills=0.5, interests=0.1, distance=0.2, language=0.1, availability=0.1)
    result = match(people, openings, weights, fairness, k=k, seed=seed)
    # the reasons add up to each score, and the suggestions fit in everyone's capacity
    load, filled = {}, {}
    for a in result.assignments:
        assert math.fsum(c.value for c in a.why) == a.score
        load[a.person] = load.get(a.person, 0) + 1
        filled[a.opening] = filled.get(a.opening, 0) + 1
    for p in people:
        assert load.get(p.id, 0) <= (p.capacity if max_offers is None else min(p.capacity, max_offers))
    for o in openings:
        assert filled.get(o.id, 0) <= o.count
    # the objective is the exact flow optimum on the candidate graph, with the same floor
    graph = candidates(people, openings, k=k, weights=weights, seed=seed, fairness=fairness)
    sol = solve_edges([p.capacity for p in people], [o.count for o in openings], graph.person, graph.opening, graph.score,
                      newcomer=[p.newcomer for p in people], fairness=fairness)
    assert result.stats["scaled_objective"] == sol.weight
    assert result.stats["newcomer_suggestions"] >= result.stats["newcomer_floor"] == sol.newcomer_floor
    # same input and seed, same output
    again = match(people, openings, weights, fairness, k=k, seed=seed)
    assert again.assignments == result.assignments
