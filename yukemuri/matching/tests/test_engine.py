"""The matching engine: profiles, the score and its reasons, candidates, the flow and fairness. No database."""

import math
import random

import numpy as np
import pytest

from yukemuri.matching.engine import (
    COMPONENT_KEYS,
    SLOTS,
    Fairness,
    InstanceError,
    Opening,
    Person,
    Weights,
    candidates,
    distance_km,
    match,
    municipalities,
    score,
    solve_edges,
)
from yukemuri.matching.engine.flow import newcomer_target
from yukemuri.matching.engine.instance import loads, solve

MAEBASHI, TAKASAKI, KUSATSU = "102016", "102024", "104264"


def at(code: str) -> dict:
    place = municipalities()[code]
    return {"lat": place["lat"], "lon": place["lon"]}


def person(pid="p", **kw) -> Person:
    defaults = {"capacity": 1, "languages": ["ja"], **at(MAEBASHI), "travel_km": 20.0}
    return Person(pid, **{**defaults, **kw})


def opening(oid="o", **kw) -> Opening:
    defaults = {"count": 1, **at(MAEBASHI)}
    return Opening(oid, **{**defaults, **kw})


# --- profiles ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kw, message", [
    ({"capacity": -1}, "capacity"),
    ({"capacity": 1.5}, "capacity"),
    ({"capacity": True}, "capacity"),
    ({"skills": {"design": 4}}, "level"),
    ({"skills": {"design": 2.0}}, "level"),
    ({"sdgs": [18]}, "SDG"),
    ({"availability": ["someday"]}, "time slot"),
    ({"lat": 36.4, "lon": None}, "both lat and lon"),
    ({"lat": float("nan"), "lon": 139.0}, "finite"),
    ({"travel_km": -3}, "travel_km"),
    ({"newcomer": "yes"}, "newcomer"),
])
def test_person_refuses_what_cannot_be_matched(kw, message):
    with pytest.raises(InstanceError, match=message):
        Person("p", **kw)


def test_profiles_normalise_their_fields():
    p = Person(7, skills=["design", "video"], languages="ja", sdgs=[3, 3, 11], availability=("sat-am",))
    assert p.skills == {"design": 1, "video": 1}
    assert p.languages == frozenset({"ja"}) and p.sdgs == frozenset({3, 11})
    with pytest.raises(InstanceError, match="both required and preferred"):
        Opening("o", required_skills={"design": 1}, preferred_skills={"design": 2})
    assert len(SLOTS) == 21 and SLOTS[0] == "mon-am" and SLOTS[-1] == "sun-eve"


def test_weights_and_fairness_are_checked():
    with pytest.raises(InstanceError):
        Weights(skills=-0.1)
    with pytest.raises(InstanceError):
        Weights(distance_scale_km=0)
    with pytest.raises(InstanceError):
        Fairness(newcomer_share=1.5)
    with pytest.raises(InstanceError):
        Fairness(max_offers_per_person=-1)


def test_municipality_centroids_come_from_the_region_csv():
    towns = municipalities()
    assert len(towns) == 35
    assert towns[MAEBASHI]["romaji"] == "Maebashi"
    maebashi, takasaki = towns[MAEBASHI], towns[TAKASAKI]
    km = distance_km(maebashi["lat"], maebashi["lon"], takasaki["lat"], takasaki["lon"])
    assert 8 < km < 11  # the two city halls are about 10 km apart
    assert distance_km(36.3, 139.0, 36.3, 139.0) == 0.0


# --- the score ----------------------------------------------------------------------------------------------

