"""Similar posts benchmark (似た投稿, issue 20): the time of one suggestion query — what the issue form asks as a
title and text are typed — over 10,000 published issues on PostgreSQL.

    .venv/bin/python bench/similar.py [--posts 10000] [--queries 50]
    .venv/bin/python bench/similar.py --smoke --database-url postgres://…/some_db   # what the test suite runs

The issues are written in bulk from bench/dataset.py's words (a problem, a place, a theme and three sentences,
from the same seed), with their folded search text as `Post.save` makes it. Each query is a new title and text
from the same words; it runs `core.similar.similar_to` as the form does (site/similar.py: tokenise, one idf
query, one scoring query returning at most 15 candidates, re-scored here). Prints the median and p95 in ms, with
the first query (which loads the Sudachi dictionary) apart. The issues table is emptied first: a run repeats.
--smoke (the test suite's run, untimed): 200 issues, 5 queries.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, setup_django  # noqa: E402
from bench.dataset import PLACES, PROBLEMS, SEED, SENTENCES, THEMES  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/yukemuri_bench_similar"


def text(rng) -> tuple[str, str]:
    title = f"{rng.choice(PLACES)}で{rng.choice(PROBLEMS)}（{rng.choice(THEMES)}）"
    return title, "".join(rng.sample(SENTENCES, 3))


def fill(posts: int) -> None:
    from django.contrib.auth import get_user_model

    from yukemuri.core.text import fold
    from yukemuri.issues.models import Issue
    from yukemuri.regions.models import Municipality

    Issue.objects.all().delete()
    author, _created = get_user_model().objects.get_or_create(email="similar-bench@bench.invalid",
                                                               defaults={"display_name": "bench"})
    places = list(Municipality.objects.select_related("prefecture"))
    rng = random.Random(SEED)
    batch = []
    for _n in range(posts):
        title, body = text(rng)
        place = rng.choice(places)
        batch.append(Issue(author=author, title=title, body=body, body_html=body, search_text=fold(f"{title}\n{body}"),
                           prefecture=place.prefecture, area_id=place.area_id, municipality=place,
                           support_count=rng.randint(0, 30)))
    Issue.objects.bulk_create(batch, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DATABASE_URL)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    posts, queries = (200, 5) if args.smoke else (args.posts, args.queries)
    ensure_database(args.database_url)
    setup_django(args.database_url)
    fill(posts)
    from yukemuri.core.similar import similar_to

    rng = random.Random(SEED + 1)
    started = time.perf_counter()
    similar_to(*text(rng), kinds=("issue",))
    first = time.perf_counter() - started
    times, found = [], 0
    for _n in range(queries):
        title, body = text(rng)
        started = time.perf_counter()
        found += len(similar_to(title, body, kinds=("issue",)))
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"similar posts: {posts:,} published issues, {queries} queries: median {statistics.median(times) * 1000:.1f} ms,"
          f" p95 {p95 * 1000:.1f} ms, {found / queries:.1f} suggestions a query "
          f"(first query, with the dictionary's load: {first * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
