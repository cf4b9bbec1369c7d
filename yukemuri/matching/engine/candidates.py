"""Candidates: for each opening, its best max(k, 2 × count) people found through an index — never a dense
people × openings matrix (docs/matching.md, "Candidates").

The index has a posting list for every (skill, minimum level) and every interest that some opening
uses, plus one of everyone; people with no capacity left are not in it. Each list is kept in two orders:
*by area* (people grouped in cells of about 5 km, cells as units, people within a cell in a seeded
random order; online-only people left out) and *by the seeded random order* alone.

An opening's *pool* comes from its lists:

1. if it requires skills: the list of its rarest required skill at the required level (every candidate
   must have it; the other required skills are checked as hard constraints);
2. else the lists of its wanted skills, or if it wants none, of its SDGs and themes — topped up with the
   first limit/4 of everyone, since preferred things only add score;
3. else the list of everyone;

read nearest cell first for an opening with a place (cells no one in them could travel from are
skipped), or in the random order for an online opening, until `pool_limit` people (twice that online).
The pool's pairs go through the hard constraints (scoring.py) and are scored, vectorised over chunks of
pairs; each opening keeps its best max(k, 2 × count), ties broken by the seeded order. An opening whose
pool was cut short and left fewer eligible people than that is read again with a 16 times larger limit,
and then without limit; `pool_limit=None` reads every list whole (the exact top k).
"""

import math
import os
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .arrays import Compiled, permute_people
from .geo import EARTH_RADIUS_KM
from .model import COMPONENT_KEYS
from .scoring import chord_sq, fits, km, languages_excluded, place_excluded, skills_excluded, totals

CHUNK_PAIRS = 1 << 19
POOL_LIMIT = 2000
CELL_KM = 5.0
RETRY_FACTOR = 16
ONLINE_FACTOR = 2  # online openings draw on the whole prefecture, so they read further


@dataclass(eq=False)
class CandidateGraph:
    """Candidate edges grouped by opening, best first within each: edges ptr[j]:ptr[j+1] are opening j's."""

    person: np.ndarray  # int64 rows of people
    opening: np.ndarray  # int64 rows of openings
    score: np.ndarray  # float64
    ptr: np.ndarray
    timings: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.person)