def test_score_components_and_their_details():
    p = person(skills={"design": 3, "english": 1}, sdgs=[11, 4], themes=["onsen"], languages=["ja", "en"],
               availability=["sat-am", "sun-pm"], **at(TAKASAKI))
    o = opening(required_skills={"design": 2}, preferred_skills={"video": 1, "english": 2}, sdgs=[11], themes=["onsen", "food"],
                languages=["ja"], preferred_languages=["en", "pt"], availability=["sat-am", "sat-pm"])
    s = score(p, o)
    assert s.eligible and s.excluded_by == ()
    assert [c.key for c in s.components] == list(COMPONENT_KEYS)
    fit = {c.key: c.fit for c in s.components}
    assert fit["skills"] == pytest.approx((1 + 0 + 0.5) / 3)  # design at its level, no video, english 1 of 2
    assert fit["interests"] == pytest.approx(2 / 3)  # SDG 11 and onsen of {11, onsen, food}
    assert fit["language"] == 0.5 and fit["availability"] == 0.5
    km = s.components[2].details["km"]
    assert 8 < km < 11 and fit["distance"] == pytest.approx(1 - km / 30, abs=0.01)
    assert s.total == math.fsum(c.value for c in s.components)
    for c in s.components:
        assert c.value == Weights().of(c.key) * c.fit
    skills = s.components[0].details
    assert skills["matched"] == [{"skill": "design", "level": 3, "wanted": 2, "required": True},
                                 {"skill": "english", "level": 1, "wanted": 2, "required": False}]
    assert skills["missing"] == ["video"]
    assert s.components[1].details == {"sdgs": [11], "themes": ["onsen"]}
    assert s.components[3].details == {"required": ["ja"], "preferred": ["en"]}
    assert s.components[4].details == {"slots": ["sat-am"]}
    assert [c.key for c in s.why()] == sorted(COMPONENT_KEYS, key=lambda k: -dict((c.key, c.value) for c in s.components)[k])


@pytest.mark.parametrize("p_kw, o_kw, broken", [
    ({"skills": {"design": 1}}, {"required_skills": {"design": 2}}, ("required_skills",)),
    ({"skills": {}}, {"required_skills": {"design": 1}}, ("required_skills",)),
    ({"languages": ["ja"]}, {"languages": ["pt"]}, ("languages",)),
    ({"online_only": True}, {}, ("online_only",)),
    ({"online_only": True}, {"online": True, "lat": None, "lon": None}, ()),
    ({"travel_km": 5.0, **at(TAKASAKI)}, {}, ("travel",)),
    ({"travel_km": 15.0, **at(TAKASAKI)}, {}, ()),
    ({"travel_km": 30.0, **at(MAEBASHI)}, at(KUSATSU), ("travel",)),
    ({"travel_km": None, **at(MAEBASHI)}, at(KUSATSU), ()),
    ({"lat": None, "lon": None, "travel_km": 1.0}, at(KUSATSU), ()),  # unknown place: neither excluded nor scored
])
def test_hard_constraints(p_kw, o_kw, broken):
    assert score(person(**p_kw), opening(**o_kw)).excluded_by == broken


def test_distance_fit():
    same = score(person(), opening()).components[2]
    assert same.fit == 1.0 and same.details == {"online": False, "km": 0.0}
    online = score(person(), opening(online=True, lat=None, lon=None)).components[2]
    assert online.fit == 1.0 and online.details == {"online": True, "km": None}
    unknown = score(person(lat=None, lon=None), opening()).components[2]
    assert unknown.fit == 0.0 and unknown.details["km"] is None
    far = score(person(travel_km=None), opening(**at(KUSATSU))).components[2]
    assert far.fit == 0.0 and far.details["km"] > 30


def test_empty_openings_score_zero_but_stay_eligible():
    s = score(person(), opening(lat=None, lon=None))
    assert s.total == 0.0 and s.eligible


# --- candidates -------------------------------------------------------------------------------------------

