"""The weighting and the intervals against a hand computation (issue 16: "the survey's weighting and
intervals checked against a hand computation")."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yukemuri.surveys import weighting

# Two cells with answers and one without. Population: A 300, B 100, C 600 (C has no answers, so it is dropped
# and the population re-normalised over A and B: N = 400, W_A = 300/400 = 0.75, W_B = 100/400 = 0.25).
A, B, C = (1, "20s"), (1, "60s"), (2, "20s")
POPULATION = {A: 300, B: 100, C: 600}
# A: 4, 5, 3 → ȳ_A = 4, s²_A = ((4−4)² + (5−4)² + (3−4)²) / (3 − 1) = 2/2 = 1
# B: 2, 4    → ȳ_B = 3, s²_B = ((2−3)² + (4−3)²) / (2 − 1) = 2
# One answer (1) whose cell is unknown: left out of the weighted figures.
ANSWERS = [(A, 4), (A, 5), (A, 3), (B, 2), (B, 4), (None, 1)]


def test_the_weighted_mean_and_its_interval_by_hand():
    estimate = weighting.mean(ANSWERS, POPULATION)
    # mean = W_A ȳ_A + W_B ȳ_B = 0.75 × 4 + 0.25 × 3 = 3.75
    assert estimate.value == pytest.approx(3.75)
    # Var = W_A² s²_A / n_A + W_B² s²_B / n_B = 0.5625 × 1 / 3 + 0.0625 × 2 / 2 = 0.1875 + 0.0625 = 0.25
    assert estimate.se == pytest.approx(math.sqrt(0.25)) == pytest.approx(0.5)
    # CI = 3.75 ± 1.96 × 0.5 = [2.77, 4.73]
    assert (estimate.low, estimate.high) == (pytest.approx(2.77), pytest.approx(4.73))
    assert (estimate.n, estimate.cells, estimate.dropped) == (5, 2, 1)


def test_each_cell_weight_is_its_population_share_over_its_sample_share():
    # n = 5: A's sample share 3/5 = 0.6, population share 0.75 → 1.25; B: 2/5 = 0.4 and 0.25 → 0.625
    weights = weighting.cell_weights({A: 3, B: 2}, POPULATION)
    assert weights == {A: pytest.approx(1.25), B: pytest.approx(0.625)}
    # The same mean as Σ w_i y_i / Σ w_i over the answers: (1.25 × 12 + 0.625 × 6) / (1.25 × 3 + 0.625 × 2) = 3.75
    total = sum(weights[cell] * value for cell, value in ANSWERS if cell)
    assert total / sum(weights[cell] for cell, _v in ANSWERS if cell) == pytest.approx(3.75)


def test_a_share_and_its_interval_by_hand():
    # "4 or more": A 2 of 3 (p = 2/3), B 1 of 2 (p = 1/2)
    estimate = weighting.share([(cell, value >= 4) for cell, value in ANSWERS], POPULATION)
    # 0.75 × 2/3 + 0.25 × 1/2 = 0.5 + 0.125 = 0.625
    assert estimate.value == pytest.approx(0.625)
    # Var = 0.5625 × (2/3 × 1/3) / 3 + 0.0625 × (1/2 × 1/2) / 2 = 1/24 + 1/128 = 19/384
    assert estimate.se ** 2 == pytest.approx(19 / 384)
    assert estimate.low == pytest.approx(0.625 - 1.96 * math.sqrt(19 / 384))
    assert estimate.high == pytest.approx(0.625 + 1.96 * math.sqrt(19 / 384))


def test_a_cell_of_one_answer_borrows_the_variance_of_all_the_answers():
    # A: 4, 6 (ȳ 5, s² 2); B: 2 alone. All three: mean 4, s² = (0 + 4 + 4) / 2 = 4, used for B.
    estimate = weighting.mean([(A, 4), (A, 6), (B, 2)], {A: 100, B: 100})
    assert estimate.value == pytest.approx(0.5 * 5 + 0.5 * 2)
    assert estimate.se ** 2 == pytest.approx(0.25 * 2 / 2 + 0.25 * 4 / 1)


def test_without_residents_or_answers_there_is_no_estimate():
    assert weighting.mean([(C, 3)], {A: 10}) is None
    assert weighting.mean([], POPULATION) is None
    assert weighting.share([(None, True)], POPULATION) is None


cells = st.sampled_from([A, B, C, None])
answers_st = st.lists(st.tuples(cells, st.integers(min_value=0, max_value=10)), min_size=1, max_size=60)
population_st = st.fixed_dictionaries({A: st.integers(0, 5000), B: st.integers(0, 5000), C: st.integers(0, 5000)})


@given(answers_st, population_st)
def test_the_mean_is_the_answer_weighted_mean_and_lies_within_the_answers(answers, population):
    estimate = weighting.mean(answers, population)
    used = [(cell, value) for cell, value in answers if cell is not None and population.get(cell)]
    if not used:
        assert estimate is None
        return
    weights = weighting.cell_weights({cell: sum(1 for c, _v in used if c == cell) for cell, _v in used}, population)
    by_answer = sum(weights[cell] * value for cell, value in used) / sum(weights[cell] for cell, _v in used)
    assert estimate.value == pytest.approx(by_answer)
    assert min(v for _c, v in used) - 1e-9 <= estimate.value <= max(v for _c, v in used) + 1e-9
    assert estimate.low <= estimate.value <= estimate.high and estimate.n + estimate.dropped == len(answers)


@given(st.lists(st.tuples(cells, st.booleans()), min_size=1, max_size=60), population_st)
def test_a_share_lies_between_0_and_1(answers, population):
    estimate = weighting.share(answers, population)
    if estimate is not None:
        assert -1e-9 <= estimate.value <= 1 + 1e-9 and estimate.se >= 0