def _ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenation of arange(s, s + l) for each start s and length l."""
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    return np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total, dtype=np.int64)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


@dataclass(eq=False)
class Posting:
    key: tuple  # ("skill", bit, level), ("interest", bit) or ("all",)
    by_area: np.ndarray  # people (not online-only) ordered by cell, then tie rank
    cell_ptr: np.ndarray  # by_area[cell_ptr[c]:cell_ptr[c + 1]] are cell c's
    by_rank: np.ndarray  # everyone in the list ordered by tie rank


class Index:
    """Posting lists by (skill, minimum level), by interest and of everyone, in area and random order."""

    def __init__(self, c: Compiled, rank: np.ndarray, cell: np.ndarray):
        self.c = c
        self.rank = rank
        self.n = n = c.n_people
        self.by_rank_all = np.argsort(rank)  # person with tie rank r is by_rank_all[r]
        known = ~np.isnan(c.p_lat)
        self.cell = cell
        self.n_cells = int(cell.max()) + 1 if n else 1
        self.unknown_cell = self.n_cells - 1 if (~known).any() else None
        located = ~c.online_only & (c.capacity > 0)
        self.active = c.capacity > 0
        # Each cell's centre, radius (km) and longest travel radius, for skipping unreachable cells.
        cnt = np.bincount(self.cell[known], minlength=self.n_cells).astype(np.float64)
        centre = np.stack([np.bincount(self.cell[known], weights=c.p_xyz[a][known], minlength=self.n_cells)
                           for a in range(3)]).astype(np.float64)  # (bincount of nothing is int64)
        norm = np.sqrt((centre * centre).sum(axis=0))
        self.centre = np.divide(centre, norm, out=np.zeros_like(centre), where=norm > 0)
        off = self.centre[:, self.cell[known]] - c.p_xyz[:, known]
        dist = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.sqrt((off * off).sum(axis=0)) * 0.5, 1.0))
        self.radius = np.zeros(self.n_cells)
        np.maximum.at(self.radius, self.cell[known], dist)
        self.max_travel = np.full(self.n_cells, -1.0)
        reach = located & known
        np.maximum.at(self.max_travel, self.cell[reach], c.travel[reach])
        self.has_people = cnt > 0
        geo_order = np.lexsort((rank, self.cell))
        self.area_pos = np.empty(n, dtype=np.int64)
        self.area_pos[geo_order] = np.arange(n)
        self.located = located
        self._postings: dict = {}
        self._orders: dict = {}
        # skills: entries sorted by (bit, area position) once, sliced per bit on demand
        order = np.lexsort((self.area_pos[c.skill_person], c.skill_bit))
        self._sk_person, self._sk_bit, self._sk_level = c.skill_person[order], c.skill_bit[order], c.skill_level[order]
        self._sk_ptr = np.searchsorted(self._sk_bit, np.arange(len(c.skills) + 1))
        order = np.lexsort((self.area_pos[c.interest_person], c.interest_bit))
        self._in_person, self._in_bit = c.interest_person[order], c.interest_bit[order]
        self._in_ptr = np.searchsorted(self._in_bit, np.arange(17 + len(c.themes) + 1))

    def _posting(self, key: tuple, members_by_area: np.ndarray) -> Posting:
        members = members_by_area[self.active[members_by_area]]
        area = members[self.located[members]]
        cell_ptr = np.searchsorted(self.cell[area], np.arange(self.n_cells + 1))
        return Posting(key, area, cell_ptr, members[np.argsort(self.rank[members])])

    def skill(self, bit: int, level: int) -> Posting:
        key = ("skill", bit, level)
        if key not in self._postings:
            lo, hi = self._sk_ptr[bit], self._sk_ptr[bit + 1]
            self._postings[key] = self._posting(key, self._sk_person[lo:hi][self._sk_level[lo:hi] >= level])
        return self._postings[key]

    def interest(self, bit: int) -> Posting:
        key = ("interest", bit)
        if key not in self._postings:
            self._postings[key] = self._posting(key, self._in_person[self._in_ptr[bit]:self._in_ptr[bit + 1]])
        return self._postings[key]

    def everyone(self) -> Posting:
        if ("all",) not in self._postings:
            self._postings[("all",)] = self._posting(("all",), np.argsort(self.area_pos))
        return self._postings[("all",)]

    def lists(self, j: int) -> list[Posting]:
        c = self.c
        if c.required[j]:
            return [min((self.skill(bit, level) for bit, level in c.required[j]), key=lambda p: len(p.by_rank))]
        if c.wanted[j]:
            return [self.skill(bit, 1) for bit in c.wanted[j]]
        if c.interests_of[j]:
            return [self.interest(bit) for bit in c.interests_of[j]]
        return [self.everyone()]

    def cell_order(self, j: int) -> np.ndarray:
        """Cells that someone in them could travel from to opening j, nearest first (unknown places last)."""
        x = self.c.o_xyz[:, j]
        key = x.tobytes()
        if key not in self._orders:
            off = self.centre - x[:, None]
            d = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.sqrt((off * off).sum(axis=0)) * 0.5, 1.0))
            low = np.maximum(d - self.radius, 0.0)
            ok = self.has_people & (low <= self.max_travel)
            if self.unknown_cell is not None:
                ok[self.unknown_cell] = False
            cells = np.flatnonzero(ok)
            order = cells[np.argsort(low[cells], kind="stable")]
            if self.unknown_cell is not None:
                order = np.append(order, self.unknown_cell)
            self._orders[key] = order
        return self._orders[key]

    def pool(self, j: int, limit: int | None) -> tuple[np.ndarray, bool]:
        """Opening j's pool (people rows) and whether `limit` cut it short. Without required skills, the
        lists are topped up with the first limit/4 of everyone: preferred skills and interests only add
        score, so people without them must be able to come in on the other components."""
        c = self.c
        lists = self.lists(j)
        if c.required[j] or lists[0].key == ("all",):
            return self.read(j, lists, limit)
        if limit is None:
            return self.read(j, [self.everyone()], None)
        pool, cut = self.read(j, lists, limit)
        rest, cut_rest = self.read(j, [self.everyone()], max(1, limit // 4))
        return _sorted_unique(np.concatenate([pool, rest])), cut or cut_rest

    def pool_key(self, j: int, limit: int | None) -> tuple:
        """What opening j's pool depends on: openings with equal keys have the same pool."""
        c = self.c
        where = b"" if c.online[j] else c.o_xyz[:, j].tobytes()
        return (bool(c.online[j]), where, bool(c.required[j]), tuple(sorted(p.key for p in self.lists(j))),
                -1 if limit is None else limit)

    def read(self, j: int, lists: list[Posting], limit: int | None) -> tuple[np.ndarray, bool]:
        """The union of `lists`, nearest cells first (random order for an online opening), cut to `limit`."""
        c = self.c
        if c.online[j] or np.isnan(c.o_xyz[0, j]):
            parts = [p.by_rank if limit is None else p.by_rank[:limit] for p in lists]
            cut = limit is not None and any(len(p.by_rank) > limit for p in lists)
            if len(parts) == 1:
                return parts[0], cut
            ranks = _sorted_unique(self.rank[np.concatenate(parts)])
            if limit is not None and len(ranks) > limit:
                ranks, cut = ranks[:limit], True
            return self.by_rank_all[ranks], cut
        order = self.cell_order(j)
        parts, cut = [], False
        for p in lists:
            starts = p.cell_ptr[order]
            lens = p.cell_ptr[order + 1] - starts
            if limit is not None:
                cum = np.cumsum(lens)
                if len(cum) and cum[-1] > limit:
                    stop = int(np.searchsorted(cum, limit))
                    starts, lens = starts[:stop + 1], lens[:stop + 1].copy()
                    lens[stop] -= int(cum[stop]) - limit
                    cut = True
            parts.append(p.by_area[_ranges(starts, lens)])
        if len(parts) == 1:
            return parts[0], cut
        # union, nearest cells first, then tie rank; cut again to the limit
        members = np.concatenate(parts)
        pos = np.empty(self.n_cells, dtype=np.int64)
        pos[order] = np.arange(len(order))
        keys = _sorted_unique(pos[self.cell[members]] * self.n + self.rank[members])
        if limit is not None and len(keys) > limit:
            keys, cut = keys[:limit], True
        return self.by_rank_all[keys % self.n], cut


