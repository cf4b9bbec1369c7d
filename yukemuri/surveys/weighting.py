"""Post-stratified estimates (事後層化) with 95% confidence intervals. Pure Python: no Django.

A cell is one area × age band. Its weight is its population share over its share of the answers,
w_h = (N_h / N) / (n_h / n), so the weighted mean is Σ_h W_h ȳ_h with W_h = N_h / N. Only the cells that
have answers and residents count: N is re-normalised over them, and answers whose cell is unknown or has no
residents are left out (`dropped`). The variance is the stratified one, Var = Σ_h W_h² s_h² / n_h, with s_h²
the cell's sample variance (n_h − 1 in the denominator; a cell of one answer borrows the variance of all the
answers used, rather than claiming none) and, for a share, p_h (1 − p_h). The interval is the estimate
± 1.96 √Var. docs/decisions/0021-surveys.md.
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

Z95 = 1.96


@dataclass(frozen=True)
class Estimate:
    value: float
    se: float
    n: int  # answers used (in cells with residents)
    cells: int  # cells used
    dropped: int  # answers left out: cell unknown or without residents

    @property
    def low(self) -> float:
        return self.value - Z95 * self.se

    @property
    def high(self) -> float:
        return self.value + Z95 * self.se


def _variance(values: list[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _by_cell(answers: Iterable[tuple[Hashable, float]], population: dict) -> tuple[dict, int]:
    groups: dict = defaultdict(list)
    dropped = 0
    for cell, value in answers:
        if cell is None or not population.get(cell):
            dropped += 1
            continue
        groups[cell].append(float(value))
    return groups, dropped


def cell_weights(counts: dict, population: dict) -> dict:
    """w_h = (N_h / N) / (n_h / n) for each cell with answers and residents (N and n over those cells)."""
    present = {cell: n for cell, n in counts.items() if n and population.get(cell)}
    n_total, pop_total = sum(present.values()), sum(population[cell] for cell in present)
    return {cell: (population[cell] / pop_total) / (n / n_total) for cell, n in present.items()}


def mean(answers: Iterable[tuple[Hashable, float]], population: dict) -> Estimate | None:
    """The post-stratified mean of (cell, value) answers; None when no answer falls in a cell with residents."""
    groups, dropped = _by_cell(answers, population)
    if not groups:
        return None
    pop_total = sum(population[cell] for cell in groups)
    borrowed = _variance([v for values in groups.values() for v in values])
    value = var = 0.0
    for cell, values in groups.items():
        share, n_h = population[cell] / pop_total, len(values)
        s2 = _variance(values) if n_h > 1 else borrowed
        value += share * sum(values) / n_h
        var += share ** 2 * s2 / n_h
    return Estimate(value=value, se=math.sqrt(var), n=sum(map(len, groups.values())), cells=len(groups),
                    dropped=dropped)


def share(answers: Iterable[tuple[Hashable, bool]], population: dict) -> Estimate | None:
    """The post-stratified share of answers that are true: the mean of 0/1, with s_h² = p_h (1 − p_h)."""
    groups, dropped = _by_cell(((cell, 1.0 if hit else 0.0) for cell, hit in answers), population)
    if not groups:
        return None
    pop_total = sum(population[cell] for cell in groups)
    value = var = 0.0
    for cell, values in groups.items():
        weight, n_h = population[cell] / pop_total, len(values)
        p = sum(values) / n_h
        value += weight * p
        var += weight ** 2 * p * (1 - p) / n_h
    return Estimate(value=value, se=math.sqrt(var), n=sum(map(len, groups.values())), cells=len(groups),
                    dropped=dropped)
