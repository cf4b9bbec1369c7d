"""The score of a person for an opening: hard constraints, then a weighted sum of five fits in [0, 1].

For a person p and an opening o (docs/matching.md has the same with examples):

- skills: over the skills o wants (required and preferred, each with a level t), the mean of
  min(level of p, t) / t. A required skill below its level excludes the pair instead.
- interests: the share of o's SDGs and themes that p shares.
- distance: 1 for an online opening; else max(0, 1 − d / distance_scale_km) with d the great-circle
  distance between their positions (municipality centroids), and 0 when a position is unknown.
- language: the share of o's preferred languages p speaks (0 when none are given). Required languages
  are hard.
- availability: the share of o's weekly slots in which p is free (0 when o gives none).

Each component's value is weight × fit; the score is their sum (math.fsum for reported scores).
Hard constraints: required skills at their level, required languages, online-only people only for
online openings, and the distance within the person's travel radius (when both positions are known).

Everything works on arrays of pairs (`pi`, `oj`: row numbers of people and openings) and on the bit
sets of arrays.py, so that the candidate builder scores millions of pairs without a Python object per
pair; `score()` and the reasons of each suggestion are the same code on one pair.
"""

import math

import numpy as np

from .arrays import Compiled, compile_instance
from .geo import EARTH_RADIUS_KM
from .model import COMPONENT_KEYS, SLOTS, Component, Opening, Person, Score, Weights

EXCLUSIONS = ("required_skills", "languages", "online_only", "travel")


def sort_key(value):
    """Order for ids that may mix strings and integers."""
    return (isinstance(value, str), value)


def _shared(a: np.ndarray, ai: np.ndarray, b: np.ndarray, bj: np.ndarray) -> np.ndarray:
    """Per pair, the number of bits set in both a[:, ai] and b[:, bj] (rows of uint64 words)."""
    out = np.bitwise_count(a[0][ai] & b[0][bj]).astype(np.int64)
    for w in range(1, len(a)):
        out += np.bitwise_count(a[w][ai] & b[w][bj])
    return out


def _lacking(need: np.ndarray, bj: np.ndarray, have: np.ndarray, ai: np.ndarray) -> np.ndarray:
    """Per pair, whether some bit of need[:, bj] is missing from have[:, ai]."""
    out = np.zeros(len(ai), dtype=bool)
    for w in range(len(need)):
        if need[w].any():
            out |= (need[w][bj] & ~have[w][ai]) != 0
    return out


def chord_sq(c: Compiled, pi: np.ndarray, oj: np.ndarray) -> np.ndarray:
    """Squared chord between each pair's unit vectors; NaN when a position is unknown or the opening is online."""
    sq = np.zeros(len(pi))
    for axis in range(3):
        diff = c.p_xyz[axis][pi] - c.o_xyz[axis][oj]
        sq += diff * diff
    sq[c.online[oj]] = np.nan
    return sq


def km(sq: np.ndarray) -> np.ndarray:
    """Great-circle kilometres from squared chords (NaN stays NaN)."""
    with np.errstate(invalid="ignore"):
        return (2.0 * EARTH_RADIUS_KM) * np.arcsin(np.minimum(np.sqrt(sq) * 0.5, 1.0))


def distances(c: Compiled, pi: np.ndarray, oj: np.ndarray) -> np.ndarray:
    """Kilometres between each pair; NaN when a position is unknown or the opening is online."""
    return km(chord_sq(c, pi, oj))


def place_excluded(c: Compiled, pi: np.ndarray, oj: np.ndarray, sq: np.ndarray) -> np.ndarray:
    """Online-only people for openings with a place, and places beyond the travel radius. `sq` is
    chord_sq(): the radius is compared as a chord (arrays.travel_chord_sq), which orders the same as
    the distance; an unknown position (NaN) never excludes."""
    with np.errstate(invalid="ignore"):
        return (c.online_only[pi] & ~c.online[oj]) | (sq > c.travel_sq[pi])


def skills_excluded(c: Compiled, pi: np.ndarray, oj: np.ndarray) -> np.ndarray:
    """A required skill below its level."""
    out = np.zeros(len(pi), dtype=bool)
    for t in range(3):
        out |= _lacking(c.requires[t], oj, c.has[t], pi)
    return out


def languages_excluded(c: Compiled, pi: np.ndarray, oj: np.ndarray) -> np.ndarray:
    """A required language not spoken."""
    return _lacking(c.o_languages, oj, c.speaks, pi)


def exclusions(c: Compiled, pi: np.ndarray, oj: np.ndarray, sq: np.ndarray) -> dict[str, np.ndarray]:
    """Per hard constraint (EXCLUSIONS), the pairs that break it."""
    with np.errstate(invalid="ignore"):
        travel = sq > c.travel_sq[pi]
    return {
        "required_skills": skills_excluded(c, pi, oj),
        "languages": languages_excluded(c, pi, oj),
        "online_only": c.online_only[pi] & ~c.online[oj],
        "travel": travel,
    }


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros(len(num)), where=den > 0)