def cells(c: Compiled) -> np.ndarray:
    """Each person's cell of about CELL_KM × CELL_KM (numbered in lat, lon order); unknown places share the last."""
    known = ~np.isnan(c.p_lat)
    lat0 = float(np.nanmean(c.p_lat)) if known.any() else 0.0
    lat_step = CELL_KM / 111.2
    lon_step = lat_step / max(math.cos(math.radians(lat0)), 0.1)
    gy = np.floor(np.where(known, c.p_lat, 0.0) / lat_step).astype(np.int64)
    gx = np.floor(np.where(known, c.p_lon, 0.0) / lon_step).astype(np.int64)
    key = np.where(known, (gy + (1 << 20)) * (1 << 22) + (gx + (1 << 21)), np.int64(1) << 62)
    return np.unique(key, return_inverse=True)[1].reshape(-1)


def tie_ranks(n: int, seed: int) -> np.ndarray:
    """A seeded random order of the people: among equal scores, the lower rank wins."""
    return np.random.default_rng(seed).permutation(n).astype(np.int64)


def rank_keys(score: np.ndarray, rank: np.ndarray, n_people: int, score_bound: float) -> np.ndarray:
    """One int64 per edge that orders by score, then by tie rank (ranks are below `n_people`): larger is
    better. Scores are quantised to about 1e-13 of `score_bound`, far below what the flow's ×scale
    rounding can see."""
    bits = max(1, int(n_people - 1).bit_length())
    quantum = float(1 << (62 - bits)) / max(score_bound, 1e-300)
    tq = np.floor(np.clip(score, 0.0, score_bound) * quantum).astype(np.int64)
    return (tq << bits) | ((1 << bits) - 1 - rank)


