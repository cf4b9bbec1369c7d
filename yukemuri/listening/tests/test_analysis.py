"""The opinion-map engine: groups, representative statements, consensus, and what is left out. No database."""

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yukemuri.listening.analysis import RESTARTS, VoteError, VoteMatrix, analyse
from yukemuri.listening.analysis.clusters import polis_start, weighted_kmeans, weighted_silhouette
from yukemuri.listening.analysis.repness import prop_test, two_prop_test

A, D, P = 1, -1, 0


def partition(groups: dict, rename=None) -> set[frozenset]:
    members = {}
    for participant, group in groups.items():
        members.setdefault(group, set()).add(rename[participant] if rename else participant)
    return {frozenset(m) for m in members.values()}


def two_camps(seed=1):
    """30 people in camp "a" and 20 in camp "b", 16 statements: a agrees with 0–6 and rejects 7–13, b the
    opposite; everyone agrees with 14 and 15. Each person sees ~80 % of the statements and strays 10 % of the time."""
    rng = random.Random(seed)
    camps = {f"a{i}": 1 for i in range(30)} | {f"b{i}": -1 for i in range(20)}
    votes = []
    for person, side in camps.items():
        for statement in range(16):
            if statement < 14 and rng.random() < 0.2:
                continue
            lean = 1 if statement >= 14 else (side if statement < 7 else -side)
            vote = lean if rng.random() < 0.9 else rng.choice([P, -lean])
            votes.append((person, statement, vote))
    return camps, votes


def test_two_separate_camps_make_two_groups_with_the_right_members_and_consensus():
    camps, votes = two_camps()
    analysis = analyse(votes)
    assert analysis.k == 2
    assert partition(analysis.groups) == {frozenset(p for p in camps if p[0] == "a"), frozenset(p for p in camps if p[0] == "b")}
    assert analysis.groups["a0"] == 0  # the larger camp is group 0
    assert sorted((c.statement, c.direction) for c in analysis.consensus) == [(14, "agree"), (15, "agree")]
    assert {d.statement for d in analysis.divisive} == set(range(14))
    assert set(analysis.coords) == set(camps)
    assert all(len(reps) >= 1 for reps in analysis.repness.values())
    leading = analysis.repness[0][0]
    assert leading.direction == ("agree" if leading.statement < 7 else "disagree")


def test_shuffling_and_renaming_participants_and_statements_keeps_the_groups():
    camps, votes = two_camps(seed=3)
    reference = partition(analyse(votes).groups)
    for trial in range(3):
        rng = random.Random(trial)
        people, statements = sorted(camps), list(range(16))
        new_person = dict(zip(people, rng.sample(range(1000, 1000 + len(people)), len(people)), strict=True))
        new_statement = dict(zip(statements, rng.sample(statements, len(statements)), strict=True))
        shuffled = [(new_person[p], new_statement[s], v) for p, s, v in votes]
        rng.shuffle(shuffled)
        old_person = {v: k for k, v in new_person.items()}
        assert partition(analyse(shuffled).groups, rename=old_person) == reference


def test_the_same_input_and_seed_give_the_same_result():
    _, votes = two_camps(seed=5)
    first, second = analyse(votes, seed=7), analyse(list(reversed(votes)), seed=7)
    assert first.groups == second.groups and first.coords == second.coords
    assert first.repness == second.repness and first.consensus == second.consensus


# A hand-checkable conversation: camp A = p0…p5, camp B = p6…p11; None = never voted (missing).
TABLE = {
    "s0": [A] * 6 + [D] * 6,
    "s1": [A] * 5 + [P] + [A] + [D] * 5,
    "s2": [A] * 4 + [D] * 2 + [A] * 2 + [D] * 4,
    "s3": [D] * 6 + [A] * 6,
    "s4": [A] * 12,
    "s5": [A] * 3 + [None] * 3 + [P] * 6,
    "s6": [A, D] * 6,
    "s7": [A] * 2 + [P] * 4 + [D] * 6,
}
CAMP_A, CAMP_B = range(6), range(6, 12)


def table_votes(table=TABLE):
    return [(f"p{i}", s, v) for s, column in table.items() for i, v in enumerate(column) if v is not None]