def fits(c: Compiled, pi: np.ndarray, oj: np.ndarray, d: np.ndarray, weights: Weights) -> np.ndarray:
    """(5, E) fits in [0, 1], rows in COMPONENT_KEYS order.

    skills: Σ over wanted skills of min(level, t) / t, times 6 to stay in integers:
    min(level, t) = Σ_{l ≤ t} [level ≥ l], so the sum is 6·|have≥1 ∩ want@1| + 3·(|have≥1 ∩ want@2| +
    |have≥2 ∩ want@2|) + 2·(|have≥1 ∩ want@3| + |have≥2 ∩ want@3| + |have≥3 ∩ want@3|); one division
    by 6 × (number of wanted skills) makes the fit, so it is the same float whichever way it is reached.
    """
    e = len(pi)
    out = np.zeros((len(COMPONENT_KEYS), e))
    # skills: counts per factor in small integers, in reused buffers (this is the hot loop of the engine)
    by_factor = {}
    buf = np.empty(e, dtype=np.uint64)
    ones = np.empty(e, dtype=np.uint8)
    have = {}  # the people's skill words, gathered once per level
    for t, factor in ((1, 6), (2, 3), (3, 2)):
        want = c.wants[t - 1]
        for w in range(len(want)):
            if not want[w].any():
                continue
            wj = want[w][oj]
            if not wj.any():  # no opening of these pairs wants skills at this level
                continue
            for level in range(1, t + 1):
                if (level, w) not in have:
                    have[level, w] = c.has[level - 1][w][pi]
                np.bitwise_and(have[level, w], wj, out=buf)
                np.bitwise_count(buf, out=ones)
                if factor in by_factor:
                    by_factor[factor] += ones
                else:
                    by_factor[factor] = ones.astype(np.int32)
    num = np.zeros(e, dtype=np.int32)
    for factor, counted in by_factor.items():
        num += factor * counted
    out[0] = _ratio(num, 6 * c.n_wanted[oj])
    out[1] = _ratio(_shared(c.interest, pi, c.o_interest, oj), c.n_interests[oj])
    with np.errstate(invalid="ignore"):
        near = np.clip(1.0 - d / weights.distance_scale_km, 0.0, 1.0)
    near[np.isnan(d)] = 0.0
    near[c.online[oj]] = 1.0
    out[2] = near
    # preferred languages and time slots: only the pairs whose opening names some
    some = np.flatnonzero(c.n_preferred[oj] > 0)
    if len(some):
        ps, os_ = pi[some], oj[some]
        out[3][some] = _ratio(_shared(c.speaks, ps, c.o_preferred, os_), c.n_preferred[os_])
    some = np.flatnonzero(c.o_slots[oj] != 0)
    if len(some):
        slots = c.o_slots[oj[some]]
        out[4][some] = np.bitwise_count(c.p_slots[pi[some]] & slots) / np.bitwise_count(slots)
    return out


def weight_vector(weights: Weights) -> np.ndarray:
    return np.array([weights.of(key) for key in COMPONENT_KEYS], dtype=np.float64)


def totals(fit: np.ndarray, weights: Weights) -> np.ndarray:
    """Weighted sums of fits, added in COMPONENT_KEYS order (used for ranking and the flow)."""
    values = fit * weight_vector(weights)[:, None]
    total = values[0].copy()
    for row in values[1:]:
        total += row
    return total


_SLOT_NAMES: dict[int, list[str]] = {}


def _slot_names(mask: int) -> list[str]:
    names = _SLOT_NAMES.get(mask)
    if names is None:
        names = _SLOT_NAMES[mask] = [slot for i, slot in enumerate(SLOTS) if mask >> i & 1]
    return names


def _sorted(values) -> list:
    return sorted(values, key=sort_key) if len(values) > 1 else list(values)


def details(person: Person, opening: Opening, km_value: float) -> tuple[dict, ...]:
    """What matched, per component (COMPONENT_KEYS order), for a template to put into words."""
    have = person.skills
    required = opening.required_skills
    matched = [{"skill": s, "level": have[s], "wanted": t, "required": True} for s, t in required.items() if s in have]
    matched += [{"skill": s, "level": have[s], "wanted": t, "required": False}
                for s, t in opening.preferred_skills.items() if s in have]
    slots = 0
    for i, slot in enumerate(SLOTS):
        if slot in person.availability and slot in opening.availability:
            slots |= 1 << i
    return (
        {"matched": matched, "missing": [s for s in opening.preferred_skills if s not in have]},
        {"sdgs": sorted(person.sdgs & opening.sdgs), "themes": _sorted(person.themes & opening.themes)},
        {"online": opening.online, "km": None if math.isnan(km_value) else round(km_value, 1)},
        {"required": _sorted(opening.languages), "preferred": _sorted(person.languages & opening.preferred_languages)},
        {"slots": _slot_names(slots)},
    )


def components(person: Person, opening: Opening, fit_row, km_value: float, weights: Weights) -> tuple[Component, ...]:
    """The five components of one pair with their details, in COMPONENT_KEYS order."""
    parts = details(person, opening, km_value)
    return tuple(Component(key, weights.of(key) * float(fit_row[i]), float(fit_row[i]), parts[i])
                 for i, key in enumerate(COMPONENT_KEYS))


def explain(person: Person, opening: Opening, fit_row: list[float], km_value: float, w: list[float]) -> Score:
    """The Score of one pair from its fits, components largest first (ties in COMPONENT_KEYS order)."""
    parts = details(person, opening, km_value)
    values = [w[i] * fit_row[i] for i in range(5)]
    order = sorted(range(5), key=lambda i: (-values[i], i))
    return Score(math.fsum(values), tuple(Component(COMPONENT_KEYS[i], values[i], fit_row[i], parts[i]) for i in order))


def score(person: Person, opening: Opening, weights: Weights | None = None) -> Score:
    """The score of one pair, its components and the hard constraints it breaks (if any)."""
    weights = weights or Weights()
    c = compile_instance([person], [opening])
    pi = oj = np.zeros(1, dtype=np.int64)
    sq = chord_sq(c, pi, oj)
    d = km(sq)
    broken = exclusions(c, pi, oj, sq)
    parts = components(person, opening, fits(c, pi, oj, d, weights)[:, 0], float(d[0]), weights)
    return Score(math.fsum(part.value for part in parts), parts, tuple(key for key in EXCLUSIONS if broken[key][0]))
