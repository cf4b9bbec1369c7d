"""Matching benchmark: the engine end to end on generated Gunma-like instances, beside an independent optimum.

    make bench-matching          # or: .venv/bin/python bench/matching.py [--sizes 1k 10k 100k] [--no-reference]
    .venv/bin/python bench/matching.py --smoke   # the test suite's run: 200 people × 40 openings, nothing saved

Three form-2 instances, generated with a fixed seed: 1,000 people × 200 openings, 10,000 × 2,000 and
100,000 × 20,000. People live in Gunma's 35 municipalities in proportion to their (approximate)
population, openings are spread by the square root of it (small towns ask for relatively more help);
skills come in ten fields with a long tail of popularity, newcomers have lower levels, travel radii are
5–50 km and some people are online only; 大泉町 has many Portuguese speakers, as it does.

Each size runs in its own process, so the peak memory it prints is that run's: the peak resident set
size (resource.getrusage ru_maxrss) of the process, which includes Python, numpy, OR-Tools and the
generated instance itself. It prints the engine's own timings (compile, index, candidates, scoring,
solve, explain, total), the objective, and the ratio of the objective to an independent bound on the
optimum over the same candidate graph: the linear programme of the b-matching with the same newcomer
floor solved by HiGHS (scipy.optimize.linprog), with the floor's F* and N* recomputed by scipy's
maximum_flow. The LP value is at least the integer optimum, so the ratio is a lower bound on the
share of the optimum reached (the engine rounds scores to 1/1000, which is all it can lose).
"""

import argparse
import csv
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yukemuri.matching.engine import SLOTS, Fairness, Opening, Person, Weights, match  # noqa: E402
from yukemuri.matching.engine.arrays import compile_instance  # noqa: E402
from yukemuri.matching.engine.candidates import build  # noqa: E402
from yukemuri.matching.engine.flow import newcomer_target  # noqa: E402

CSV = ROOT / "yukemuri" / "regions" / "data" / "gunma" / "municipalities.csv"
SIZES = {"1k": (1_000, 200), "10k": (10_000, 2_000), "100k": (100_000, 20_000)}
SMOKE = {"tiny": (200, 40)}  # the test suite's run (--smoke): checks that the benchmark works, times nothing
SEED = 20261129
K = 20
FAIRNESS = Fairness(newcomer_share=0.3, max_offers_per_person=2)
WEIGHTS = Weights()

# Approximate populations (thousands, 2020 census, rounded), used only to weight where people live.
POPULATION = {
    "102016": 332, "102024": 372, "102032": 107, "102041": 211, "102059": 223, "102067": 47, "102075": 75,
    "102083": 75, "102091": 63, "102105": 47, "102113": 57, "102121": 49, "103446": 14, "103454": 22,
    "103667": 1.1, "103675": 1.7, "103829": 6.6, "103837": 1.6, "103845": 12.6, "104213": 15, "104248": 5.4,
    "104256": 9.3, "104264": 6.2, "104281": 3.4, "104299": 13, "104434": 4.2, "104442": 3.2, "104485": 6.9,
    "104493": 17.7, "104647": 36, "105210": 14.4, "105228": 10.8, "105236": 10.6, "105244": 41, "105252": 26,
}
OIZUMI = "105244"
FIELDS = {
    "design": ["graphic-design", "web-design", "illustration", "photography", "video", "architecture"],
    "digital": ["programming", "data-analysis", "it-support", "sns", "web-writing", "gis"],
    "business": ["accounting", "marketing", "fundraising", "sales", "law", "management"],
    "community": ["facilitation", "event-planning", "public-relations", "coordination", "mediation", "interviewing"],
    "care": ["childcare", "elderly-care", "nursing", "counselling", "disability-support", "first-aid"],
    "farming": ["farming", "forestry", "sericulture", "food-processing", "beekeeping", "hunting"],
    "craft": ["carpentry", "akiya-renovation", "plumbing", "electrical", "textiles", "pottery"],
    "tourism": ["guiding", "onsen-hospitality", "cooking", "hotel-work", "outdoor-activities", "ski-instruction"],
    "education": ["teaching", "tutoring", "japanese-teaching", "research", "library", "music"],
    "language": ["english", "portuguese", "vietnamese", "chinese", "spanish", "sign-language"],
}
FIELD_WEIGHT = np.array([8, 9, 10, 14, 9, 8, 6, 9, 9, 5], dtype=float)
THEMES = ["onsen", "akiya", "silk-heritage", "agriculture", "disaster-prevention", "mobility", "childcare",
          "elderly", "tourism", "local-industry", "environment", "culture", "sports", "migration", "education",
          "digital", "health", "food", "forest", "multicultural"]