def hand_stats(statement, group, table=TABLE):
    """pol.is's statistics for one statement and group, written out (polismath repness.clj, stats.clj)."""
    def counts(rows):
        votes = [table[statement][i] for i in rows if table[statement][i] is not None]
        return votes.count(A), votes.count(D), len(votes)

    rest = CAMP_B if group is CAMP_A else CAMP_A
    (na, nd, ns), (rna, rnd, rns) = counts(group), counts(rest)

    def z_one(successes, n):
        return 2 * math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)

    def z_two(s_in, s_out, n_in, n_out):
        s1, s2, n1, n2 = s_in + 1, s_out + 1, n_in + 1, n_out + 1
        pooled = (s1 + s2) / (n1 + n2)
        return 0.0 if pooled == 1 else (s1 / n1 - s2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))

    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    return {
        "pa": pa, "pd": pd, "pat": z_one(na, ns), "pdt": z_one(nd, ns),
        "ra": pa / ((rna + 1) / (rns + 2)), "rd": pd / ((rnd + 1) / (rns + 2)),
        "rat": z_two(na, rna, ns, rns), "rdt": z_two(nd, rnd, ns, rns),
    }


def test_repness_picks_what_the_pol_is_formulas_pick_by_hand():
    analysis = analyse(table_votes(), restarts=RESTARTS)
    assert analysis.k == 2
    assert partition(analysis.groups) == {frozenset(f"p{i}" for i in CAMP_A), frozenset(f"p{i}" for i in CAMP_B)}
    group_b = analysis.groups["p6"]

    # By hand, for camp B. A statement is sufficient when (rat and pat) or (rdt and pdt) exceed 1.2816;
    # its direction is agree when rat > rdt. The best-agree statement leads, the others follow by
    # repness × repness-test × p × p-test, at most five, agrees before disagrees.
    z = 1.2816
    stats = {s: hand_stats(s, CAMP_B) for s in TABLE}
    sufficient = [s for s, x in stats.items() if (x["rat"] > z and x["pat"] > z) or (x["rdt"] > z and x["pdt"] > z)]
    assert sufficient == ["s0", "s1", "s3", "s7"]  # s2 (4 of 6 disagree): pdt = 1.13, not significant

    def direction(s):
        return "agree" if stats[s]["rat"] > stats[s]["rdt"] else "disagree"

    def metric(s):
        x, w = stats[s], ("a" if direction(s) == "agree" else "d")
        return x[f"r{w}"] * x[f"r{w}t"] * x[f"p{w}"] * x[f"p{w}t"]

    # s3: all six of B agree, none of A: pa = 7/8, pat = √7, ra = (7/8)/(1/8) = 7, rat = 3.2404.
    assert stats["s3"]["ra"] == pytest.approx(7.0) and stats["s3"]["rat"] == pytest.approx(3.2404, abs=1e-4)
    best_agree = "s3"  # the only statement B agrees with significantly and more than A does
    rest = sorted((s for s in sufficient if s != best_agree), key=metric, reverse=True)
    chosen = [best_agree, *rest][:5]
    expected = [s for s in chosen if direction(s) == "agree"] + [s for s in chosen if direction(s) == "disagree"]

    got = analysis.repness[group_b]
    assert [(r.statement, r.direction) for r in got] == [(s, direction(s)) for s in expected]
    assert got[0].best_agree
    for r in got:
        way = "a" if r.direction == "agree" else "d"
        assert r.repness == pytest.approx(stats[r.statement][f"r{way}"])
        assert r.repness_test == pytest.approx(stats[r.statement][f"r{way}t"])
        assert r.p_success == pytest.approx(stats[r.statement][f"p{way}"])
        assert r.p_test == pytest.approx(stats[r.statement][f"p{way}t"])
    assert [(c.statement, c.direction) for c in analysis.consensus] == [("s4", "agree")]


def test_the_statistics_match_the_formulas():
    assert prop_test(6, 6) == pytest.approx(math.sqrt(7))
    assert two_prop_test(6, 0, 6, 6) == pytest.approx(3.2404, abs=1e-4)
    assert two_prop_test(5, 5, 5, 5) == 0.0  # pooled share 1: no evidence either way