def town_instance(seed: int, n: int = 60, m: int = 12):
    rng = random.Random(seed)
    codes = list(municipalities())
    skills = ["design", "video", "farming", "event", "english", "care"]

    def place():
        return at(rng.choice(codes))

    people = [Person(f"p{i}", capacity=rng.choice([0, 1, 1, 2, 3]),
                     skills={s: rng.randint(1, 3) for s in rng.sample(skills, rng.randint(0, 3))},
                     sdgs=rng.sample(range(1, 18), rng.randint(0, 3)),
                     themes=rng.sample(["onsen", "akiya", "food"], rng.randint(0, 2)),
                     travel_km=rng.choice([None, 10.0, 30.0, 60.0]), online_only=rng.random() < 0.1,
                     languages=rng.choice([["ja"], ["ja", "en"], ["pt"]]), availability=rng.sample(SLOTS, rng.randint(0, 6)),
                     newcomer=rng.random() < 0.4, **place())
              for i in range(n)]
    openings = []
    for j in range(m):
        online = rng.random() < 0.3
        required = {rng.choice(skills): rng.randint(1, 2)} if rng.random() < 0.5 else {}
        preferred = {s: rng.randint(1, 3) for s in rng.sample(skills, rng.randint(0, 2)) if s not in required}
        openings.append(Opening(
            f"o{j}", count=rng.randint(0, 3), required_skills=required, preferred_skills=preferred,
            sdgs=rng.sample(range(1, 18), rng.randint(0, 2)), themes=rng.sample(["onsen", "akiya", "food"], rng.randint(0, 1)),
            online=online, languages=["ja"] if rng.random() < 0.8 else [], availability=rng.sample(SLOTS, rng.randint(0, 3)),
            **({} if online else place())))
    return people, openings


@pytest.mark.parametrize("seed", range(4))
def test_candidates_without_pool_limit_are_the_exact_top_k(seed):
    people, openings = town_instance(seed)
    k = 4
    graph = candidates(people, openings, k=k, seed=seed, pool_limit=None)
    for j, o in enumerate(openings):
        rows = graph.person[graph.ptr[j]:graph.ptr[j + 1]].tolist()
        got = graph.score[graph.ptr[j]:graph.ptr[j + 1]]
        scored = [score(p, o) for p in people if p.capacity > 0 and o.count > 0]
        eligible = sorted((s.total for s in scored if s.eligible), reverse=True)
        keep = max(k, 2 * o.count)
        assert len(rows) == min(keep, len(eligible))
        assert np.all(np.diff(got) <= 0), "best first"
        assert got.tolist() == pytest.approx(eligible[:len(rows)], abs=1e-12)
        for i, s in zip(rows, got.tolist(), strict=True):
            assert score(people[i], o).eligible and people[i].capacity > 0
            assert s == pytest.approx(score(people[i], o).total, abs=1e-12)


def test_few_eligible_among_many_are_still_ranked_by_score():
    # 600 people, 6 of whom speak Portuguese, with different skill levels: the order is by score
    people = [person(f"p{i}", skills={"video": 1 + i % 3}, languages=["pt"] if i % 100 == 0 else ["ja"]) for i in range(600)]
    o = opening(count=3, preferred_skills={"video": 3}, languages=["pt"])
    for limit in (None, 50):
        graph = candidates(people, [o], k=6, pool_limit=limit)
        got = graph.score.tolist()
        assert len(got) == 6 and got == sorted(got, reverse=True)
        assert got == sorted((score(people[i], o).total for i in range(0, 600, 100)), reverse=True)
        assert {people[i].id for i in graph.person.tolist()} == {f"p{i}" for i in range(0, 600, 100)}


def test_a_pool_cut_short_is_read_again_when_it_leaves_too_few():
    # 30 designers in Takasaki who do not travel, 3 who do: the first people read are not enough
    people = [person(f"m{i}", skills={"design": 1}, travel_km=0.0, **at(TAKASAKI)) for i in range(30)]
    people += [person(f"t{i}", skills={"design": 1}, travel_km=50.0, **at(TAKASAKI)) for i in range(3)]
    people = [Person(p.id, capacity=1, skills=p.skills, lat=p.lat, lon=p.lon, travel_km=p.travel_km) for p in people]
    o = opening(count=2, required_skills={"design": 1}, **at(MAEBASHI))
    graph = candidates(people, [o], k=1, pool_limit=1)
    assert sorted(people[i].id for i in graph.person.tolist()) == ["t0", "t1", "t2"]


def test_people_without_preferred_skills_can_still_be_candidates():
    o = opening(preferred_skills={"event": 1}, availability=["sat-am"])
    people = [person("skilled", skills={"event": 1}), person("free", availability=["sat-am"], newcomer=True)]
    graph = candidates(people, [o], k=5)
    assert sorted(people[i].id for i in graph.person.tolist()) == ["free", "skilled"]


