"""CPU time per request of the benchmarked pages, measured in one process (no wrk, no gunicorn).

    .venv/bin/python bench/profile_pages.py --database-url postgres://…/yukemuri_bench [--requests 200]
    .venv/bin/python bench/profile_pages.py --database-url … --profile "idea detail" --signed-in

On a machine shared with other work, wrk's figures swing by a factor of two from one run to the next; the CPU a
request costs in the Python process, and the queries it makes, do not. This drives Django's test client against
the database `bench/pages.py` filled (run that first, once), with the production settings and the page cache
on, and prints for each page — anonymous and signed in (people 1–50 of the data set, each request from the next
person, as the signed-in pass does) — the CPU milliseconds per request (process time: PostgreSQL's own time is
not in it), the wall milliseconds one at a time, and the queries per request. `--profile PAGE` prints cProfile's
top functions for that page instead. Reads only: it signs the people in once (sessions written before the
timing starts).
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEOPLE = 50


def setup(url: str):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="yukemuri.settings", DATABASE_URL=url, DEBUG="0", SECRET_KEY="profile-pages-" + "x" * 50,
        ALLOWED_HOSTS="testserver,127.0.0.1", SECURE_SSL_REDIRECT="0", PAGE_CACHE_SECONDS="300", CACHE_URL="db",
        CONN_MAX_AGE="600", LOG_LEVEL="ERROR", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
    )
    # Outside the clone's var/ (production settings collect static files there), kept between runs for speed.
    os.environ.setdefault("YUKEMURI_VAR_DIR", os.path.join(tempfile.gettempdir(), "yukemuri-profile-pages"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():  # production settings: hashed names
        call_command("collectstatic", interactive=False, verbosity=0)


def pages(conversation_id) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM ideas_idea ORDER BY comment_count DESC LIMIT 1")
        big = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM ideas_idea ORDER BY comment_count BETWEEN 15 AND 25 DESC, id LIMIT 1")
        ordinary = cursor.fetchone()[0]  # one with 15–25 comments; in the smoke data set, any
    found = {
        "/healthz": "/healthz", "/ideas/": "/ideas/", "idea detail": f"/ideas/{ordinary}/",
        "idea with 1,000 comments": f"/ideas/{big}/", "/issues/?municipality=102083": "/issues/?municipality=102083",
        "/api/v1/ideas": "/api/v1/ideas", "/events/": "/events/", "/me/": "/me/",
    }
    if conversation_id:
        found["a conversation"] = f"/listening/{conversation_id}/"
    return found


def sessions(people: int) -> list:
    """The session cookie of each person (one test client serves them all: a client builds its middleware)."""
    from django.conf import settings
    from django.test import Client

    from yukemuri.people.models import User

    made = []
    for person in User.objects.filter(pk__in=range(1, people + 1)).order_by("pk"):
        client = Client()
        client.force_login(person)
        made.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return made


def reader(client, keys):
    """get(i, path): request i as the next person (or anonymous when keys is empty); only the session cookie."""
    from django.conf import settings

    def get(i, path):
        client.cookies.clear()
        if keys:
            client.cookies[settings.SESSION_COOKIE_NAME] = keys[i % len(keys)]
        return client.get(path, HTTP_ACCEPT_LANGUAGE="ja")

    return get


def timed(path: str, get, n: int, profile: bool = False):
    """CPU and wall ms per request over n requests, then the queries per request (counted apart: counting costs)."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    for i in range(PEOPLE):  # warm: the page cache, the prepared statements, the people's kept state
        response = get(i, path)
        assert response.status_code == 200, (path, response.status_code)
    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU time: waits on PostgreSQL left out
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for i in range(n):
        get(i, path)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    with CaptureQueriesContext(connections["default"]) as queries:
        for i in range(PEOPLE):
            get(i, path)
    return cpu / n * 1000, wall / n * 1000, len(queries) / PEOPLE, profiler


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=200, help="requests per page and kind of reader")
    parser.add_argument("--profile", help="a page's name: print cProfile's top functions for it")
    parser.add_argument("--signed-in", action="store_true", help="with --profile: the signed-in reader")
    parser.add_argument("--only", help="comma-separated page names")
    args = parser.parse_args(argv)
    setup(args.database_url)
    from django.test import Client

    from yukemuri.listening.models import Conversation

    conversation = Conversation.objects.filter(title="ベンチの対話").values_list("pk", flat=True).first()
    targets = pages(conversation)
    client = Client()
    signed_in, anonymous = reader(client, sessions(PEOPLE)), reader(client, [])
    if args.profile:
        _, _, _, profiler = timed(targets[args.profile], signed_in if args.signed_in else anonymous, args.requests,
                                  profile=True)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return 0
    only = set(args.only.split(",")) if args.only else None
    print(f"{'page':32} {'anonymous: cpu ms  wall ms  queries':>38} {'signed in: cpu ms  wall ms  queries':>38}")
    for name, path in targets.items():
        if only and name not in only:
            continue
        row = []
        for readers in (anonymous, signed_in):
            if name == "/me/" and readers == anonymous:
                row.append(f"{'—':>38}")
                continue
            cpu, wall, queries, _ = timed(path, readers, args.requests)
            row.append(f"{cpu:19.2f} {wall:8.2f} {queries:8.1f}")
        print(f"{name:32} {row[0]:>38} {row[1]:>38}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
