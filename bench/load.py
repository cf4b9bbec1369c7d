"""Load with faults: 500 signed-in people for 10 minutes against two app servers, a PostgreSQL restart and a
task worker killed mid-task in the middle of it, then an audit of every write the site acknowledged.

    make bench-load            # or: .venv/bin/python bench/load.py [--users 500] [--duration 600]
    .venv/bin/python bench/load.py --smoke --source-url postgres://…/a_migrated_db   # what the test suite runs
    .venv/bin/python bench/load.py --no-replica      # every read on the primary
    LOAD_PORTS=5461,5462,8111,8112 .venv/bin/python bench/load.py …   # other ports (primary, replica, app servers)

What it does, in order:
1. Starts its own PostgreSQL cluster (initdb in a temporary directory, as the postgres user, on port 5451;
   never the shared server) and a streaming read replica of it on port 5453 (scripts/pg_pair.py's make_replica,
   as the tests' pair; --no-replica: none), and migrates a database in it (--source-url: copies a migrated
   database's schema with pg_dump instead, which is quicker).
2. Fills it with bench/dataset.py's data set at a size that loads in about a minute (5,000 people, 2,000
   ideas, 40,000 comments …), adds 20 events, a conversation with 40 statements, campaigns to pledge to (some
   with their deadline in the middle of the run, for the settlement) and one signed-in session per simulated
   person, written straight into the database (logging in through the form would meet the per-address limit).
3. Serves it with two gunicorn app servers (2 sync workers each: the machine has 2 cores) and two task
   workers (`manage.py run_worker`), and runs Locust headless (bench/locustfile.py) against both servers. The
   app servers have REPLICA_DATABASE_URL, as deployed: signed-in people's list and detail pages read the replica
   (docs/decisions/0013-read-replica.md), and `manage.py replica_lag --every 1` samples its lag meanwhile.
4. Faults: at 30% of the run PostgreSQL stops (pg_ctl stop -m fast), stays down a few seconds, and starts
   again; a prober records what the site answers meanwhile (a 503 page with Retry-After, never a 500) and when
   it answers again. At the campaigns' deadline one task worker is killed (SIGKILL) while it runs a task, and
   started again a few seconds later.
5. After the run: waits for the task queue to empty, stops the workers, runs the cron sweep
   (`manage.py settle_campaigns`) once as it would run 15 minutes later (the claims the killed worker left
   are aged by that much: an e-mail claim is taken up again only after notifications.mail.STALE_CLAIM), then
   the audit: every acknowledged comment, support, registration, vote and pledge is in the database exactly
   once; every pledge e-mail was sent exactly once (the e-mail backend of the run logs each message it is
   given); every campaign past its deadline was settled exactly once; the counters equal the rows.

Prints Locust's figures per page (requests, errors, p50, p95), the fault events with the errors and the
replica's lag around them, the replica's lag during the load (median, p95, max, samples, seconds down or cut off
from the primary, when it received again after the restart), and the audit; writes the raw results to
bench/results/load-DATE-USERSp/ (not committed; replica-lag.log holds the samples). Exits 1 when the audit fails
or a 500 was answered.

--smoke (the test suite's run, about a minute): 5 people for 15 s on the tiny data set, with the replica, one
PostgreSQL restart and one worker kill, the same audit.
"""

import argparse
import csv
import json
import math
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_PORT, REPLICA_PORT = 5451, 5453
APP_PORTS = (8101, 8102)
# The smoke run's own ports, so that the test suite can run it while a full run is going on.
SMOKE_PG_PORT, SMOKE_REPLICA_PORT, SMOKE_APP_PORTS = 5452, 5454, (8103, 8104)
DATABASE = "yk_load_bench"


class MailLog(BaseEmailBackend):
    """The run's e-mail backend (EMAIL_BACKEND=bench.load.MailLog): takes LOAD_MAIL_DELAY seconds per message,
    as a mail server does, then appends it to LOAD_MAIL_LOG — the audit counts what was really sent."""

    def send_messages(self, email_messages):
        path, delay = os.environ["LOAD_MAIL_LOG"], float(os.environ.get("LOAD_MAIL_DELAY", "0"))
        for message in email_messages:
            time.sleep(delay)
            line = json.dumps({"to": message.to, "subject": message.subject, "at": time.time(), "pid": os.getpid()},
                              ensure_ascii=False)
            with open(path, "a", encoding="utf-8") as log:
                log.write(line + "\n")
                log.flush()  # in the page cache: a SIGKILL after this loses nothing
        return len(email_messages)