def test_candidates_never_include_people_without_capacity():
    people = [person("busy", capacity=0, skills={"design": 3}), person("free", skills={"design": 1})]
    graph = candidates(people, [opening(required_skills={"design": 1})], k=5)
    assert [people[i].id for i in graph.person.tolist()] == ["free"]
    graph = candidates(people, [opening(required_skills={"design": 1})], k=5, fairness=Fairness(max_offers_per_person=0))
    assert len(graph) == 0


# --- the flow ------------------------------------------------------------------------------------------------

def test_solve_edges_maximises_the_total_not_the_count():
    # a can take x (0.9) or y (0.8); b only x (0.7) — a→y + b→x = 1.5 beats a→x = 0.9
    sol = solve_edges([1, 1], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.7])
    assert sorted(sol.chosen.tolist()) == [1, 2] and sol.objective == pytest.approx(1.5)
    # one heavy edge beats two light ones
    sol = solve_edges([1, 1], [1, 1], [0, 0, 1], [0, 1, 0], [1.0, 0.1, 0.1])
    assert sorted(sol.chosen.tolist()) == [0] and sol.objective == 1.0


def test_solve_edges_leaves_out_what_does_not_pay():
    # negative, zero, and below the rounding step (1/1000): no edge raises the total, so none is taken
    sol = solve_edges([3], [1, 1, 1], [0, 0, 0], [0, 1, 2], [-1.0, 0.0, 0.0004])
    assert sol.chosen.tolist() == [] and sol.objective == 0.0


def test_capacity_and_offer_cap():
    person_rows = [0, 0, 0, 1]
    opening_rows = [0, 1, 2, 2]
    scores = [0.9, 0.8, 0.7, 0.1]
    assert len(solve_edges([3, 1], [1, 1, 1], person_rows, opening_rows, scores).chosen) == 3
    sol = solve_edges([3, 1], [1, 1, 1], person_rows, opening_rows, scores, fairness=Fairness(max_offers_per_person=2))
    assert sorted(sol.chosen.tolist()) == [0, 1, 3]


def test_newcomer_floor():
    # two experienced people with high scores, one newcomer with low ones; 2 places
    person_rows, opening_rows = [0, 1, 2, 2], [0, 1, 0, 1]
    scores = [0.9, 0.9, 0.2, 0.3]
    newcomer = [False, False, True]
    plain = solve_edges([1, 1, 1], [1, 1], person_rows, opening_rows, scores, newcomer=newcomer)
    assert plain.newcomer_suggestions == 0
    fair = solve_edges([1, 1, 1], [1, 1], person_rows, opening_rows, scores, newcomer=newcomer,
                       fairness=Fairness(newcomer_share=0.5))
    assert fair.max_suggestions == 2 and fair.max_newcomer_suggestions == 1 and fair.newcomer_floor == 1
    assert sorted(fair.chosen.tolist()) == [0, 3]  # the newcomer takes the place where they lose least
    assert fair.objective == pytest.approx(1.2)
    # a share that cannot be met: every newcomer who can be placed is
    fair = solve_edges([1, 1, 1], [1, 1], person_rows, opening_rows, scores, newcomer=newcomer,
                       fairness=Fairness(newcomer_share=1.0))
    assert fair.newcomer_floor == 1 and fair.newcomer_suggestions == 1


@pytest.mark.parametrize("share, places, target", [(0.3, 10, 3), (0.1, 10, 1), (0.25, 3, 1), (0.5, 7, 4), (0.0, 9, 0),
                                                    (1.0, 5, 5), (0.3, 0, 0)])
def test_newcomer_target_reads_the_share_as_written(share, places, target):
    assert newcomer_target(share, places) == target


@pytest.mark.parametrize("args, message", [
    (([1], [1], [0], [0], [float("nan")]), "finite"),
    (([1], [1], [0], [1], [0.5]), "does not exist"),
    (([1], [1], [0, 0], [0, 0], [0.5, 0.4]), "more than one edge"),
    (([-1], [1], [0], [0], [0.5]), "negative"),
    (([1], [1], [0], [0], [1e300]), "too large"),
])
def test_solve_edges_refuses_bad_input(args, message):
    with pytest.raises(InstanceError, match=message):
        solve_edges(*args)