def test_a_missing_vote_is_not_a_pass():
    # Three of camp A never saw s5; the three who did all agreed. Kept missing, A's agreement with s5 is
    # unanimous and significant; counted as passes, it would be 3 of 6 and s5 would not represent A.
    kept = analyse(table_votes(), restarts=RESTARTS)
    group_a = kept.groups["p0"]
    assert "s5" in [r.statement for r in kept.repness[group_a]]
    assert kept.totals["s5"] == {"agree": 3, "disagree": 0, "pass": 6, "seen": 9}

    as_passes = {s: [P if v is None else v for v in column] for s, column in TABLE.items()}
    filled = analyse(table_votes(as_passes), restarts=RESTARTS)
    assert partition(filled.groups) == partition(kept.groups)
    assert "s5" not in [r.statement for r in filled.repness[filled.groups["p0"]]]
    assert filled.totals["s5"]["seen"] == 12
    # The map differs too: a missing vote is filled with the statement's mean, a pass is a 0.
    assert kept.coords["p3"] != pytest.approx(filled.coords["p3"])


def test_participants_below_min_votes_are_left_out_of_the_map_but_counted():
    votes = [*table_votes(), ("late", "s0", A), ("late", "s3", D), ("late", "s4", A)]
    analysis = analyse(votes, min_votes=7)
    assert "late" not in analysis.groups and "late" not in analysis.coords
    assert analysis.left_out == ("late",)
    assert analysis.totals["s0"] == {"agree": 7, "disagree": 6, "pass": 0, "seen": 13}
    assert analysis.totals["s4"]["agree"] == 13
    # The groups' statistics use the people in the map only.
    group_a = analysis.groups["p0"]
    assert all(r.n_trials <= 6 for r in analysis.repness[group_a])
    # With a lower bar the late voter is placed.
    assert "late" in analyse(votes, min_votes=3).groups


def within_ss(analysis) -> float:
    points = np.array([analysis.coords[p] for p in sorted(analysis.coords)])
    labels = np.array([analysis.groups[p] for p in sorted(analysis.coords)])
    return float(sum(((points[labels == g] - points[labels == g].mean(axis=0)) ** 2).sum() for g in set(labels)))


def test_pol_is_start_alone_can_miss_the_camps_of_a_small_table_and_restarts_find_them():
    # pol.is starts k-means from the first distinct positions in (x, y) order: here two people of camp B who
    # differ only on s6 (agree/disagree alternating), so the single run splits everyone by s6. The site adds
    # RESTARTS k-means++ starts and keeps the lowest within-group sum of squares: the two camps.
    polis = analyse(table_votes())
    best = analyse(table_votes(), restarts=RESTARTS)
    assert partition(polis.groups) == {frozenset(f"p{i}" for i in range(0, 12, 2)), frozenset(f"p{i}" for i in range(1, 12, 2))}
    assert partition(best.groups) == {frozenset(f"p{i}" for i in CAMP_A), frozenset(f"p{i}" for i in CAMP_B)}
    assert within_ss(best) < within_ss(polis)
    assert best.silhouettes[2] > polis.silhouettes[2]
    assert polis.coords == best.coords  # the map is the same; only the grouping differs


def test_pol_is_start_is_the_first_distinct_positions_in_x_then_y_order():
    points = np.array([[0.5, 2.0], [-1.0, 3.0], [-1.0, -4.0], [2.0, 0.0]])
    assert polis_start(points, 2).tolist() == [[-1.0, -4.0], [-1.0, 3.0]]
    assert polis_start(points[::-1], 3).tolist() == [[-1.0, -4.0], [-1.0, 3.0], [0.5, 2.0]]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=4, max_size=40, unique=True),
       st.integers(2, 3), st.integers(0, 5))
def test_restarts_never_end_with_a_larger_sum_of_squares_than_pol_is_start(points, k, seed):
    points = np.array(points, dtype=float)
    weights = np.ones(len(points))
    _, alone = weighted_kmeans(points, weights, k)
    _, with_restarts = weighted_kmeans(points, weights, k, seed=seed, restarts=5)
    assert with_restarts <= alone + 1e-9


def test_a_moderated_statement_places_people_as_if_everyone_had_passed_on_it():
    # pol.is zeroes a moderated statement's column: no axis moves, but it counts in √(statements / votes).
    # So the map equals the one where everybody passed on it — even the three who never saw s5 — while
    # the statement itself is in no total, and a vote cast on it still counts towards min_votes.
    moderated = analyse(table_votes(), moderated_out={"s5"})
    everyone_passed = analyse(table_votes(TABLE | {"s5": [P] * 12}))
    for person, position in everyone_passed.coords.items():
        assert moderated.coords[person] == pytest.approx(position, abs=1e-9)
    assert "s5" not in moderated.totals

    light = [("late", s, v) for s, v in (("s0", A), ("s1", A), ("s3", D), ("s4", A), ("s5", A), ("s6", D), ("s7", A))]
    placed = analyse(table_votes() + light, moderated_out={"s5", "s6"})
    assert "late" in placed.groups  # seven votes cast, two on statements moderated out since
    assert placed.totals["s0"]["seen"] == 13 and "s6" not in placed.totals