def _score_chunk(c: Compiled, weights, rank: np.ndarray, bound: float, keep_k: np.ndarray, pools: list, owners: list,
                 cut: list, online: bool) -> dict:
    """Hard constraints, scores and each opening's best, for one chunk of pools of online openings or of
    openings with a place (runs on a worker thread: numpy releases the GIL in the large array operations).
    Openings cut short with too few eligible people come back in `retry`."""
    t1 = time.perf_counter()
    lens = [len(p) for p in pools]
    pi = np.concatenate(pools)
    oj = np.repeat(np.asarray(owners, dtype=np.int64), lens)
    at = np.repeat(np.arange(len(owners)), lens)  # which pool of the chunk each pair came from
    pool_pairs = len(pi)
    if online:  # no place: nothing to measure, nobody too far
        sq = np.full(len(pi), np.nan)
        bad = np.zeros(len(pi), dtype=bool)
    else:
        sq = chord_sq(c, pi, oj)
        bad = place_excluded(c, pi, oj, sq)
    bad |= languages_excluded(c, pi, oj)
    # A pool of an opening with required skills is the list of one of them at its level: only openings
    # that require more than one skill need the check.
    several = np.flatnonzero(c.n_required[oj] > 1)
    if len(several):
        bad[several] |= skills_excluded(c, pi[several], oj[several])
    ok = ~bad
    pi, oj, sq, at = pi[ok], oj[ok], sq[ok], at[ok]
    t2 = time.perf_counter()
    total = totals(fits(c, pi, oj, km(sq), weights), weights)
    key = rank_keys(total, rank[pi], len(rank), bound)
    ends = np.cumsum(np.bincount(at, minlength=len(owners)))
    starts = ends - np.bincount(at, minlength=len(owners))
    chosen, retry = [], []
    for j, a, b, short in zip(owners, starts.tolist(), ends.tolist(), cut, strict=True):
        top = int(keep_k[j])
        if short and b - a < top:
            retry.append(j)
            continue
        if a == b:
            continue
        seg = key[a:b]
        if b - a > top:
            sel = np.argpartition(-seg, top - 1)[:top]
            sel = sel[np.argsort(-seg[sel])]
        else:
            sel = np.argsort(-seg)
        chosen.append(sel + a)
    part = None
    if chosen:
        sel = np.concatenate(chosen)
        part = (pi[sel], oj[sel], total[sel])
    return {"part": part, "retry": retry, "pool_pairs": pool_pairs, "eligible_pairs": len(pi),
            "filters": t2 - t1, "scoring": time.perf_counter() - t2}