# --- the whole run -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_match_respects_capacities_and_explains_every_suggestion(seed):
    people, openings = town_instance(seed, n=80, m=15)
    fairness = Fairness(newcomer_share=0.3, max_offers_per_person=2)
    result = match(people, openings, fairness=fairness, k=5, seed=seed)
    load, filled = {}, {}
    for a in result.assignments:
        load[a.person] = load.get(a.person, 0) + 1
        filled[a.opening] = filled.get(a.opening, 0) + 1
        assert math.fsum(c.value for c in a.why) == a.score
        assert {c.key for c in a.why} == set(COMPONENT_KEYS)
        assert [c.value for c in a.why] == sorted((c.value for c in a.why), reverse=True)
        p = next(x for x in people if x.id == a.person)
        o = next(x for x in openings if x.id == a.opening)
        s = score(p, o)
        assert s.eligible and a.score == pytest.approx(s.total, abs=1e-12)
    caps = {p.id: min(p.capacity, 2) for p in people}
    assert all(load[p] <= caps[p] for p in load)
    assert all(filled[o.id] <= o.count for o in openings if o.id in filled)
    assert len({(a.person, a.opening) for a in result.assignments}) == len(result.assignments)
    assert result.objective == pytest.approx(math.fsum(a.score for a in result.assignments))
    stats = result.stats
    assert stats["newcomer_suggestions"] >= stats["newcomer_floor"]
    again = match(people, openings, fairness=fairness, k=5, seed=seed)
    assert again.assignments == result.assignments and again.objective == result.objective


def test_match_objective_is_the_flow_optimum_on_its_candidates():
    people, openings = town_instance(11, n=80, m=15)
    graph = candidates(people, openings, k=5, seed=3)
    sol = solve_edges([p.capacity for p in people], [o.count for o in openings], graph.person, graph.opening, graph.score)
    result = match(people, openings, k=5, seed=3)
    assert result.stats["scaled_objective"] == sol.weight
    assert result.objective == pytest.approx(sol.objective, abs=1e-9)


def test_the_seed_breaks_ties_and_nothing_else():
    # four identical people for one place: the seed picks who, the objective stays
    people = [person(f"twin{i}", skills={"design": 2}) for i in range(4)]
    o = opening(required_skills={"design": 1})
    chosen = {match(people, [o], k=1, seed=seed).assignments[0].person for seed in range(12)}
    assert len(chosen) > 1
    assert len({match(people, [o], k=1, seed=seed).objective for seed in range(4)}) == 1
    assert match(people, [o], k=1, seed=5).assignments == match(people, [o], k=1, seed=5).assignments


def test_duplicate_ids_are_refused():
    with pytest.raises(InstanceError, match="duplicate person"):
        match([person("a"), person("a")], [opening()])


def test_json_forms_round_trip():
    data = loads('{"people": [{"id": 1, "capacity": 2}], "openings": [{"id": "x", "count": 1}],'
                 ' "edges": [{"person": 1, "opening": "x", "score": 0.5}]}')
    assert solve(data) == {"assignments": [{"person": 1, "opening": "x", "score": 0.5}], "objective": 0.5}
    with pytest.raises(InstanceError, match="NaN"):
        loads('{"people": [], "openings": [], "edges": [{"person": 1, "opening": "x", "score": NaN}]}')
    profiles = {"people": [{"id": "u", "skills": {"design": 2}, "municipality": MAEBASHI, "travel_km": 10}],
                "openings": [{"id": "o", "required_skills": {"design": 1}, "municipality": TAKASAKI}],
                "fairness": {"newcomer_share": 0.3}}
    result = solve(profiles)
    assert [(a["person"], a["opening"]) for a in result["assignments"]] == [("u", "o")]
    assert result["assignments"][0]["why"][0]["key"] == "skills"
    assert "timings" not in result["stats"]