def test_moderated_statements_are_left_out_of_everything():
    analysis = analyse(table_votes(), moderated_out={"s3", "s0"})
    assert "s3" not in analysis.totals and "s0" not in analysis.totals
    mentioned = {r.statement for reps in analysis.repness.values() for r in reps}
    mentioned |= {c.statement for c in analysis.consensus} | set(analysis.group_informed_consensus)
    assert not mentioned & {"s0", "s3"}


def test_the_latest_vote_wins():
    matrix = VoteMatrix.from_votes([("p", "s", A, 20.0), ("p", "s", D, 10.0), ("q", "s", P, 5.0), ("q", "s", A, 5.0)])
    assert matrix.values.tolist() == [A, A]  # p: latest by time; q: same time, later in the input
    assert VoteMatrix.from_votes([("p", "s", D), ("p", "s", A)]).values.tolist() == [A]


def test_group_informed_consensus_is_the_product_over_groups():
    analysis = analyse(table_votes())
    # s4: everyone agrees; each group (6 of 6) gives (6 + 1) / (6 + 2).
    assert analysis.group_informed_consensus["s4"].agree == pytest.approx((7 / 8) ** 2)
    assert next(iter(analysis.group_informed_consensus)) == "s4"


@pytest.mark.parametrize("votes, message", [
    ([("p", "s", 2)], "vote must be"),
    ([("p", "s")], "each vote"),
    ([("p", "s", A), ("p", "s", A, 1.0)], "same length"),
    ([("p", "s", "yes")], "numbers"),
])
def test_bad_votes_are_refused_with_a_reason(votes, message):
    with pytest.raises(VoteError, match=message):
        analyse(votes)


def test_too_little_to_group():
    assert analyse([]).k == 0
    alone = analyse([("p", s, A) for s in range(8)])
    assert alone.k == 1 and alone.groups == {"p": 0}


def test_weighted_silhouette_equals_the_silhouette_of_the_participants():
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(0)
    positions = np.round(rng.normal(size=(12, 2)), 1)
    counts = rng.integers(1, 4, size=12)
    labels = (positions[:, 0] > 0).astype(int)
    expanded = np.repeat(positions, counts, axis=0)
    expected = silhouette_score(expanded, np.repeat(labels, counts))
    assert weighted_silhouette(positions, counts.astype(float), labels) == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 14), st.integers(0, 9), st.sampled_from([A, D, P])), max_size=120),
       st.integers(1, 8))
def test_any_votes_give_a_consistent_analysis(votes, min_votes):
    analysis = analyse(votes, min_votes=min_votes)
    distinct = {(p, s): v for p, s, v in votes}  # the last one counts
    assert sum(t["seen"] for t in analysis.totals.values()) == len(distinct)
    assert sum(t["agree"] for t in analysis.totals.values()) == sum(v == A for v in distinct.values())
    statements = {s for _, s in distinct}
    cast = {p: sum(1 for q, _ in distinct if q == p) for p, _ in distinct}
    bar = max(1, min(min_votes, len(statements)))
    assert set(analysis.groups) == {p for p, n in cast.items() if n >= bar}
    assert set(analysis.groups.values()) == set(range(analysis.k))
    assert 0 <= analysis.k <= 5
    assert set(analysis.repness) == set(range(analysis.k))
    assert all(len(reps) <= 5 for reps in analysis.repness.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from([A, D, P]), st.integers(0, 5)), max_size=40))
def test_the_latest_vote_by_time_wins_whatever_the_order(votes):
    expected = {}
    for position, (p, s, v, t) in enumerate(votes):
        if (p, s) not in expected or (t, position) >= expected[(p, s)][1]:
            expected[(p, s)] = (v, (t, position))
    matrix = VoteMatrix.from_votes(votes)
    got = {(matrix.participants[r], matrix.statements[c]): int(v)
           for r, c, v in zip(matrix.rows, matrix.cols, matrix.values, strict=True)}
    assert got == {pair: v for pair, (v, _) in expected.items()}
