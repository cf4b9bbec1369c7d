"""Several app servers behind nginx, sharing PostgreSQL and Redis (scripts/cluster.py, docs/deploy.md).

One cluster for the whole module — Redis, two gunicorn app servers A and B, nginx in front, two task
workers — runs against the test database, which this module uses in autocommit (what a test writes, the
servers see at once) and empties once at its end. Each test writes through one server and reads through the other
and through nginx, as a person would when the proxy sends their next request elsewhere. PostgreSQL only:
the SQLite pass leaves these tests out (`-m "not postgresql"` in the Makefile).
"""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from yukemuri.people.tests.factories import PASSWORD, PersonFactory

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.postgresql
# Every server's own settings, not the test process's (settings_test sets these in os.environ).
NOT_PASSED_ON = {"DJANGO_SETTINGS_MODULE", "CACHE_URL", "TASKS_BACKEND", "SECRET_KEY", "DATABASE_URL",
                 "DJANGO_ALLOW_ASYNC_UNSAFE"}
RATE_SUPPORT = 6  # per hour, in the cluster: small enough to reach in a test


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@pytest.fixture(scope="module")
def committed(django_db_setup, django_db_blocker):
    """The test database without a transaction around each test, emptied once after the module (as a
    transactional test empties it after itself, but once rather than per test)."""
    from django.db import connection

    from yukemuri.core.testing import flush_test_database

    if connection.vendor != "postgresql":  # before anything touches a database: on SQLite this is no test database
        pytest.fail("several app servers share a PostgreSQL database: run these tests with DATABASE_URL=postgres://…")
    with django_db_blocker.unblock():
        yield
        flush_test_database()


