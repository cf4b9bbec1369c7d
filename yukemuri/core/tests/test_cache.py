"""The Redis cache several app servers share (core/cache.py), against a Redis of the test's own.

Its counters are atomic and the page cache's generation never goes back: not when servers bump at once,
not when the key is evicted, not when Redis restarts empty. The tests of the servers themselves, behind
nginx, are in tests/test_cluster.py."""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis

from yukemuri.core import pagecache
from yukemuri.core.cache import RedisCache

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def redis_url(tmp_path):
    """A Redis without persistence on a free port, for this test only (scripts/install-services.sh installs it)."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def shared(redis_url, settings):
    """Django's default cache on that Redis, as every app server of a cluster has it."""
    settings.CACHES = {"default": {"BACKEND": "yukemuri.core.cache.RedisCache", "LOCATION": redis_url}}
    from django.core.cache import cache

    yield cache
    cache.clear()


def test_incr_of_a_missing_key_fails_and_makes_nothing(redis_url):
    cache = RedisCache(redis_url, {})
    with pytest.raises(ValueError):
        cache.incr("gone")
    assert cache.get("gone") is None  # Django's own made the key again from nothing, with no expiry
    cache.add("counter", 1, 60)
    assert cache.incr("counter") == 2 and cache.incr("counter", 5) == 7 and cache.decr("counter", 2) == 5
    assert cache.get("counter") == 5
    assert 0 < redis.Redis.from_url(redis_url).ttl(cache.make_key("counter")) <= 60  # the expiry is kept


def test_increments_from_two_servers_at_once_are_all_counted(redis_url):
    cache = RedisCache(redis_url, {})
    cache.add("hits", 0, 60)

    def server():
        own = RedisCache(redis_url, {})  # each app server has its own connections
        for _ in range(200):
            own.incr("hits")

    threads = [threading.Thread(target=server) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("hits") == 400


def test_the_generation_never_goes_back(shared, redis_url):
    client = redis.Redis.from_url(redis_url)
    first = pagecache.generation()
    seconds, micro = client.time()
    assert abs(first - (seconds * 1_000_000 + micro)) < 5_000_000  # from Redis's clock, in microseconds
    pagecache.bump_now()
    second = pagecache.generation()
    assert second > first
    shared.delete(pagecache.GENERATION_KEY)  # evicted
    third = pagecache.generation()
    assert third > second
    client.flushall()  # Redis restarted empty
    assert pagecache.generation() > third
    shared.set(pagecache.GENERATION_KEY, 10**17)  # ahead of the clock: counts on from there
    pagecache.bump_now()
    assert pagecache.generation() == 10**17 + 1


def test_bumps_from_two_servers_at_once_each_give_a_new_generation(redis_url):
    seen: list[list[int]] = [[], []]

    def server(index):
        own = RedisCache(redis_url, {})
        for _ in range(200):
            seen[index].append(own.advance(pagecache.GENERATION_KEY))

    threads = [threading.Thread(target=server, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen[0] + seen[1])) == 400  # no two bumps gave one generation
    for values in seen:
        assert values == sorted(values)


def test_a_page_stored_before_a_bump_is_not_served_after_it(shared, client, gunma):
    first = client.get("/regions/")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/regions/")["X-Page-Cache"] == "hit"
    pagecache.bump_now()
    assert client.get("/regions/")["X-Page-Cache"] == "miss"
    shared.delete(pagecache.GENERATION_KEY)  # evicted: the generation made again is a new one
    assert client.get("/regions/")["X-Page-Cache"] == "miss"


def test_redis_settings_share_cache_and_sessions():
    """CACHE_URL=redis://… selects this backend, and sessions kept in the database as well as Redis (or the database
    cache); a cache of one process (locmem) never holds sessions: a sign-out in another process would not empty it."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "CACHE_URL", "SECRET_KEY"}}
    code = ("import json; from yukemuri import settings as s; "
            "print(json.dumps([s.CACHES['default']['BACKEND'], getattr(s, 'SESSION_ENGINE', 'db')]))")
    for url, expected in [("redis://127.0.0.1:6379/0", ["yukemuri.core.cache.RedisCache",
                                                        "django.contrib.sessions.backends.cached_db"]),
                          # The database cache is shared too: sessions read with the page (decision 0039).
                          ("db", ["django.core.cache.backends.db.DatabaseCache",
                                  "django.contrib.sessions.backends.cached_db"]),
                          ("locmem", ["django.core.cache.backends.locmem.LocMemCache", "db"])]:
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                             env=env | {"CACHE_URL": url, "SECRET_KEY": "x" * 50})
        assert json.loads(out.stdout) == expected, out.stderr