# The data and the accounts: one Django process (each start costs seconds on a busy machine).
PREPARE = r"""
import json, os
from datetime import timedelta

import django
django.setup()
from django.core.management import call_command
from django.db import connection

import sys, time
began = time.time()
def lap(what):
    print(f"  {what}: {time.time() - began:.1f} s", file=sys.stderr, flush=True)
spec = json.loads(os.environ["LOAD_SPEC"])
if spec["migrate"]:
    call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("load_prefecture", "gunma", verbosity=0)
lap("tables")
# Collected once per version of the static files (whitenoise compresses each: minutes on 2 busy cores).
stamp = os.path.join(os.environ["YUKEMURI_VAR_DIR"], "static", ".collected-from")
if spec["static_key"] and (not os.path.exists(stamp) or open(stamp).read() != spec["static_key"]):  # None: given
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)
    with open(stamp, "w") as out:
        out.write(spec["static_key"])
lap("static files")

import psycopg
from bench.dataset import Sizes, fill
with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
    fill(conn, Sizes(**spec["sizes"]))
lap("data set")

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from yukemuri.demo.data import DEMO_PAYMENT
from yukemuri.events import services as events
from yukemuri.events.models import EventKind
from yukemuri.funding import services as funding
from yukemuri.ideas.models import Idea
from yukemuri.listening import services as listening
from yukemuri.people.models import User
from yukemuri.regions.models import Municipality

staff = User.objects.get(pk=1)  # the organiser of the events, conversation and campaigns
User.objects.filter(pk=1).update(is_superuser=True, is_staff=True, email_verified=True)
staff.refresh_from_db()
people = list(User.objects.filter(pk__gt=1).order_by("pk")[:spec["users"]])
User.objects.filter(pk__in=[p.pk for p in people]).update(email_verified=True)  # pledge e-mails go out
accounts = []
for n, person in enumerate(people):
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.set_expiry(2 * 24 * 3600)
    session.create()
    accounts.append({"id": person.pk, "email": person.email, "session": session.session_key,
                     "ip": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"})

lap("accounts")
now = timezone.now()
municipality = Municipality.objects.order_by("code").first()
kind, _ = EventKind.objects.get_or_create(slug="talk", defaults={"name": "トーク", "name_en": "Talk"})
event_ids = []
for n in range(spec["events"]):
    starts = now + timedelta(days=20 + n)
    event = events.event_create(
        by=staff, kind=kind, place={"municipality": municipality}, title=f"負荷試験のイベント {n + 1}",
        description="負荷試験のためのイベントです。", venue_name="官民共創スペース", address="前橋市大手町1-1-1",
        starts_at=starts, ends_at=starts + timedelta(hours=2),
        capacity=None if n % 2 else max(5, spec["users"] // 10))  # half of them fill up: the waiting list too
    event_ids.append(event.pk)

seeds = [f"負荷試験の意見その{n + 1}：地域の交通をもっと便利にしたい。" for n in range(spec["statements"])]
conversation = listening.conversation_create(by=staff, title="負荷試験の対話", question="地域の未来について",
                                             seeds=seeds, idea=Idea.objects.get(pk=1))
statements = list(conversation.statements.values_list("pk", flat=True))

campaigns = []
ideas = list(Idea.objects.order_by("pk").values_list("pk", flat=True)[1:1 + spec["campaigns"] + spec["settling"]])
for n, idea_id in enumerate(ideas):
    settling = n < spec["settling"]
    deadline = now + timedelta(seconds=spec["settle_after"] if settling else 30 * 24 * 3600)
    campaign = funding.campaign_create(
        idea=Idea.objects.get(pk=idea_id), by=staff, title=f"負荷試験の募集 {n + 1}", purpose="負荷試験のための募集です。",
        goal_yen=10**8, deadline=deadline, provider_name="offline", **DEMO_PAYMENT)
    campaigns.append({"id": campaign.pk, "deadline": deadline.timestamp(), "settling": settling})

# Pledges made before the load: their e-mails wait in the queue, so a worker is busy when the kill comes.
open_campaigns = [c for c in campaigns if not c["settling"]]
for n in range(spec["pledges_before"]):
    funding.pledge_create(campaign=funding.Campaign.objects.get(pk=open_campaigns[n % len(open_campaigns)]["id"]),
                          supporter=people[n % len(people)], amount_yen=500 + n)

print(json.dumps({"accounts": accounts, "events": event_ids, "conversation": conversation.pk,
                  "statements": statements, "campaigns": campaigns,
                  "ideas": list(range(2, spec["sizes"]["ideas"] + 1)), "big_idea": 1}))
"""

# After the run, as cron would run it 15 minutes later: claims of e-mails the killed worker was sending are
# older than STALE_CLAIM by then (aged here, rather than waiting), and the sweep sends what is still unsent.
SWEEP = r"""
import django
django.setup()
from django.core.management import call_command
from django.db.models import F
from yukemuri.notifications.mail import STALE_CLAIM
from yukemuri.notifications.models import Notification, OutgoingEmail

aged = OutgoingEmail.objects.filter(sent_at__isnull=True, claimed_at__isnull=False).update(
    claimed_at=F("claimed_at") - STALE_CLAIM)
Notification.objects.filter(emailed_at__isnull=True, email_claimed_at__isnull=False).update(
    email_claimed_at=F("email_claimed_at") - STALE_CLAIM)
print(f"aged {aged} e-mail claim(s) left unsent")
call_command("settle_campaigns")
"""


# The private PostgreSQL cluster -----------------------------------------------------------------------------------

class Cluster:
    """A PostgreSQL cluster of our own in `directory`, run as the postgres user when we are root: the primary, or
    (init_replica_of) its streaming read replica, made as scripts/pg_pair.py makes the tests' pair."""

    def __init__(self, directory: Path, port: int):
        from scripts import pg_pair

        self.dir, self.port, self.bin = directory, port, pg_pair.bindir()
        self.data, self.log = directory / "data", directory / "postgresql.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _ctl(self, *args, check=True):
        return subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), *args],
                              check=check, capture_output=True, text=True, timeout=120)

    def init(self):
        from scripts import pg_pair

        if self.as_user:
            shutil.chown(self.dir, "postgres")
        subprocess.run([*self.as_user, str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"],
                       check=True, capture_output=True, timeout=120)
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                       "max_connections = 200\nshared_buffers = 256MB\n" + "\n".join(pg_pair.REPLICATION_SETTINGS) + "\n")
        self.start()

    def init_replica_of(self, primary: "Cluster"):
        """This cluster as a streaming replica of `primary` (its settings copied by the base backup, its own
        port), started and streaming. It follows the primary through a restart by itself."""
        from scripts import pg_pair

        if self.as_user:
            shutil.chown(self.dir, "postgres")
        pg_pair.make_replica(primary.port, self.data, self.port, fsync_off=True)  # throwaway: no sync of the copy
        self.start()
        pg_pair.wait_streaming(primary.port)

    def caught_up_with(self, primary: "Cluster", timeout: float) -> float:
        """Wait until this replica has replayed everything the primary has written so far; returns the seconds
        it took (the fill streams to it while it runs: the load starts from a replica that is not behind)."""
        from scripts import pg_pair

        began = time.monotonic()
        target = pg_pair.query(primary.port, "SELECT pg_current_wal_lsn()")[0]
        while not pg_pair.query(self.port, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))[0]:
            if time.monotonic() - began > timeout:
                raise RuntimeError(f"the replica did not catch up with the primary within {timeout:.0f} s")
            time.sleep(0.2)
        return time.monotonic() - began

    def start(self):
        self._ctl("-l", str(self.log), "-w", "start")

    def stop(self, mode="fast"):
        self._ctl("-m", mode, "-w", "stop", check=False)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str):
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                         "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")

    def copy_schema(self, source_url: str, name: str):
        """The tables of an already migrated database (quicker than migrating: --source-url)."""
        dump = subprocess.run([str(self.bin / "pg_dump"), "--schema-only", "--no-owner", "--no-privileges",
                               source_url], check=True, capture_output=True, timeout=300).stdout
        subprocess.run([str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url(name)], input=dump,
                       check=True, capture_output=True, timeout=300)


