"""People and openings turned into columns of numpy arrays, once per run, so that scoring, the
candidate index and the flow never touch a Python object per pair.

Skills, interests, languages and time slots are bit sets over the vocabulary the *openings* use (a skill
no opening asks for cannot change a score), stored as rows of uint64 words, one row per word, so that
gathering a feature for millions of pairs is a 1-D take. A person's skills are three bit sets: the
skills they have at level ≥ 1, ≥ 2 and ≥ 3; an opening's wanted skills are grouped by the level wanted.
With these, min(level, wanted) summed over an opening's skills is a handful of AND + popcount.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .geo import EARTH_RADIUS_KM, unit_vectors
from .model import SLOT_BIT, Fairness, InstanceError, Opening, Person


def _slot_mask(slots) -> int:
    mask = 0
    for slot in slots:
        mask |= SLOT_BIT[slot]
    return mask


def _bits(n: int, words: int, rows, cols) -> np.ndarray:
    """(words, n) uint64 with bit `col % 64` of word `col // 64` set in column `row` for each pair."""
    out = np.zeros((words, n), dtype=np.uint64)
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    if len(rows):
        np.bitwise_or.at(out, (cols // 64, rows), np.left_shift(np.uint64(1), (cols % 64).astype(np.uint64)))
    return out


def travel_chord_sq(travel_km: np.ndarray) -> np.ndarray:
    """A great-circle radius as the squared chord it spans, so the hard constraint needs no asin per pair:
    d ≤ r  ⇔  chord² ≤ (2·sin(r / 2R))², for r up to half the circumference (beyond it, everything)."""
    half = np.minimum(travel_km / (2.0 * EARTH_RADIUS_KM), np.pi / 2)
    sq = (2.0 * np.sin(half)) ** 2
    return np.where(np.isinf(travel_km) | (half >= np.pi / 2), np.inf, sq)


def _words(size: int) -> int:
    return max(1, (size + 63) // 64)


@dataclass(eq=False)
class Compiled:
    """Columns of a run. People are rows 0..n-1 and openings 0..m-1, in the order given."""

    people: Sequence[Person]
    openings: Sequence[Opening]
    skills: list  # vocabulary: bit → skill id
    themes: list  # bit 17 + i → theme id (bits 0–16 are the SDGs 1–17)
    languages: list  # bit → language
    # people
    capacity: np.ndarray  # int64, min(capacity, max offers)
    has: np.ndarray  # (3, W, n) uint64: skills at level ≥ 1, ≥ 2, ≥ 3
    interest: np.ndarray  # (Wi, n) uint64
    speaks: np.ndarray  # (Wl, n) uint64
    p_lat: np.ndarray
    p_lon: np.ndarray
    p_xyz: np.ndarray  # (3, n) unit vectors, NaN if unknown
    travel: np.ndarray  # float64 km, inf = any distance
    travel_sq: np.ndarray  # the travel radius as a squared chord of the unit sphere (see travel_chord_sq)
    online_only: np.ndarray  # bool
    p_slots: np.ndarray  # int64 bit set of SLOTS
    newcomer: np.ndarray  # bool
    skill_person: np.ndarray  # (person row, skill bit, level) of every known skill, for the index
    skill_bit: np.ndarray
    skill_level: np.ndarray
    interest_person: np.ndarray  # (person row, interest bit) pairs, for the index
    interest_bit: np.ndarray
    # openings
    count: np.ndarray  # int64
    wants: np.ndarray  # (3, W, m): wanted skills (required or preferred) by the level wanted (1, 2, 3)
    requires: np.ndarray  # (3, W, m): required skills by the level required
    n_wanted: np.ndarray  # int64
    n_required: np.ndarray  # int64
    required: list  # per opening: [(skill bit, level), ...] of its required skills
    wanted: list  # per opening: [skill bit, ...] of its wanted skills
    o_interest: np.ndarray  # (Wi, m)
    n_interests: np.ndarray
    interests_of: list  # per opening: [interest bit, ...]
    o_languages: np.ndarray  # (Wl, m) required languages
    o_preferred: np.ndarray  # (Wl, m) preferred languages
    n_preferred: np.ndarray
    online: np.ndarray  # bool
    o_xyz: np.ndarray  # (3, m)
    o_slots: np.ndarray

    @property
    def n_people(self) -> int:
        return len(self.people)

    @property
    def n_openings(self) -> int:
        return len(self.openings)


def compile_instance(people: Sequence[Person], openings: Sequence[Opening], fairness: Fairness | None = None) -> Compiled:
    """Columns for `people` × `openings`; ids must be unique on each side."""
    for side, items in (("person", people), ("opening", openings)):
        seen = set()
        for item in items:
            if item.id in seen:
                raise InstanceError(f"duplicate {side} id {item.id!r}")
            seen.add(item.id)
    fairness = fairness or Fairness()
    n, m = len(people), len(openings)

    skills: dict = {}
    themes: dict = {}
    languages: dict = {}
    want_o, want_b, want_t, req_o, req_b, req_t, int_o, int_b, lang_o, lang_b, pref_o, pref_b = ([] for _ in range(12))
    required, wanted, interests_of = [], [], []
    for j, o in enumerate(openings):
        row = []
        for s, t in o.wanted_skills.items():
            bit = skills.setdefault(s, len(skills))
            row.append(bit)
            want_o.append(j)
            want_b.append(bit)
            want_t.append(t)
        wanted.append(row)
        req = [(skills[s], t) for s, t in o.required_skills.items()]
        required.append(req)
        for bit, t in req:
            req_o.append(j)
            req_b.append(bit)
            req_t.append(t)
        bits = [goal - 1 for goal in sorted(o.sdgs)] + [17 + themes.setdefault(t, len(themes)) for t in o.themes]
        interests_of.append(bits)
        int_o += [j] * len(bits)
        int_b += bits
        for lang in o.languages:
            lang_o.append(j)
            lang_b.append(languages.setdefault(lang, len(languages)))
        for lang in o.preferred_languages:
            pref_o.append(j)
            pref_b.append(languages.setdefault(lang, len(languages)))

    sp, sb, sl, ip, ib, lp, lb = ([] for _ in range(7))
    for i, p in enumerate(people):
        for s, lv in p.skills.items():
            bit = skills.get(s)
            if bit is not None:
                sp.append(i)
                sb.append(bit)
                sl.append(lv)
        for goal in p.sdgs:
            ip.append(i)
            ib.append(goal - 1)
        for t in p.themes:
            bit = themes.get(t)
            if bit is not None:
                ip.append(i)
                ib.append(17 + bit)
        for lang in p.languages:
            bit = languages.get(lang)
            if bit is not None:
                lp.append(i)
                lb.append(bit)

    ws, wi, wl = _words(len(skills)), _words(17 + len(themes)), _words(len(languages))
    skill_person = np.asarray(sp, dtype=np.int64)
    skill_bit = np.asarray(sb, dtype=np.int64)
    skill_level = np.asarray(sl, dtype=np.int64)
    has = np.stack([_bits(n, ws, skill_person[skill_level >= lv], skill_bit[skill_level >= lv]) for lv in (1, 2, 3)])
    want_t_arr = np.asarray(want_t, dtype=np.int64)
    req_t_arr = np.asarray(req_t, dtype=np.int64)
    want_o_arr, want_b_arr = np.asarray(want_o, dtype=np.int64), np.asarray(want_b, dtype=np.int64)
    req_o_arr, req_b_arr = np.asarray(req_o, dtype=np.int64), np.asarray(req_b, dtype=np.int64)
    wants = np.stack([_bits(m, ws, want_o_arr[want_t_arr == t], want_b_arr[want_t_arr == t]) for t in (1, 2, 3)])
    requires = np.stack([_bits(m, ws, req_o_arr[req_t_arr == t], req_b_arr[req_t_arr == t]) for t in (1, 2, 3)])

    cap = np.fromiter((p.capacity for p in people), dtype=np.int64, count=n)
    if fairness.max_offers_per_person is not None:
        np.minimum(cap, fairness.max_offers_per_person, out=cap)
    p_lat = np.fromiter((np.nan if p.lat is None else p.lat for p in people), dtype=np.float64, count=n)
    p_lon = np.fromiter((np.nan if p.lon is None else p.lon for p in people), dtype=np.float64, count=n)
    o_lat = np.fromiter((np.nan if o.lat is None else o.lat for o in openings), dtype=np.float64, count=m)
    o_lon = np.fromiter((np.nan if o.lon is None else o.lon for o in openings), dtype=np.float64, count=m)
    travel = np.fromiter((np.inf if p.travel_km is None else p.travel_km for p in people), dtype=np.float64, count=n)
    return Compiled(
        people=people, openings=openings, skills=list(skills), themes=list(themes), languages=list(languages),
        capacity=cap, has=has, interest=_bits(n, wi, ip, ib), speaks=_bits(n, wl, lp, lb),
        p_lat=p_lat, p_lon=p_lon, p_xyz=np.ascontiguousarray(unit_vectors(p_lat, p_lon).reshape(n, 3).T),
        travel=travel, travel_sq=travel_chord_sq(travel),
        online_only=np.fromiter((p.online_only for p in people), dtype=bool, count=n),
        p_slots=np.fromiter((_slot_mask(p.availability) for p in people), dtype=np.int64, count=n),
        newcomer=np.fromiter((p.newcomer for p in people), dtype=bool, count=n),
        skill_person=skill_person, skill_bit=skill_bit, skill_level=skill_level,
        interest_person=np.asarray(ip, dtype=np.int64), interest_bit=np.asarray(ib, dtype=np.int64),
        count=np.fromiter((o.count for o in openings), dtype=np.int64, count=m),
        wants=wants, requires=requires,
        n_wanted=np.fromiter((len(r) for r in wanted), dtype=np.int64, count=m),
        n_required=np.fromiter((len(r) for r in required), dtype=np.int64, count=m),
        required=required, wanted=wanted,
        o_interest=_bits(m, wi, int_o, int_b),
        n_interests=np.fromiter((len(r) for r in interests_of), dtype=np.int64, count=m),
        interests_of=interests_of,
        o_languages=_bits(m, wl, lang_o, lang_b), o_preferred=_bits(m, wl, pref_o, pref_b),
        n_preferred=np.fromiter((len(o.preferred_languages) for o in openings), dtype=np.int64, count=m),
        online=np.fromiter((o.online for o in openings), dtype=bool, count=m),
        o_xyz=np.ascontiguousarray(unit_vectors(o_lat, o_lon).reshape(m, 3).T),
        o_slots=np.fromiter((_slot_mask(o.availability) for o in openings), dtype=np.int64, count=m),
    )


PERSON_COLUMNS = ("capacity", "has", "interest", "speaks", "p_lat", "p_lon", "p_xyz", "travel", "travel_sq", "online_only",
                  "p_slots", "newcomer")


def permute_people(c: Compiled, order: np.ndarray) -> Compiled:
    """The same run with the people's columns renumbered: row r of the copy is row order[r] of `c`.
    (`people` stays as given, so rows of the copy are not indices into it.) The candidate builder
    numbers people by area so that a pool's gathers touch neighbouring memory."""
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    changes = {name: np.ascontiguousarray(getattr(c, name)[..., order]) for name in PERSON_COLUMNS}
    changes["skill_person"] = inverse[c.skill_person]
    changes["interest_person"] = inverse[c.interest_person]
    return replace(c, **changes)