@pytest.fixture(scope="module")
def cluster(committed, tmp_path_factory, collected_static):
    from django.db import connection

    settings = connection.settings_dict
    auth = quote(settings["USER"] or "", safe="") + (":" + quote(settings["PASSWORD"], safe="") if settings["PASSWORD"] else "")
    database_url = f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    nginx, app_a, app_b, redis_port = free_ports(4)
    folder = tmp_path_factory.mktemp("cluster")
    (folder / "var").mkdir()
    (folder / "var" / "static").symlink_to(collected_static)  # the session's, collected once (conftest.py)
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    env["RATE_SUPPORT"] = f"{RATE_SUPPORT}/h"
    common = ["--dir", str(folder), "--port", str(nginx)]
    started = subprocess.run(
        [sys.executable, "scripts/cluster.py", "start", *common, "--app-ports", f"{app_a},{app_b}",
         "--redis-port", str(redis_port), "--database-url", database_url, "--gunicorn-workers", "1",
         "--worker-interval", "0.1", "--no-collectstatic"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert started.returncode == 0, started.stderr
    state = json.loads(started.stdout)
    try:
        status = subprocess.run([sys.executable, "scripts/cluster.py", "status", *common], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert status.returncode == 0, status.stdout
        yield state
    finally:
        subprocess.run([sys.executable, "scripts/cluster.py", "stop", *common], cwd=ROOT, env=env, timeout=60,
                       check=False)
    assert not folder.exists()


@pytest.fixture
def servers(cluster):
    """A, B and nginx, with an empty Redis."""
    redis.Redis.from_url(cluster["cache_url"]).flushall()
    return cluster["urls"]["app1"], cluster["urls"]["app2"], cluster["urls"]["nginx"]


@pytest.fixture(scope="module")
def idea(committed):
    from yukemuri.ideas.services import idea_create
    from yukemuri.regions.loader import load_region_folder
    from yukemuri.regions.models import Municipality

    load_region_folder(ROOT / "yukemuri" / "regions" / "data" / "gunma")
    return idea_create(author=PersonFactory(), title="源泉の共同管理", body="温泉街の源泉を地域で管理する。",
                       place={"municipality": Municipality.objects.get(code="102083")})


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, text: str):
        self.status, self.headers, self.text = status, headers, text


class Browser:
    """A client keeping cookies by name, as a browser does for one host on any port (127.0.0.1 here)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, data: dict | None = None) -> Response:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers)
        raw = conn.getresponse()
        response = Response(raw.status, raw.headers, raw.read().decode("utf-8", "replace"))
        conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def post_form(self, page_url: str, url: str, data: dict) -> Response:
        """POST `data` to `url` with the CSRF token of the form on `page_url`."""
        page = self.get(page_url)
        assert page.status == 200, page.status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", url, {"csrfmiddlewaretoken": token, **data})

    def sign_in(self, server: str, person) -> None:
        response = self.post_form(f"{server}/accounts/login/", f"{server}/accounts/login/",
                                  {"username": person.email, "password": PASSWORD})
        assert response.status == 302, response.text[:2000]
        assert "sessionid" in self.cookies


@pytest.fixture
def member(committed):
    """A person whose password the cluster can check: the test settings hash with MD5, the cluster with the
    production hashers (a PBKDF2 hash of few rounds, made stronger by the cluster at the first sign-in)."""
    person = PersonFactory()
    person.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    person.save(update_fields=["password"])
    return person


def test_a_write_through_one_server_is_seen_through_the_other_and_nginx_even_from_the_page_cache(
        servers, member, idea):
    a, b, proxy = servers
    page = f"/ideas/{idea.pk}/"
    anonymous = Browser()
    first = anonymous.get(proxy + page)
    assert first.status == 200 and first.headers["X-Page-Cache"] == "miss"
    # One page cache for every server: what nginx had rendered by A or B, B serves from Redis.
    assert anonymous.get(b + page).headers["X-Page-Cache"] == "hit"
    assert anonymous.get(a + page).headers["X-Page-Cache"] == "hit"

    person = Browser()
    person.sign_in(a, member)
    words = f"源泉を共同で管理する案 {uuid.uuid4().hex[:8]}"
    posted = person.post_form(a + page, f"{a}/ideas/{idea.pk}/comments/", {"body": words})
    assert posted.status == 302, posted.text[:2000]

    assert words in person.get(b + page).text
    after = anonymous.get(b + page)
    assert after.status == 200 and words in after.text and after.headers["X-Page-Cache"] == "miss"
    for server in (proxy, a):
        seen = anonymous.get(server + page)
        assert words in seen.text and seen.headers["X-Page-Cache"] == "hit"


def test_a_session_made_on_one_server_is_valid_on_the_other_and_outlives_losing_redis(servers, member, cluster):
    a, b, proxy = servers
    person = Browser()
    person.sign_in(a, member)
    for server in (b, proxy):
        me = person.get(f"{server}/me/")
        assert me.status == 200 and member.display_name in me.text

    redis.Redis.from_url(cluster["cache_url"]).flushall()  # Redis restarted empty: sessions are in PostgreSQL too
    me = person.get(f"{b}/me/")
    assert me.status == 200 and member.display_name in me.text

    old_cookie = person.cookies["sessionid"]
    signed_out = person.post_form(f"{b}/me/", f"{b}/accounts/logout/", {})
    assert signed_out.status == 302
    person.cookies["sessionid"] = old_cookie  # signing out on B ends the session on A too, cookie or not
    assert person.get(f"{a}/me/").status == 302


def test_rate_limits_count_across_both_servers(servers, member, idea):
    a, b, proxy = servers
    person = Browser()
    person.sign_in(a, member)
    page = f"/ideas/{idea.pk}/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', person.get(a + page).text).group(1)
    answers = []
    for turn in range(RATE_SUPPORT + 1):
        server = (a, b, proxy)[turn % 3]
        response = person.request("POST", f"{server}/ideas/{idea.pk}/support/",
                                  {"csrfmiddlewaretoken": token, "supported": "1" if turn % 2 == 0 else "0"})
        answers.append(response.status)
    # Counted per person in Redis: each server alone would have allowed RATE_SUPPORT.
    assert answers == [302] * RATE_SUPPORT + [429], answers


def test_two_task_workers_on_one_queue_never_run_a_task_twice(servers, tmp_path, settings):
    from django_tasks_db.models import DBTaskResult

    from tests.cluster_tasks import record_run

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    log = tmp_path / "runs.log"
    log.touch()
    log.chmod(0o666)
    count = 30
    results = [record_run.enqueue(str(log), number, 0.05) for number in range(count)]
    deadline = time.monotonic() + 45
    while DBTaskResult.objects.filter(pk__in=[r.id for r in results], status="SUCCESSFUL").count() < count:
        assert time.monotonic() < deadline, list(DBTaskResult.objects.values_list("status", flat=True))
        time.sleep(0.2)
    runs = [line.split() for line in log.read_text().splitlines()]
    assert sorted(int(number) for number, _ in runs) == list(range(count))  # each exactly once
    workers = {worker for ids in DBTaskResult.objects.filter(pk__in=[r.id for r in results])
               .values_list("worker_ids", flat=True) for worker in ids}
    assert len(workers) == 2, workers  # both took tasks from the one queue
    assert len({pid for _, pid in runs}) == 2


def test_nginx_passes_large_answers_and_bodies_whole(servers, cluster):
    """Larger than nginx's memory buffers, so kept a moment in its folder of buffers, which its workers
    (nobody, when started by root) must be able to write."""
    proxy = servers[2]
    static = Path(cluster["dir"]) / "var" / "static"
    big = next(path for path in sorted(static.rglob("*.js")) if path.stat().st_size > 150_000)
    parts = urlsplit(proxy)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", "/static/" + big.relative_to(static).as_posix())
    answer = conn.getresponse()
    assert answer.status == 200 and answer.read() == big.read_bytes()
    conn.close()
    person = Browser()
    refused = person.post_form(f"{proxy}/accounts/login/", f"{proxy}/accounts/login/",
                               {"username": "x" * 200_000, "password": "wrong"})
    assert refused.status == 200 and 'name="username"' in refused.text  # the form again, from an app server