SDG_WEIGHT = np.array([2, 2, 6, 8, 4, 2, 5, 7, 5, 4, 12, 6, 6, 1, 5, 2, 8], dtype=float)
SLOT_WEIGHT = np.array([(5 if d in ("sat", "sun") else 1) * (3 if (p == "eve" and d not in ("sat", "sun")) else 1)
                        * (2 if p != "eve" and d in ("sat", "sun") else 1)
                        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for p in ("am", "pm", "eve")],
                       dtype=float)


def municipalities():
    with open(CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [(r["code"], float(r["lat_approx"]), float(r["lon_approx"])) for r in rows]


def _p(w):
    w = np.asarray(w, dtype=float)
    return w / w.sum()


def _pick(rng, weights, size):
    """Weighted draws with replacement, vectorised (rng.choice with p is slow per call)."""
    return np.searchsorted(np.cumsum(_p(weights)), rng.random(size), side="right").clip(0, len(weights) - 1)


def _sets(rng, weights, low, high, n):
    """n small sets of low..high weighted draws (duplicates merge, so some sets come out smaller)."""
    sizes = rng.integers(low, high + 1, size=n)
    flat = _pick(rng, weights, int(sizes.sum()))
    ends = np.cumsum(sizes)
    return [flat[e - k:e] for e, k in zip(ends.tolist(), sizes.tolist(), strict=True)]


def generate(n_people: int, n_openings: int, seed: int = SEED):
    """People and openings for one size; the same seed gives the same instance."""
    rng = np.random.default_rng(seed + n_people)
    towns = municipalities()
    pop = np.array([POPULATION[code] for code, _, _ in towns])
    fields = list(FIELDS)
    all_skills = [s for field in fields for s in FIELDS[field]]
    within = [1.0 / (1 + i) ** 0.7 for i in range(6)]  # popularity inside a field, the same shape for each
    everywhere = within * len(fields)

    home = _pick(rng, pop, n_people)
    newcomer = rng.random(n_people) < 0.35
    field = _pick(rng, FIELD_WEIGHT, n_people)
    n_skills = 1 + _pick(rng, [0.25, 0.35, 0.25, 0.15], n_people)
    starts = np.concatenate([[0], np.cumsum(n_skills)[:-1]])
    total = int(n_skills.sum())
    owner = np.repeat(np.arange(n_people), n_skills)
    own = rng.random(total) < 0.7
    skill = np.where(own, field[owner] * 6 + _pick(rng, within, total), _pick(rng, everywhere, total))
    u = rng.random(total)
    level = np.where(newcomer[owner], 1 + (u > 0.6) + (u > 0.9), 1 + (u > 0.35) + (u > 0.77))
    sdgs = _sets(rng, SDG_WEIGHT, 1, 3, n_people)
    themes = _sets(rng, np.ones(len(THEMES)), 1, 3, n_people)
    slots = _sets(rng, SLOT_WEIGHT, 2, 8, n_people)
    capacity = 1 + _pick(rng, [0.5, 0.35, 0.15], n_people)
    online_only = rng.random(n_people) < 0.08
    travel = np.array([5.0, 10.0, 20.0, 30.0, 50.0])[_pick(rng, [0.15, 0.3, 0.3, 0.15, 0.1], n_people)]
    lang_u = rng.random((n_people, 2))
    people = []
    for i in range(n_people):
        code, lat, lon = towns[home[i]]
        a, b = starts[i], starts[i] + n_skills[i]
        skills = {all_skills[x]: int(lv) for x, lv in zip(skill[a:b].tolist(), level[a:b].tolist(), strict=True)}
        langs = ["ja"]
        if code == OIZUMI and lang_u[i, 0] < 0.2:  # 大泉町: many Brazilian residents
            langs = ["pt"] if lang_u[i, 1] < 0.3 else ["ja", "pt"]
        elif lang_u[i, 0] < 0.15:
            langs.append("en")
        if "english" in skills and "en" not in langs:
            langs.append("en")
        people.append(Person(
            id=f"u{i}", capacity=int(capacity[i]), skills=skills, sdgs=(sdgs[i] + 1).tolist(),
            themes=[THEMES[t] for t in themes[i].tolist()], lat=lat, lon=lon, online_only=bool(online_only[i]),
            travel_km=None if online_only[i] else float(travel[i]), languages=langs,
            availability=[SLOTS[x] for x in slots[i].tolist()], newcomer=bool(newcomer[i]),
        ))

    place = _pick(rng, np.sqrt(pop), n_openings)
    kinds = np.array(["role", "volunteer", "creator", "consultation"])[_pick(rng, [0.45, 0.35, 0.12, 0.08], n_openings)]
    o_field = _pick(rng, FIELD_WEIGHT, n_openings)
    o_sdgs = _sets(rng, SDG_WEIGHT, 1, 2, n_openings)
    u = rng.random((n_openings, 8))
    openings = []
    for j in range(n_openings):
        code, lat, lon = towns[place[j]]
        kind = str(kinds[j])
        own = FIELDS[fields[o_field[j]]]
        pick = [own[x] for x in rng.choice(6, size=3, replace=False, p=_p(within))]
        required, preferred, count, online, slots_j = {}, {}, 1, False, []
        if kind == "role":
            required = {pick[0]: 1 if u[j, 0] < 0.6 else 2}
            preferred = {s: 2 for s in pick[1:1 + int(u[j, 1] * 3)]}
            online = u[j, 2] < 0.25
        elif kind == "volunteer":
            count = 2 + int(u[j, 0] * 9)
            if u[j, 1] < 0.4:
                required = {pick[0]: 1}
            if u[j, 2] < 0.9:
                preferred = {s: 1 for s in pick[1:2 + int(u[j, 3] * 2)]}
            day = ("sat", "sun", "sat", "sun", "wed")[int(u[j, 4] * 5)]
            slots_j = [f"{day}-am", f"{day}-pm"] if u[j, 5] < 0.4 else [f"{day}-{'am' if u[j, 5] < 0.7 else 'pm'}"]
        elif kind == "creator":
            count = 1 + int(u[j, 0] * 2)
            required = {pick[0]: 2}
            preferred = {pick[1]: 3}
            online = u[j, 2] < 0.6
        else:
            required = {pick[0]: 3}
            online = u[j, 2] < 0.5
        languages, preferred_languages = ["ja"], []
        if u[j, 6] < 0.05:
            languages = ["en" if u[j, 7] < 0.5 else "pt"]
        elif u[j, 6] < 0.15:
            preferred_languages = ["pt"] if code == OIZUMI else ["en"]
        openings.append(Opening(
            id=f"o{j}", count=count, kind=kind, required_skills=required, preferred_skills=preferred,
            sdgs=(o_sdgs[j] + 1).tolist(), themes=[THEMES[int(u[j, 7] * len(THEMES))]], online=bool(online),
            lat=None if online else lat, lon=None if online else lon,
            languages=languages, preferred_languages=preferred_languages, availability=slots_j,
        ))
    return people, openings


def reference(people, openings, result) -> dict:
    """An independent upper bound on the optimum over the same candidate graph (see the module docstring)."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, vstack
    from scipy.sparse.csgraph import maximum_flow

    t0 = time.perf_counter()
    c = compile_instance(people, openings, FAIRNESS)
    g = build(c, K, WEIGHTS, seed=0)
    n, m, e = c.n_people, c.n_openings, len(g)
    keep = np.rint(g.score * 1000) > 0  # the same edges the flow may use
    pe, oe, se = g.person[keep], g.opening[keep], g.score[keep]
    e = len(pe)
    newcomer_edge = c.newcomer[pe]

    def maxflow(rows_from_source):
        # nodes: 0 source, 1..n people, n+1..n+m openings, n+m+1 sink
        src, snk = 0, n + m + 1
        people_rows = np.flatnonzero(rows_from_source & (c.capacity > 0))
        tails = np.concatenate([np.zeros(len(people_rows), np.int64), 1 + pe, 1 + n + np.arange(m)])
        heads = np.concatenate([1 + people_rows, 1 + n + oe, np.full(m, snk)])
        caps = np.concatenate([c.capacity[people_rows], np.ones(e, np.int64), c.count]).astype(np.int32)
        graph = csr_matrix((caps, (tails, heads)), shape=(n + m + 2, n + m + 2))
        graph.sum_duplicates()
        return int(maximum_flow(graph, src, snk).flow_value)

    f_star = maxflow(np.ones(n, bool))
    floor = 0
    if FAIRNESS.newcomer_share > 0:
        floor = min(newcomer_target(FAIRNESS.newcomer_share, f_star), maxflow(c.newcomer))
    a_person = csr_matrix((np.ones(e), (pe, np.arange(e))), shape=(n, e))
    a_opening = csr_matrix((np.ones(e), (oe, np.arange(e))), shape=(m, e))
    a_new = csr_matrix((-np.ones(int(newcomer_edge.sum())), (np.zeros(int(newcomer_edge.sum()), np.int64),
                                                            np.flatnonzero(newcomer_edge))), shape=(1, e))
    a_ub = vstack([a_person, a_opening, a_new]).tocsr()
    b_ub = np.concatenate([c.capacity, c.count, [-floor]]).astype(float)
    lp = linprog(-se, A_ub=a_ub, b_ub=b_ub, bounds=(0, 1), method="highs")
    if lp.status != 0:
        return {"error": lp.message}
    bound = -lp.fun
    return {"lp_bound": bound, "ratio": result.objective / bound if bound else 1.0, "f_star": f_star, "floor": floor,
            "same_floor": floor == result.stats["newcomer_floor"], "seconds": time.perf_counter() - t0}


def run_one(size: str, with_reference: bool) -> dict:
    n, m = {**SIZES, **SMOKE}[size]
    t0 = time.perf_counter()
    people, openings = generate(n, m)
    gen_s = time.perf_counter() - t0
    rss_gen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load_before = os.getloadavg()[0]
    result = match(people, openings, WEIGHTS, FAIRNESS, k=K, seed=0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load_after = os.getloadavg()[0]
    out = {"size": size, "people": n, "openings": m, "generate_s": gen_s, "peak_rss_mb": rss,
           "load_1min": [load_before, load_after],
           "rss_after_generate_mb": rss_gen, "objective": result.objective,
           **{k: v for k, v in result.stats.items() if k != "timings"}, "timings": result.stats["timings"]}
    if with_reference:
        out["reference"] = reference(people, openings, result)
        t1 = time.perf_counter()
        whole = match(people, openings, WEIGHTS, FAIRNESS, k=K, seed=0, pool_limit=None)
        out["whole_lists"] = {"objective": whole.objective, "seconds": time.perf_counter() - t1,
                              "ratio": result.objective / whole.objective if whole.objective else 1.0}
    return out


def show(r: dict):
    t = r["timings"]
    ref = r.get("reference") or {}
    ratio = f"{ref['ratio'] * 100:.4f}%" if "ratio" in ref else "—"
    print(f"{r['size']:>5} {r['people']:>7}×{r['openings']:<6} compile {t['compile']:.2f} index {t['index']:.2f} "
          f"candidates {t['candidates']:.2f} (reading {t['reading']:.2f} ‖ filters {t['filters']:.2f} + scoring "
          f"{t['scoring']:.2f}) solve {t['solve']:.2f} explain {t['explain']:.2f} "
          f"total {t['total']:.2f} s | peak RSS {r['peak_rss_mb']:.0f} MB | pool pairs {r['pool_pairs']} "
          f"edges {r['candidate_edges']} "
          f"suggestions {r['suggestions']}/{r['places']} newcomers {r['newcomer_share']:.3f} (floor {r['newcomer_floor']}) "
          f"| objective {r['objective']:.3f} | vs LP bound {ratio} | load {r['load_1min'][0]:.1f}→{r['load_1min'][1]:.1f}"
          + (f" (LP {ref['lp_bound']:.3f}, same floor {ref['same_floor']}, {ref['seconds']:.0f} s)" if "ratio" in ref else ""),
          flush=True)
    if "whole_lists" in r:
        w = r["whole_lists"]
        print(f"{'':>5} every posting list read whole (pool_limit=None): objective {w['objective']:.3f} in {w['seconds']:.1f} s; "
              f"the bounded pools reach {w['ratio'] * 100:.2f}% of it", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--no-reference", action="store_true", help="skip the LP bound")
    parser.add_argument("--one", choices=[*SIZES, *SMOKE], help=argparse.SUPPRESS)  # child process
    parser.add_argument("--smoke", action="store_true", help="a tiny instance, to check that the benchmark runs; "
                                                             "nothing written to bench/results")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes = list(SMOKE)
    if args.one:
        print(json.dumps(run_one(args.one, not args.no_reference)))
        return 0
    print(f"matching benchmark — Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}, seed {SEED}, k {K}, fairness share {FAIRNESS.newcomer_share} "
          f"max offers {FAIRNESS.max_offers_per_person}", flush=True)
    results = []
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", size] + (["--no-reference"] if args.no_reference else [])
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(r)
        show(r)
    if args.smoke:
        return 0 if all(math.isfinite(r["objective"]) for r in results) else 1
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"matching-{stamp}.json").write_text(json.dumps(results, indent=1, default=float), encoding="utf-8")
    big = [r for r in results if r["size"] == "100k"]
    if big:
        r = big[0]
        ratio = (r.get("reference") or {}).get("ratio")
        print(f"aim 100k: total {r['timings']['total']:.1f} s (≤ 20), peak {r['peak_rss_mb']:.0f} MB (≤ 2048), "
              f"ratio {'n/a' if ratio is None else f'{ratio * 100:.4f}%'} (≥ 99.5%)")
    return 0 if all(math.isfinite(r["objective"]) for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
