"""Open data benchmark: NGSI-LD entity queries per second, and the DCAT catalogue's size and build time, at the
benchmark data set (bench/dataset.py: 10,000 issues and 10,000 ideas, with their people, comments and supports).

    make bench-opendata         # or: .venv/bin/python bench/opendata.py [--seconds 10] [--refill]
    .venv/bin/python bench/opendata.py --smoke --database-url postgres://…/some_db   # what the test suite runs

Fills the PostgreSQL database `yukemuri_bench` as bench/pages.py does (once; --refill to redo), adds 2,000 public
facilities and 1,000 events around the municipalities and seed 001's indicators, then answers each query
in-process (Django's test client, production settings, one thread) for --seconds, cycling through a few
variants of it so that no answer is the same twice in a row, and prints queries per second, the median and p95,
and the ratio to /healthz measured in the same run (the ceiling of a request through the middleware). The
NGSI-LD API is never page-cached (its answers vary with Accept and Link), so every query is answered from the
database. Then the catalogue is built from cold (no cache) a few times: triples, bytes of catalog.ttl and
catalog.jsonld, and the build time of each.

--smoke (the test suite's run, untimed): the tiny data set, three queries of each kind, one catalogue build.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, setup_django  # noqa: E402
from bench.dataset import FULL, TINY, fill, is_filled  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/yukemuri_bench"
FACILITIES, EVENTS = 2_000, 1_000
KINDS = ["庁舎", "図書館", "公民館", "体育館", "博物館", "保育所", "公園", "避難所"]


def prepare(url: str, sizes, refill: bool, facilities: int, events: int) -> None:
    """The posts of bench/dataset.py (filled once), then facilities and events of this benchmark's own (made anew:
    they are few) and the indicators."""
    import psycopg

    with psycopg.connect(url) as conn:  # one transaction: the foreign keys are checked at its end
        if refill or not is_filled(conn, sizes):
            started = time.perf_counter()
            fill(conn, sizes)
            print(f"filled the data set in {time.perf_counter() - started:.0f} s")
    from datetime import UTC, datetime, timedelta

    from yukemuri.events.kinds import ensure_kinds
    from yukemuri.events.models import Event, EventKind
    from yukemuri.facilities.models import PublicFacility
    from yukemuri.kpi.services import load_indicators
    from yukemuri.regions.models import Municipality

    rng = random.Random(20261207)
    places = list(Municipality.objects.select_related("prefecture").order_by("code"))
    PublicFacility.objects.filter(source_id__startswith="bench-").delete()
    PublicFacility.objects.bulk_create([PublicFacility(
        prefecture=m.prefecture, municipality=m, owner_code=m.code, source_id=f"bench-{n}",
        name=f"{m.name}{rng.choice(KINDS)}{n}", category=rng.choice(KINDS), address=f"{m.prefecture.name}{m.name}",
        latitude=m.latitude + rng.uniform(-0.05, 0.05), longitude=m.longitude + rng.uniform(-0.05, 0.05),
        phone="027-000-0000", open_days="月火水木金", description="ベンチマーク用の施設。",
    ) for n in range(facilities) for m in [rng.choice(places)]], batch_size=1000)
    ensure_kinds()
    kinds = list(EventKind.objects.all())
    Event.objects.filter(source_id__startswith="bench-").delete()
    start = datetime(2026, 4, 1, tzinfo=UTC)
    Event.objects.bulk_create([Event(
        kind=rng.choice(kinds), title=f"{m.name}の集い{n}", prefecture=m.prefecture, municipality=m, area=m.area,
        starts_at=start + timedelta(hours=7 * n), ends_at=start + timedelta(hours=7 * n + 2), source_code=m.code,
        source_id=f"bench-{n}", latitude=m.latitude, longitude=m.longitude, capacity=rng.randint(10, 200),
    ) for n in range(events) for m in [rng.choice(places)]], batch_size=1000)
    load_indicators()


QUERIES = [
    ("/healthz (ceiling)", lambda rng: "/healthz"),
    ("type: Idea, 100 a page", lambda rng: f"/ngsi-ld/v1/entities?type=Idea&limit=100&offset={rng.randrange(0, 5000)}"),
    ("type + count, 2 types", lambda rng: "/ngsi-ld/v1/entities?type=RegionalIssue,PublicFacility&limit=20"
                                         f"&offset={rng.randrange(0, 9000)}&count=true"),
    ("q on columns", lambda rng: "/ngsi-ld/v1/entities?type=RegionalIssue&limit=100&q=" + rng.choice(
        ["municipalityCode==%22102016%22;supportCount%3E10", "municipalityCode==%22102024%22",
         "supportCount%3E=100", "sdgs==11|sdgs==3"])),
    ("q on a built attribute", lambda rng: "/ngsi-ld/v1/entities?type=Idea&limit=20&q=municipalityCode==%22"
                                           + rng.choice(["102016", "102024", "102041"])
                                           + "%22;url~=" + str(rng.randrange(1, 9))),
    ("geo: near 2 km, 3 types", lambda rng: "/ngsi-ld/v1/entities?type=PublicFacility,Event,RegionalIssue&limit=100"
                                             "&georel=near%3BmaxDistance==2000&geometry=Point&coordinates="
                                             + rng.choice(["[139.063,36.389]", "[139.003,36.322]",
                                                           "[139.196,36.311]"])),
    ("geo: within a polygon", lambda rng: "/ngsi-ld/v1/entities?type=PublicFacility&limit=100&georel=within"
                                           "&geometry=Polygon&coordinates=" + rng.choice(
        ["[[[139.0,36.3],[139.1,36.3],[139.1,36.4],[139.0,36.4],[139.0,36.3]]]",
         "[[[138.9,36.2],[139.3,36.2],[139.3,36.5],[138.9,36.5],[138.9,36.2]]]"])),
    ("entity by id", lambda rng: f"/ngsi-ld/v1/entities/urn:ngsi-ld:Idea:{rng.randrange(1, 30)}"),
]


def measure(seconds: float, smoke: bool) -> list[tuple]:
    from django.test import Client

    client = Client()
    rng = random.Random(7)
    rows = []
    for label, make in QUERIES:
        times = []
        client.get(make(rng))  # warm-up, uncounted
        started = time.perf_counter()
        while (len(times) < 3) if smoke else (time.perf_counter() - started < seconds):
            path = make(rng)
            t0 = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.content[:300]!r}")
        elapsed = time.perf_counter() - started
        found = response["NGSILD-Results-Count"] if response.has_header("NGSILD-Results-Count") else \
            (len(response.json()) if path.startswith("/ngsi-ld/v1/entities?") else "")
        rows.append((label, len(times) / elapsed, statistics.median(times) * 1000,
                     statistics.quantiles(times, n=20)[-1] * 1000 if len(times) >= 20 else max(times) * 1000, found))
    return rows


def catalogue(builds: int) -> dict:
    from django.core.cache import cache

    from yukemuri.opendata.catalog import graph

    base = "https://yukemuri.example.jp"
    timings = {"graph": [], "ttl": [], "jsonld": []}
    for _ in range(builds):
        cache.clear()
        t0 = time.perf_counter()
        g = graph(base)
        timings["graph"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ttl = g.serialize(format="turtle", encoding="utf-8")
        timings["ttl"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        jsonld = g.serialize(format="json-ld", encoding="utf-8")
        timings["jsonld"].append(time.perf_counter() - t0)
    from yukemuri.opendata.catalog import cached_datasets

    return {"triples": len(g), "ttl_bytes": len(ttl), "jsonld_bytes": len(jsonld),
            "datasets": len(cached_datasets(base)), **{k: statistics.median(v) for k, v in timings.items()}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DATABASE_URL))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--refill", action="store_true", help="fill the data set again")
    parser.add_argument("--smoke", action="store_true", help="tiny and untimed: the test suite's check")
    args = parser.parse_args(argv)
    sizes = TINY if args.smoke else FULL
    ensure_database(args.database_url)
    setup_django(args.database_url, cache_table=True)
    prepare(args.database_url, sizes, refill=args.refill or args.smoke,
            facilities=50 if args.smoke else FACILITIES, events=20 if args.smoke else EVENTS)
    from yukemuri.ngsild.selectors import type_counts

    counts = type_counts()
    print("entities: " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    rows = measure(args.seconds, args.smoke)
    ceiling = rows[0][1]
    print("\n| query | per s | median ms | p95 ms | found | ratio to /healthz |\n|---|---|---|---|---|---|")
    for label, rate, median, p95, found in rows:
        print(f"| {label} | {rate:,.0f} | {median:.1f} | {p95:.1f} | {found} | {rate / ceiling:.1%} |")
    cat = catalogue(1 if args.smoke else args.builds)
    print(f"\ncatalogue: {cat['datasets']} datasets, {cat['triples']:,} triples; catalog.ttl {cat['ttl_bytes']:,} bytes, "
          f"catalog.jsonld {cat['jsonld_bytes']:,} bytes; build (median of {1 if args.smoke else args.builds}, cold): "
          f"graph {cat['graph'] * 1000:.0f} ms, Turtle {cat['ttl'] * 1000:.0f} ms, JSON-LD {cat['jsonld'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