def build(c: Compiled, k: int, weights, seed: int = 0, pool_limit: int | None = POOL_LIMIT,
          chunk_pairs: int = CHUNK_PAIRS, workers: int | None = None) -> CandidateGraph:
    """The candidate graph: each opening's best max(k, 2 × count) eligible people from its pool.

    The main thread reads pools while `workers` threads (default: one per CPU, at most 4) filter and
    score chunks of them; results are taken in the order the chunks were made, so the graph does not depend on
    the threads. Timings: `candidates` is the wall time of the whole stage; `reading` (main thread),
    `filters` and `scoring` (summed over the workers) are its parts and overlap.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if pool_limit is not None and (isinstance(pool_limit, bool) or not isinstance(pool_limit, int) or pool_limit < 1):
        raise ValueError(f"pool_limit must be a positive integer or None, got {pool_limit!r}")
    workers = max(1, min(4, os.cpu_count() or 1)) if workers is None else max(1, int(workers))
    timings = {"index": 0.0, "candidates": 0.0, "reading": 0.0, "filters": 0.0, "scoring": 0.0}
    stats = {"pool_pairs": 0, "eligible_pairs": 0, "reread_openings": 0}
    t0 = time.perf_counter()
    rank = tie_ranks(c.n_people, seed)
    cell = cells(c)
    # People are renumbered by area (cell, then tie rank) for the whole build, and back at the end.
    area = np.lexsort((rank, cell))
    original, c = c, permute_people(c, area)
    rank, cell = rank[area], cell[area]
    index = Index(c, rank, cell)
    bound = float(sum(weights.of(key) for key in COMPONENT_KEYS))
    keep_k = np.maximum(k, 2 * c.count)
    t1 = time.perf_counter()
    timings["index"] = t1 - t0
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    retry: list[int] = []
    in_flight: deque = deque()

    def collect(future):
        done = future.result()
        if done["part"] is not None:
            parts.append(done["part"])
        retry.extend(done["retry"])
        for key in ("pool_pairs", "eligible_pairs"):
            stats[key] += done[key]
        for key in ("filters", "scoring"):
            timings[key] += done[key]

    with ThreadPoolExecutor(max_workers=workers) as executor:

        def submit(pools, owners, cut, online):
            in_flight.append(executor.submit(_score_chunk, c, weights, rank, bound, keep_k, pools, owners, cut, online))
            while len(in_flight) > workers:
                collect(in_flight.popleft())

        todo = [j for j in range(c.n_openings) if c.count[j] > 0]
        limit = pool_limit
        while todo:
            retry.clear()
            # two streams of chunks: online openings and openings with a place
            chunks = {False: ([], [], [], [0]), True: ([], [], [], [0])}
            t_read = time.perf_counter()
            # Openings in the order of what their pools depend on, so that equal pools are read once.
            limits = {j: None if limit is None else max(limit * (ONLINE_FACTOR if c.online[j] else 1), 4 * int(keep_k[j]))
                      for j in todo}
            keyed = sorted((index.pool_key(j, limits[j]), j) for j in todo)
            last_key, last = None, None
            for key, j in keyed:
                online = bool(c.online[j])
                if key != last_key:
                    last_key, last = key, index.pool(j, limits[j])
                pool, short = last
                pools, owners, cut, pending = chunks[online]
                pools.append(pool)
                owners.append(j)
                cut.append(short)
                pending[0] += len(pool)
                if pending[0] >= chunk_pairs:
                    timings["reading"] += time.perf_counter() - t_read
                    submit(pools, owners, cut, online)
                    chunks[online] = ([], [], [], [0])
                    t_read = time.perf_counter()
            timings["reading"] += time.perf_counter() - t_read
            for online, (pools, owners, cut, _) in chunks.items():
                if pools:
                    submit(pools, owners, cut, online)
            while in_flight:
                collect(in_flight.popleft())
            stats["reread_openings"] += len(retry)
            todo = sorted(retry)
            if limit is not None:
                limit *= RETRY_FACTOR
                if limit >= c.n_people:
                    limit = None
    if parts:
        person, opening, score = (np.concatenate(x) for x in zip(*parts, strict=True))
        order = np.argsort(opening, kind="stable")
        person, opening, score = area[person[order]], opening[order], score[order]
    else:
        person, opening, score = np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    ptr = np.zeros(original.n_openings + 1, dtype=np.int64)
    np.cumsum(np.bincount(opening, minlength=original.n_openings), out=ptr[1:])
    timings["candidates"] = time.perf_counter() - t1
    return CandidateGraph(person, opening, score, ptr, timings, stats)