# The site ---------------------------------------------------------------------------------------------------------

def static_key() -> str:
    """What the collected static files depend on: the app's static sources and the installed Django and whitenoise."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('django')} {version('whitenoise')}".encode())
    for path in sorted(ROOT.glob("yukemuri/*/static/**/*")):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()


def site_env(url: str, replica_url: str | None, var_dir: Path, mail_log: Path, mail_delay: float) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REPLICA_DATABASE_URL"}}
    if replica_url:  # as in production: list and detail pages read the replica (docs/decisions/0013-read-replica.md)
        env["REPLICA_DATABASE_URL"] = replica_url
    env.update(
        DJANGO_SETTINGS_MODULE="yukemuri.settings",
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),  # made for this run, never stored
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",  # plain HTTP on loopback
        # As deployed behind nginx: each person's own address for the per-address limits (registrations, votes).
        RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
        YUKEMURI_VAR_DIR=str(var_dir),
        CACHE_URL="db",
        CONN_MAX_AGE="600",
        LOG_LEVEL="ERROR",
        EMAIL_BACKEND="bench.load.MailLog",
        LOAD_MAIL_LOG=str(mail_log),
        LOAD_MAIL_DELAY=str(mail_delay),
        SITE_URL=f"http://127.0.0.1:{APP_PORTS[0]}",
        PYTHONPATH=str(ROOT),
    )
    return env


class Processes:
    """The app servers and task workers of the run; each started and stopped by its id."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs = env, logs
        self.servers: list[subprocess.Popen] = []
        self.workers: dict[str, subprocess.Popen] = {}

    def _spawn(self, cmd, log_name):
        log = (self.logs / log_name).open("ab")
        return subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def start_servers(self, workers_each: int):
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        for port in APP_PORTS:
            self.servers.append(self._spawn(
                [gunicorn, "yukemuri.wsgi", "-w", str(workers_each), "-b", f"127.0.0.1:{port}", "--timeout", "60",
                 "--log-level", "warning"], f"gunicorn-{port}.log"))
        for port in APP_PORTS:
            wait_for(f"http://127.0.0.1:{port}/healthz", 60)

    def start_worker(self, name: str, stale_after: int):
        self.workers[name] = self._spawn(
            [sys.executable, "manage.py", "run_worker", "--no-reload", "--worker-id", name, "--interval", "0.2",
             "--stale-after", str(stale_after), "--max-backoff", "2", "--no-startup-delay"], f"worker-{name}.log")

    def kill_worker(self, name: str):
        process = self.workers[name]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self):
        for process in [*self.workers.values(), *self.servers]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.workers.values(), *self.servers]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for(url: str, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


def probe(url: str, timeout: float = 30) -> tuple[int, dict, str]:
    """One anonymous request: (status, headers, body); status 0 when no answer came (in `timeout` seconds: under
    full load a request waits its turn behind the people's)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")
    except OSError:
        return 0, {}, ""


# Faults -----------------------------------------------------------------------------------------------------------

class Faults(threading.Thread):
    """The fault schedule, run beside the load: a PostgreSQL restart and a task worker killed mid-task."""

    def __init__(self, cluster, processes, db_url, start, *, restart_at, down_for, kill_at, stale_after):
        super().__init__(daemon=True)
        self.cluster, self.processes, self.db_url = cluster, processes, db_url
        self.start_time, self.down_for, self.stale_after = start, down_for, stale_after
        self.schedule = sorted([(restart_at, self.restart_database), (kill_at, self.kill_a_worker)],
                               key=lambda item: item[0])
        self.events: list[dict] = []
        self.probes: list[dict] = []
        self.error: BaseException | None = None

    def note(self, what, **data):
        self.events.append({"t": time.time(), "what": what, **data})
        print(f"  [{time.time() - self.start_time:6.1f} s] {what} {json.dumps(data, ensure_ascii=False) if data else ''}",
              flush=True)

    def run(self):
        try:
            for offset, action in self.schedule:
                time.sleep(max(0.0, self.start_time + offset - time.time()))
                action()
        except BaseException as exc:  # reported by the main thread: a fault that did not happen fails the run
            self.error = exc
            self.note("fault schedule failed", error=repr(exc))

    def restart_database(self):
        self.note("PostgreSQL stopping (pg_ctl stop -m fast)")
        self.cluster.stop("fast")
        self.note("PostgreSQL down")
        url = f"http://127.0.0.1:{APP_PORTS[0]}/ideas/"
        until = time.time() + self.down_for
        while time.time() < until:
            status, headers, body = probe(url)
            self.probes.append({"t": time.time(), "phase": "down", "status": status,
                                "retry_after": headers.get("Retry-After"), "clear_page": "<h1>" in body})
            time.sleep(0.25)
        self.cluster.start()
        self.note("PostgreSQL started again (pg_ctl start)")
        began = time.time()
        while time.time() - began < 120:
            answers = [probe(f"http://127.0.0.1:{port}/ideas/")[0] for port in APP_PORTS]
            self.probes.append({"t": time.time(), "phase": "recovering", "status": answers})
            if all(status == 200 for status in answers):
                self.note("both app servers answer 200 again", after_s=round(time.time() - began, 2))
                return
            time.sleep(0.25)
        raise RuntimeError("the site did not recover within 120 s of PostgreSQL starting again")

    def running_task(self):
        """(worker, task id, task path) of a task running now, or None."""
        import psycopg

        with psycopg.connect(self.db_url, autocommit=True) as conn:
            return conn.execute("SELECT worker_ids->>-1, id, task_path FROM django_tasks_database_dbtaskresult "
                                "WHERE status = 'RUNNING' LIMIT 1").fetchone()

    def kill_a_worker(self):
        deadline = time.time() + 60
        while (task := self.running_task()) is None and time.time() < deadline:
            time.sleep(0.02)
        if task is None or task[0] not in self.processes.workers:
            self.note("no task ran within 60 s: no worker killed")
            return
        worker = task[0]
        self.processes.kill_worker(worker)
        self.note(f"task worker {worker} killed (SIGKILL)", running=f"{task[2]} {task[1]}")
        time.sleep(3)
        self.processes.start_worker(worker, self.stale_after)
        self.note(f"task worker {worker} started again")


# The replica's lag ------------------------------------------------------------------------------------------------

class LagSampler(threading.Thread):
    """`manage.py replica_lag --every 1` beside the load, with the site's environment (the figure the app servers
    compare with REPLICA_MAX_LAG_SECONDS), each line it prints stamped with the time it arrived and kept in `log`.
    A sample is seconds, "down" (the replica does not answer) or "inf" (it answers but receives nothing from the
    primary: while the primary is stopped, and until the replica has reconnected)."""

    def __init__(self, env: dict, log: Path):
        super().__init__(daemon=True)
        self.log = log
        self.samples: list[dict] = []
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "replica_lag", "--every", "1"], cwd=ROOT,
            env={**env, "PYTHONUNBUFFERED": "1"},  # a line as soon as it is measured, not a pipe's buffer later
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def run(self):
        with self.log.open("a", encoding="utf-8") as out:
            for line in self.process.stdout:
                arrived, fields = time.time(), line.split()
                out.write(f"{arrived:.3f} {line}")
                out.flush()
                if len(fields) == 2 and (fields[1] in ("down", "inf") or is_number(fields[1])):
                    self.samples.append({"t": arrived, "lag": fields[1]})

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.join(timeout=10)


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def seconds(sample: dict) -> float | None:
    return None if sample["lag"] in ("down", "inf") else float(sample["lag"])


def lag_summary(samples: list[dict], start: float, end: float) -> dict:
    """The replica's lag between `start` and `end`: median, p95 (nearest rank) and max of the samples in seconds,
    and how long it was down or cut off (each such sample counts until the next one)."""
    within = [s for s in samples if start <= s["t"] <= end]
    figures = sorted(v for s in within if (v := seconds(s)) is not None)
    down = sum((within[n + 1]["t"] if n + 1 < len(within) else min(end, s["t"] + 1)) - s["t"]
               for n, s in enumerate(within) if seconds(s) is None)

    def rank(q):
        return figures[max(math.ceil(q * len(figures)) - 1, 0)] if figures else None

    return {"samples": len(within), "numeric": len(figures), "median_s": rank(0.5), "p95_s": rank(0.95),
            "max_s": figures[-1] if figures else None, "down_s": round(down, 1),
            "down_samples": sum(1 for s in within if s["lag"] == "down"),
            "not_receiving_samples": sum(1 for s in within if s["lag"] == "inf")}


def receiving_again(samples: list[dict], events: list[dict]) -> float | None:
    """Seconds from the primary's start after the restart to the replica's first lag figure (it receives again:
    its WAL receiver retries by itself, every wal_retrieve_retry_interval), or None."""
    started = next((e["t"] for e in events if e["what"].startswith("PostgreSQL started again")), None)
    first = next((s["t"] for s in samples if started is not None and s["t"] > started and seconds(s) is not None), None)
    return None if first is None else round(first - started, 1)


def lag_window(samples: list[dict]) -> str:
    """One window of the timeline: the highest lag and the samples without one."""
    figures = [v for s in samples if (v := seconds(s)) is not None]
    parts = [f"lag max {max(figures):.3f} s"] if figures else []
    parts += [f"{what} {n}" for what in ("down", "inf") if (n := sum(1 for s in samples if s["lag"] == what))]
    return "replica: " + (", ".join(parts) or "no sample")


# After the run ----------------------------------------------------------------------------------------------------

def drain(db_url: str, seconds: float, after: float) -> int:
    """Wait until the time `after` has passed and no task is due (ready or running); returns how many are still
    due at the end. (django-tasks-db marks a task without a time of its own with run_after 9999-01-01.)"""
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        with psycopg.connect(db_url, autocommit=True) as conn:
            due = conn.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN "
                               "('READY', 'RUNNING') AND (run_after <= now() OR run_after >= '9999-01-01')"
                               ).fetchone()[0]
        if (due == 0 and time.time() > after) or time.monotonic() > deadline:
            return due
        time.sleep(1)


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def audit(db_url: str, acks: list[dict], plan: dict, mail_log: list[dict]) -> dict:
    """Every acknowledged write exactly once; every pledge e-mail sent exactly once; every campaign past its
    deadline settled exactly once; counters equal to the rows. Returns the checks with their failures."""
    import psycopg

    acked = [a for a in acks if a["outcome"] == "acked"]
    by_kind = defaultdict(list)
    for ack in acked:
        by_kind[ack["kind"]].append(ack)
    checks: dict[str, dict] = {}

    def check(name, count, problems):
        checks[name] = {"checked": count, "failures": len(problems), "examples": problems[:5]}

    people = [a["id"] for a in plan["accounts"]]
    with psycopg.connect(db_url) as conn:
        q = conn.execute

        comments = Counter(dict(q("SELECT substring(body from '[0-9a-f]{32}$'), count(*) FROM ideas_comment "
                                  "WHERE author_id = ANY(%s) AND body LIKE '負荷試験のコメントです。%%' GROUP BY 1",
                                  [people]).fetchall()))
        check("comments: each acked marker exactly once", len(by_kind["comment"]),
              [a for a in by_kind["comment"] if comments.get(a["marker"], 0) != 1])

        supports = Counter(q("SELECT person_id, target_id FROM ideas_ideasupport WHERE person_id = ANY(%s)",
                             [people]).fetchall())
        check("supports: each acked support present, one per person and idea", len(by_kind["support"]),
              [a for a in by_kind["support"] if supports.get((a["person"], a["idea"]), 0) != 1])

        registrations = Counter(q("SELECT person_id, event_id FROM events_registration WHERE person_id = ANY(%s) "
                                  "AND status <> 'cancelled'", [people]).fetchall())
        check("registrations: one per person and event for each acked one", len(by_kind["registration"]),
              [a for a in by_kind["registration"] if registrations.get((a["person"], a["event"]), 0) != 1])
        check("registrations: none doubled", len(registrations), [k for k, n in registrations.items() if n > 1])

        votes = defaultdict(list)
        for person, statement, value in q(
                "SELECT p.person_id, v.statement_id, v.value FROM listening_vote v JOIN listening_participant p "
                "ON p.id = v.participant_id WHERE p.person_id = ANY(%s)", [people]).fetchall():
            votes[(person, statement)].append(value)
        check("votes: one per participant and statement, with the acked value", len(by_kind["vote"]),
              [a for a in by_kind["vote"] if votes.get((a["person"], a["statement"])) != [a["value"]]])

        pledges = defaultdict(list)
        for pk, supporter, campaign, amount, reference, status in q(
                "SELECT id, supporter_id, campaign_id, amount_yen, reference, status FROM funding_pledge "
                "WHERE supporter_id = ANY(%s)", [people]).fetchall():
            pledges[(supporter, campaign, amount)].append((pk, reference, status))
        check("pledges: each acked pledge exactly once", len(by_kind["pledge"]),
              [a for a in by_kind["pledge"] if len(pledges.get((a["person"], a["campaign"], a["amount"]), [])) != 1])

        # E-mails: every pledge's instructions sent exactly once (the backend's own log), and marked so.
        emails = {key: sent for key, sent in q("SELECT key, sent_at IS NOT NULL FROM notifications_outgoingemail "
                                               "WHERE key LIKE 'pledge-%%'").fetchall()}
        sent_subjects = Counter()
        for line in mail_log:
            sent_subjects.update({line["subject"]})
        all_pledges = [row for rows in pledges.values() for row in rows]
        problems = []
        for pk, reference, _status in all_pledges:
            times = sum(n for subject, n in sent_subjects.items() if reference in subject)
            if times != 1 or not emails.get(f"pledge-{pk}"):
                problems.append({"pledge": pk, "reference": reference, "sent": times,
                                 "marked_sent": emails.get(f"pledge-{pk}")})
        check("e-mails: each pledge's instructions sent exactly once", len(all_pledges), problems)

        # Settlements: each campaign past its deadline settled once (one settlement record, settled_at set),
        # each of its pledges released once, and its totals equal to its pledges.
        settling = [c["id"] for c in plan["campaigns"] if c["settling"]]
        problems = []
        for campaign in settling:
            status, settled_at, pledged, count = q(
                "SELECT status, settled_at, pledged_yen, pledge_count FROM funding_campaign WHERE id = %s",
                [campaign]).fetchone()
            records = q("SELECT count(*) FROM actions_action a JOIN django_content_type t ON t.id = a.target_type_id "
                        "WHERE t.app_label = 'funding' AND t.model = 'campaign' AND a.target_id = %s "
                        "AND a.verb = 'campaign.settled'", [campaign]).fetchone()[0]
            doubled = q("SELECT count(*) FROM (SELECT a.target_id FROM actions_action a JOIN django_content_type t "
                        "ON t.id = a.target_type_id WHERE t.app_label = 'funding' AND t.model = 'pledge' "
                        "AND a.data->>'reason' = 'settlement' AND a.target_id IN "
                        "(SELECT id FROM funding_pledge WHERE campaign_id = %s) GROUP BY 1 HAVING count(*) > 1) d",
                        [campaign]).fetchone()[0]
            left = q("SELECT count(*) FROM funding_pledge WHERE campaign_id = %s AND status IN ('pledged', 'confirmed')",
                     [campaign]).fetchone()[0]
            if status == "open" or settled_at is None or records != 1 or doubled or left or pledged or count:
                problems.append({"campaign": campaign, "status": status, "settlement_records": records,
                                 "pledges_released_twice": doubled, "pledges_left": left, "pledged_yen": pledged,
                                 "pledge_count": count})
        check("settlements: each campaign past its deadline settled exactly once", len(settling), problems)

        problems = [{"campaign": c, "pledged_yen": p, "rows": r, "pledge_count": n, "counted": k} for c, p, r, n, k in q(
            "SELECT c.id, c.pledged_yen, coalesce(sum(p.amount_yen) FILTER (WHERE p.status IN "
            "('pledged', 'confirmed', 'collected')), 0), c.pledge_count, count(p.id) FILTER (WHERE p.status IN "
            "('pledged', 'confirmed', 'collected')) FROM funding_campaign c LEFT JOIN funding_pledge p "
            "ON p.campaign_id = c.id GROUP BY c.id").fetchall() if p != r or n != k]
        problems += [{"idea": i, "support_count": s, "rows": r} for i, s, r in q(
            "SELECT i.id, i.support_count, (SELECT count(*) FROM ideas_ideasupport s WHERE s.target_id = i.id) "
            "FROM ideas_idea i").fetchall() if s != r]
        problems += [{"idea": i, "comment_count": s, "rows": r} for i, s, r in q(
            "SELECT i.id, i.comment_count, (SELECT count(*) FROM ideas_comment c WHERE c.idea_id = i.id "
            "AND c.visibility = 'published') FROM ideas_idea i").fetchall() if s != r]
        check("counters: supports, comments and pledge totals equal their rows", 3, problems)

        failed_writes = Counter(a["kind"] for a in acks if a["outcome"] == "failed")
        landed = sum(1 for a in acks if a["outcome"] == "failed" and a["kind"] == "comment"
                     and comments.get(a["marker"], 0))
    outcomes = {kind: dict(Counter(a["outcome"] for a in acks if a["kind"] == kind)) for kind in
                ("support", "comment", "registration", "vote", "pledge")}
    return {"checks": checks, "outcomes": outcomes, "failed_writes": dict(failed_writes),
            "failed_comments_that_landed": landed,
            "passed": all(c["failures"] == 0 for c in checks.values())}


# Reports ----------------------------------------------------------------------------------------------------------

def locust_table(stats_csv: Path) -> tuple[str, list[dict]]:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    lines = ["| page | requests | errors | error rate | p50 ms | p95 ms |", "|---|---:|---:|---:|---:|---:|"]
    for row in rows:
        name = "all" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}".strip()
        requests, failures = int(row["Request Count"]), int(row["Failure Count"])
        lines.append(f"| {name} | {requests} | {failures} | {failures / max(requests, 1):.2%} | "
                     f"{row['50%']} | {row['95%']} |")
    return "\n".join(lines), rows


def around(requests: list[dict], events: list[dict], start: float, before=10, after=30, step=5,
           lags: list[dict] | None = None) -> str:
    """Request outcomes in `step`-second windows around each fault event, and the replica's lag in each (`lags`:
    LagSampler's samples)."""
    lines = []
    for event in events:
        lines.append(f"\n{event['what']} at {event['t'] - start:.1f} s:")
        for lo in range(-before, after, step):
            window = [r for r in requests if event["t"] + lo <= r["t"] < event["t"] + lo + step]
            kinds = Counter("503" if r["status"] == 503 else "5xx" if r["status"] >= 500 else
                            "no answer" if r["status"] == 0 else "4xx" if r["status"] >= 400 else "ok" for r in window)
            lines.append(f"  {lo:+4d}…{lo + step:+d} s: {len(window):5d} requests  " +
                         "  ".join(f"{k} {v}" for k, v in sorted(kinds.items())) +
                         ("" if lags is None else "  | " + lag_window(
                             [s for s in lags if event["t"] + lo <= s["t"] < event["t"] + lo + step])))
    return "\n".join(lines)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "date": date.today().isoformat()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=500, help="simulated people (default 500)")
    parser.add_argument("--duration", type=int, default=600, help="seconds of load (default 600)")
    parser.add_argument("--workers-each", type=int, default=2, help="gunicorn workers per app server (default 2)")
    parser.add_argument("--source-url", help="a migrated PostgreSQL database to copy the tables from (else: migrate)")
    parser.add_argument("--no-faults", action="store_true", help="no restart, no kill: the load alone")
    parser.add_argument("--no-replica", action="store_true",
                        help="no streaming read replica: every read on the primary (the default has one, as deployed)")
    parser.add_argument("--ports", default=os.environ.get("LOAD_PORTS"),
                        help="PRIMARY,REPLICA,APP1,APP2: other ports than the default ones, e.g. to run beside another "
                             "run (default: $LOAD_PORTS, else 5451,5453,8101,8102; smoke 5452,5454,8103,8104)")
    parser.add_argument("--smoke", action="store_true", help="the test suite's run: 5 people, 15 s, tiny data")
    parser.add_argument("--static-root", type=Path,
                        help="static files collected already with the production settings, used instead of collecting "
                             "them (the test suite collects them once per session)")
    args = parser.parse_args(argv)
    global PG_PORT, REPLICA_PORT, APP_PORTS
    if args.smoke:
        args.users, args.duration, args.workers_each = 5, 15, 1
        PG_PORT, REPLICA_PORT, APP_PORTS = SMOKE_PG_PORT, SMOKE_REPLICA_PORT, SMOKE_APP_PORTS
    if args.ports:
        try:
            PG_PORT, REPLICA_PORT, *app_ports = (int(port) for port in args.ports.split(","))
        except ValueError:
            parser.error("--ports takes four port numbers: PRIMARY,REPLICA,APP1,APP2")
        if len(app_ports) != 2:
            parser.error("--ports takes four port numbers: PRIMARY,REPLICA,APP1,APP2")
        APP_PORTS = tuple(app_ports)
    from bench.dataset import TINY, Sizes

    sizes = TINY if args.smoke else Sizes(people=max(5000, args.users + 10), issues=2000, ideas=2000,
                                          comments=40000, big_thread=1000, idea_supports=60000, issue_supports=40000)
    sizes = Sizes(**{**sizes.__dict__, "people": max(sizes.people, args.users + 10)})
    stale_after = 5 if args.smoke else 20
    settle_after_load = 0.5 * args.duration
    results = ROOT / "bench" / "results" / f"load-{date.today().isoformat()}-{args.users}p"
    tmp = Path(tempfile.mkdtemp(prefix="yukemuri-load-"))
    logs = tmp / "logs" if args.smoke else results
    logs.mkdir(parents=True, exist_ok=True)
    for stale in ("acks.jsonl", "requests.jsonl", "mail.jsonl"):
        (logs / stale).unlink(missing_ok=True)
    os.chmod(tmp, 0o755)
    cluster = Cluster(tmp / "pg", PG_PORT)
    (tmp / "pg").mkdir()
    replica = None if args.no_replica else Cluster(tmp / "pg-replica", REPLICA_PORT)
    processes = sampler = served = None
    started = time.time()
    try:
        print(f"PostgreSQL: a private cluster on port {PG_PORT} in {tmp / 'pg'}", flush=True)
        cluster.init()
        # The replica before the database: copying a cluster that holds nothing yet takes a second or two (after
        # the tables, 15 s on this machine: the base backup's checkpoint and the replica's start). The tables and
        # the data stream to it, as a deployment's writes would.
        if replica:
            (tmp / "pg-replica").mkdir()
            began = time.time()
            replica.init_replica_of(cluster)
            print(f"read replica: streaming from the primary on port {REPLICA_PORT}, made in {time.time() - began:.1f} s",
                  flush=True)
        cluster.create_database(DATABASE)
        db_url = cluster.url(DATABASE)
        if args.source_url:
            cluster.copy_schema(args.source_url, DATABASE)
        # The collected static files are kept between runs (bench/results/, not committed); nothing else is there.
        var_dir = ROOT / "bench" / "results" / "load-var"
        if args.static_root:  # a folder of this run's own, its static files those given
            var_dir = tmp / "var"
            var_dir.mkdir()
            (var_dir / "static").symlink_to(args.static_root.resolve())
        env = site_env(db_url, replica.url(DATABASE) if replica else None, var_dir, logs / "mail.jsonl",
                       0.5 if args.smoke else 0.2)
        setup_margin = 15  # from the campaigns' making to the load's start: the app servers and workers starting
        spec = {"migrate": not args.source_url, "sizes": sizes.__dict__, "users": args.users, "events": 20,
                "statements": 40, "campaigns": 5, "settling": 3, "pledges_before": 30 if args.smoke else 100,
                "settle_after": setup_margin + settle_after_load, "static_key": None if args.static_root else static_key()}
        began = time.time()
        prepared = subprocess.run([sys.executable, "-c", PREPARE], cwd=ROOT, env={**env, "LOAD_SPEC": json.dumps(spec)},
                                  check=True, stdout=subprocess.PIPE, text=True, timeout=1800)
        plan = json.loads(prepared.stdout.strip().splitlines()[-1])
        print(f"data and {len(plan['accounts'])} signed-in accounts ready in {time.time() - began:.0f} s "
              f"({sizes.people} people, {sizes.ideas} ideas, {sizes.comments} comments, "
              f"{sizes.idea_supports + sizes.issue_supports} supports)", flush=True)
        plan.update(hosts=[f"http://127.0.0.1:{port}" for port in APP_PORTS],
                    think_seconds=[1, 3] if args.smoke else [5, 15], each_write_first=args.smoke)
        (logs / "plan.json").write_text(json.dumps(plan))

        if replica:
            print(f"replica caught up with the data in {replica.caught_up_with(cluster, 600):.1f} s", flush=True)
            (logs / "replica-lag.log").unlink(missing_ok=True)
            sampler = LagSampler(env, logs / "replica-lag.log")  # started now: its Django start overlaps the servers'
            sampler.start()
        processes = Processes(env, logs)
        processes.start_servers(args.workers_each)
        for name in ("load-a", "load-b"):
            processes.start_worker(name, stale_after)
        print(f"two app servers (gunicorn, {args.workers_each} sync workers each, ports {APP_PORTS}) and two task "
              f"workers on {os.cpu_count()} cores" + (f", reading the replica (port {REPLICA_PORT})" if replica else "")
              + f"; Locust: {args.users} people for {args.duration} s", flush=True)

        settle_deadline = min(c["deadline"] for c in plan["campaigns"] if c["settling"])
        load_start = time.time()
        faults = None
        if not args.no_faults:
            # The kill at the campaigns' deadline (settlements and pledge e-mails running); in the smoke run
            # early, while the e-mails of the pledges made beforehand are being sent.
            kill_at = 2 if args.smoke else max(settle_deadline - load_start, 0.5 * args.duration)
            faults = Faults(cluster, processes, db_url, load_start, restart_at=0.4 * args.duration if args.smoke
                            else 0.3 * args.duration, down_for=3 if args.smoke else 10, kill_at=kill_at,
                            stale_after=stale_after)
            faults.start()
        spawn_rate = args.users if args.smoke else max(1, args.users // 30)
        locust = subprocess.run(
            [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", str(spawn_rate), "--run-time", f"{args.duration}s",
             "--stop-timeout", "10", "--csv", str(logs / "locust"), "--only-summary", "--loglevel", "WARNING",
             "--host", plan["hosts"][0]],
            cwd=ROOT, env={**os.environ, "LOAD_PLAN": str(logs / "plan.json"), "LOAD_LOG_DIR": str(logs)},
            capture_output=True, text=True, timeout=args.duration + 300)
        (logs / "locust.out").write_text(locust.stdout + locust.stderr)
        if faults:
            faults.join(timeout=180)
        load_end = time.time()
        due = drain(db_url, 120 if args.smoke else 600, after=settle_deadline + 2)
        processes.stop()
        if replica:  # what the replica served: the app servers' reads (and the sampler's query each second)
            from scripts import pg_pair

            served = pg_pair.query(replica.port, "SELECT xact_commit, tup_fetched FROM pg_stat_database "
                                                 "WHERE datname = %s", (DATABASE,))
            sampler.stop()  # sampled until now: the timeline after a late fault shows the replica reconnecting
        sweep = subprocess.run([sys.executable, "-c", SWEEP], cwd=ROOT, env=env, check=True, capture_output=True,
                               text=True, timeout=600).stdout.strip()
        acks, requests = read_jsonl(logs / "acks.jsonl"), read_jsonl(logs / "requests.jsonl")
        mail_log = read_jsonl(logs / "mail.jsonl")
        report = audit(db_url, acks, plan, mail_log)
    finally:
        if sampler is not None:
            sampler.stop()
        if processes is not None:
            processes.stop()
        if replica is not None:  # first: it would only retry the primary meanwhile
            replica.stop("fast")
        cluster.stop("fast")

    table, rows = locust_table(logs / "locust_stats.csv") if (logs / "locust_stats.csv").exists() else ("", [])
    statuses = Counter(r["status"] for r in requests)
    five_hundreds = sum(n for s, n in statuses.items() if s >= 500 and s != 503)
    print(f"\nmachine: {json.dumps(machine(), ensure_ascii=False)}")
    print(f"load: {args.users} people, {load_end - load_start:.0f} s, {len(requests)} requests "
          f"({len(requests) / max(load_end - load_start, 1):.1f}/s); statuses: "
          + ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(statuses.items())))
    print(f"\nper page (Locust; an error is a 5xx, a 4xx or no answer):\n{table}")
    fault_events, fault_ok = [], True
    if faults:
        fault_events = faults.events
        down = [p for p in faults.probes if p["phase"] == "down"]
        print("\nfault events (seconds from the start of the load):")
        for event in fault_events:
            print(f"  {event['t'] - load_start:7.1f} s  {event['what']}"
                  + (f"  ({', '.join(f'{k}: {v}' for k, v in event.items() if k not in ('t', 'what'))})"
                     if len(event) > 2 else ""))
        answers = Counter((p["status"], p["retry_after"], p["clear_page"]) for p in down)
        print("  while PostgreSQL was down, the prober got: " + "; ".join(
            f"{n}× {s} (Retry-After {r}, page with a heading: {c})" for (s, r, c), n in answers.items()))
        print(around(requests, fault_events, load_start, lags=sampler.samples if sampler else None))
        # While it is down: 503 pages with Retry-After (a probe stuck behind the load's requests may get no answer
        # in time), never anything else; then both servers answer again by themselves, and a worker was killed.
        fault_ok = (faults.error is None
                    and any(p["status"] == 503 and p["retry_after"] and p["clear_page"] for p in down)
                    and all((p["status"] == 503 and p["retry_after"]) or p["status"] == 0 for p in down)
                    and any(e["what"].startswith("both app servers") for e in fault_events)
                    and any("killed" in e["what"] for e in fault_events))
    lag = None
    if sampler:
        lag = lag_summary(sampler.samples, load_start, load_end)

        def shown(value):
            return "n/a" if value is None else f"{value:.3f}"

        print(f"\nreplica lag during the load (manage.py replica_lag every 1 s): {lag['samples']} samples "
              f"({lag['numeric']} numeric), median {shown(lag['median_s'])} s, p95 {shown(lag['p95_s'])} s, "
              f"max {shown(lag['max_s'])} s; down {lag['down_s']:.1f} s ({lag['down_samples']} samples without an "
              f"answer, {lag['not_receiving_samples']} cut off from the primary)")
        if faults:
            lag["receiving_again_after_restart_s"] = again = receiving_again(sampler.samples, fault_events)
            print(f"the replica received from the primary again {'(never)' if again is None else f'{again:.1f} s'} "
                  "after the primary started again")
        if served:
            lag["served"] = {"transactions": served[0], "rows_fetched": served[1]}
            print(f"the replica served {served[0]} transactions and fetched {served[1]} rows (the app servers' reads "
                  f"and the sampler's {len(sampler.samples)} queries)")
    else:
        print("\nno read replica (--no-replica): every read on the primary")
    print(f"\ntasks still due after the drain: {due}; sweep: {sweep.splitlines()[-1] if sweep else ''} "
          f"({sweep.splitlines()[0] if sweep else ''})")
    print(f"e-mails the backend took: {len(mail_log)}")
    print("\naudit of acknowledged writes (outcomes per kind: acked / refused 4xx / failed 5xx or no answer):")
    for kind, counts in report["outcomes"].items():
        print(f"  {kind:13} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"  failed comments that landed anyway (allowed: nothing was promised): {report['failed_comments_that_landed']}")
    for name, result in report["checks"].items():
        verdict = "ok" if result["failures"] == 0 else f"FAILED ({result['failures']}: {result['examples']})"
        print(f"  {name}: {result['checked']} checked, {verdict}")
    passed = report["passed"] and fault_ok and five_hundreds == 0 and due == 0
    print(f"\nAUDIT {'PASSED' if report['passed'] else 'FAILED'}; faults {'as expected' if fault_ok else 'NOT as expected'}; "
          f"500s: {five_hundreds}; result: {'PASS' if passed else 'FAIL'}")
    if not args.smoke:
        (results / "summary.json").write_text(json.dumps({
            "machine": machine(), "users": args.users, "duration_s": args.duration, "requests": len(requests),
            "statuses": {str(k): v for k, v in statuses.items()}, "pages": rows, "faults": fault_events,
            "probes": faults.probes if faults else [], "replica_lag": lag,
            "replica_lag_samples": sampler.samples if sampler else [], "audit": report, "passed": passed,
            "started": started}, indent=2, ensure_ascii=False, default=str))
        print(f"raw results in {results.relative_to(ROOT)}/")
    if passed or not args.smoke:  # a full run's logs are in bench/results/
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        shutil.rmtree(tmp / "pg", ignore_errors=True)
        print(f"logs of the run kept in {logs}")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
