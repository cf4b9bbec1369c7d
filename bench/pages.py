"""Page benchmark: the main pages under load, as ratios of a bare /healthz measured in the same run.

    make bench-pages            # or: .venv/bin/python bench/pages.py [--duration 30] [--connections 50]
    .venv/bin/python bench/pages.py --smoke --database-url postgres://…/some_db   # what the test suite runs

Fills the PostgreSQL database `yukemuri_bench` (once; --refill to redo) with 100,000 people,
10,000 issues and 10,000 ideas, 200,000 comments (one idea with exactly 1,000) and 1,000,000 supports,
serves it with gunicorn (2 sync workers, production settings) and drives each page with wrk from a
second process. Three passes: anonymous as deployed (pages from the page cache), signed in as deployed
(each connection its own signed-in person, with supports, follows, a registration and votes of their own;
wrk sends each request with one of the people's session cookies, see SIGNED_IN_LUA) and anonymous with the
page cache off (every request rendered). Prints requests/s, p50, p95 and the ratio to /healthz of the same
pass, and the anonymous and signed-in ratios side by side.

--smoke (the test suite's run, untimed: it checks that the benchmark still works): a tiny data set (300
people; refilled every time, so that a column the fill does not know fails here first), a second per page
from a small Python load driver instead of wrk, the anonymous and signed-in passes with the page cache on
(two people), nothing written to bench/results.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, server_and_name  # noqa: E402
from bench.dataset import FULL, TINY, fill, is_filled  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/yukemuri_bench"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT {\\"requests\\":%d,\\"duration_us\\":%d,\\"status_errors\\":%d,\\"socket_errors\\":%d,"
    .. "\\"p50_us\\":%d,\\"p95_us\\":%d,\\"p99_us\\":%d}\\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


PREPARE = """
import os
import django
from django.core.management import call_command
django.setup()
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("load_prefecture", "gunma")
if not os.environ.get("BENCH_STATIC_COLLECTED"):  # --static-root: linked there already
    call_command("collectstatic", interactive=False, verbosity=0)
"""


# Run after the fill: a few events and a conversation (the data set has none), then each signed-in person
# of the bench gets state of their own through the services (supports, a follow, a registration, votes) and
# a session, whose key is printed. Idempotent: the events and the conversation are made once.
SIGNED_IN = """
import json, sys
from datetime import timedelta
import django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from yukemuri.events import services as events
from yukemuri.events.kinds import ensure_kinds
from yukemuri.events.models import Event, EventKind
from yukemuri.ideas import services as ideas
from yukemuri.ideas.models import Idea
from yukemuri.listening import services as listening
from yukemuri.listening.models import Conversation
from yukemuri.people.models import Role, User
from yukemuri.people.services import role_assign
from yukemuri.regions.models import Municipality

people, idea_ids = int(sys.argv[1]), [int(i) for i in sys.argv[2].split(",")]
organiser, made = User.objects.get_or_create(email="organiser@bench.example.jp", defaults={
    "display_name": "ベンチ主催者", "password": "!unusable-benchmark-password"})
if made:
    role_assign(person=organiser, role=Role.COORDINATOR)
if not Event.objects.exists():
    ensure_kinds()  # a data migration's rows: a database flushed since (the test suite's) has lost them
    kind = EventKind.objects.get(slug="workshop")
    towns = list(Municipality.objects.order_by("code")[:35])
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for i in range(60):
        at = start + timedelta(days=1 + i, hours=i % 5)
        events.event_create(by=organiser, kind=kind, place={"municipality": towns[i % len(towns)]},
                            title=f"未来共創ワークショップ 第{i + 1}回", venue_name="公民館 大会議室",
                            starts_at=at, ends_at=at + timedelta(hours=2), capacity=10_000)
conversation = Conversation.objects.filter(title="ベンチの対話").first()
if conversation is None:
    conversation = listening.conversation_create(
        by=organiser, title="ベンチの対話", question="地域の交通について、どう思いますか？",
        seeds=[f"意見その{i + 1}：バスの本数をもっと増やしてほしい。" for i in range(40)])
first_event = Event.objects.order_by("starts_at").first()
Session.objects.all().delete()
keys = []
for person in User.objects.filter(pk__in=range(1, people + 1)).order_by("pk"):
    # Half of them support and follow the benchmarked ideas, the others not: pages differ from person to person.
    for idea in Idea.objects.filter(pk__in=idea_ids):
        ideas.idea_support(idea=idea, person=person, supported=person.pk % 2 == 0)
        ideas.idea_follow(idea=idea, person=person, following=person.pk % 2 == 0)
    if person.pk % 2 == 0 and not first_event.registrations.filter(person=person).exists():
        events.register(event=first_event, person=person)
    participant = listening.participant_for(conversation, key=None, person=person)
    while listening.progress(participant, conversation=conversation)[0] < person.pk % 5:
        listening.vote(participant=participant, statement=listening.next_statement(participant), value=1)
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print("SIGNED_IN " + json.dumps({"sessions": keys, "conversation": conversation.pk, "cookie": settings.SESSION_COOKIE_NAME}))
"""
SIGNED_IN_LUA = """
-- Each request carries the session of one of the bench's signed-in people: thread t takes its share of the
-- sessions and goes round them, so every connection's requests come from several different people.
local sessions = {%(sessions)s}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  local per = math.max(1, math.floor(#sessions / %(threads)d))
  first = (tid - 1) * per
  size = per
  n = 0
end
function request()
  n = n %% size + 1
  return wrk.format(nil, nil, {["Cookie"] = "%(cookie)s=" .. sessions[first + n]})
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = free_port()
RUN_SECRET_KEY = secrets.token_urlsafe(64)  # one for the whole run: the sessions made by sign_in must stay valid
ANONYMOUS = "anonymous, as deployed (page cache on)"
SIGNED_IN_PASS = "signed in, as deployed (each connection a different person)"


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"])


def app_env(var_dir: Path, page_cache: bool, url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY=RUN_SECRET_KEY,  # made for this run, never stored
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        YUKEMURI_VAR_DIR=str(var_dir),
        PAGE_CACHE_SECONDS="300" if page_cache else "0",
        CACHE_URL="db",  # as deployed by default (and prepare() empties its table)
        CONN_MAX_AGE="600",
        LOG_LEVEL="ERROR",
    )
    return env


def sign_in(env: dict, people: int, pages: dict) -> dict:
    """Events, a conversation, and `people` signed-in people with state of their own (SIGNED_IN)."""
    idea_ids = ",".join(path.strip("/").split("/")[-1] for name, path in pages.items() if name.startswith("idea"))
    done = subprocess.run([sys.executable, "-c", SIGNED_IN, str(people), idea_ids], cwd=ROOT, capture_output=True,
                          text=True, env={**env, "DJANGO_SETTINGS_MODULE": "yukemuri.settings"})
    if done.returncode != 0:
        raise SystemExit(f"signing the bench's people in failed:\n{done.stderr[-3000:]}")
    out = done.stdout
    signed_in = json.loads(next(line for line in out.splitlines() if line.startswith("SIGNED_IN "))[len("SIGNED_IN "):])
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        conn.execute("DELETE FROM yukemuri_cache")  # what sign_in wrote moved the page generation on
    return signed_in


def prepare(env: dict, refill: bool, sizes=FULL):
    # One process for the four commands: each Django start costs seconds on a busy machine.
    run([sys.executable, "-c", PREPARE], env={**env, "DJANGO_SETTINGS_MODULE": "yukemuri.settings"},
        stdout=subprocess.DEVNULL)
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        if refill or not is_filled(conn, sizes):
            started = time.perf_counter()
            fill(conn, sizes)
            print(f"filled the data set in {time.perf_counter() - started:.0f} s")
        else:
            print("data set already filled (use --refill to redo)")
        conn.execute("DELETE FROM yukemuri_cache")
        conn.commit()
        return targets(conn)


def targets(conn) -> dict:
    big = conn.execute("SELECT id FROM ideas_idea ORDER BY comment_count DESC LIMIT 1").fetchone()[0]
    ordinary = (conn.execute(
        "SELECT id FROM ideas_idea WHERE comment_count BETWEEN 15 AND 25 ORDER BY id LIMIT 1"
    ).fetchone() or conn.execute(  # the tiny data set has no idea with 15–25 comments
        "SELECT id FROM ideas_idea WHERE id <> %s ORDER BY comment_count DESC, id LIMIT 1", [big]).fetchone())[0]
    return {
        "/healthz (ceiling)": "/healthz",
        "/ideas/": "/ideas/",
        "idea detail": f"/ideas/{ordinary}/",
        "idea with 1,000 comments": f"/ideas/{big}/",
        "/issues/?municipality=102083": "/issues/?municipality=102083",
        "/api/v1/ideas": "/api/v1/ideas",
    }


def signed_in_targets(pages: dict, conversation: int) -> dict:
    return {**pages, "/events/": "/events/", "a conversation": f"/listening/{conversation}/", "/me/": "/me/"}


class Server:
    def __init__(self, env: dict, workers: int = 2):
        self.env, self.workers = env, workers
        self.process = None

    def __enter__(self):
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "yukemuri.wsgi", "-w", str(self.workers), "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )
        deadline = time.monotonic() + 120  # a machine shared with test suites (load 15+) took more than 30 s
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within 120 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(path: str, cookie: str | None = None):
    """The page answers 200 (a redirect to the login page would be a 3xx, which wrk does not count as an error);
    signed in, it must show the log-out button, or the session did not work."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{path} answered {error.code}") from None
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    if cookie and path.startswith("/") and not path.startswith(("/api/", "/healthz")) and "/accounts/logout/" not in body:
        raise RuntimeError(f"{path} is not signed in")


def wrk(path: str, seconds: int, connections: int, lua: Path) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(lua),
         f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def python_load(path: str, seconds: float, connections: int, cookies=()) -> dict:
    """A small stand-in for wrk (the smoke run's: no package to install): `connections` threads, each one
    request at a time, for `seconds` (signed in: thread i sends cookies[i]). The figures have wrk's shape;
    they are not comparable with wrk's."""
    latencies, errors, lock = [], [0, 0], threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def client(index):
        headers = {"Cookie": cookies[index % len(cookies)]} if cookies else {}
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
                with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
                    response.read()
                    failed = 0 if response.status == 200 else 1
            except urllib.error.HTTPError:
                failed = 1
            except OSError:
                failed = 2
            with lock:
                latencies.append(time.perf_counter() - began)
                if failed:
                    errors[failed - 1] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {"requests": len(latencies), "duration_us": int(duration * 1e6), "status_errors": errors[0],
            "socket_errors": errors[1], "p50_us": int(cuts[49] * 1e6), "p95_us": int(cuts[94] * 1e6),
            "p99_us": int(cuts[98] * 1e6), "rps": len(latencies) / duration}


def measure(pages: dict, seconds: int, connections: int, lua: Path | None, cookies=()) -> dict:
    results = {}
    for name, path in pages.items():
        for cookie in cookies[:2] or [None]:
            check(path, cookie)
        if lua is None:
            results[name] = python_load(path, seconds, connections, cookies)
        else:
            wrk(path, 3, connections, lua)  # warm-up: connections, caches, the planner
            results[name] = wrk(path, seconds, connections, lua)
        r = results[name]
        print(f"  {name:32} {r['rps']:8.0f} req/s  p50 {r['p50_us'] / 1000:6.1f} ms  "
              f"p95 {r['p95_us'] / 1000:6.1f} ms  errors {r['status_errors'] + r['socket_errors']}", flush=True)
    return results


def machine(url: str) -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    with psycopg.connect(url) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "kernel": platform.release(), "python": platform.python_version(), "postgresql": pg,
            "date": date.today().isoformat()}


def table(results: dict) -> str:
    ceiling = results["/healthz (ceiling)"]["rps"]
    lines = ["| page | req/s | p50 ms | p95 ms | errors | ratio to /healthz |", "|---|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | "
                     f"{r['status_errors'] + r['socket_errors']} | {r['rps'] / ceiling:.0%} |")
    return "\n".join(lines)


def side_by_side(anonymous: dict, signed_in: dict) -> str:
    lines = ["| page | anonymous: ratio, p95 ms | signed in: ratio, p95 ms |", "|---|---:|---:|"]
    ceilings = anonymous["/healthz (ceiling)"]["rps"], signed_in["/healthz (ceiling)"]["rps"]
    for name in signed_in:
        cells = []
        for results, ceiling in zip((anonymous, signed_in), ceilings, strict=True):
            r = results.get(name)
            cells.append(f"{r['rps'] / ceiling:.0%}, {r['p95_us'] / 1000:.0f}" if r else "—")
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per page (default 30)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections (default 50)")
    parser.add_argument("--refill", action="store_true", help="drop the data and fill it again")
    parser.add_argument("--only-cached", action="store_true", help="skip the pass without the page cache")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DATABASE_URL),
                        help=f"the PostgreSQL database to fill and serve (created if missing; default {DATABASE_URL})")
    parser.add_argument("--smoke", action="store_true",
                        help="the test suite's check that the benchmark runs: tiny data set, 1 s per page, no wrk")
    parser.add_argument("--no-signed-in", action="store_true", help="skip the signed-in pass")
    parser.add_argument("--static-root", type=Path,
                        help="static files collected already with the production settings, used instead of collecting "
                             "them again (the test suite collects them once per session)")
    args = parser.parse_args(argv)
    url = args.database_url
    server_and_name(url)
    if args.smoke:
        args.duration, args.connections, args.refill, args.only_cached = 1, 2, True, True
    else:
        ensure_wrk()
    ensure_database(url)
    with tempfile.TemporaryDirectory(prefix="yukemuri-bench-") as tmp:
        var_dir, lua = Path(tmp), Path(tmp) / "report.lua"
        lua.write_text(LUA)
        prepare_env = app_env(var_dir, True, url)
        if args.static_root:
            (var_dir / "static").symlink_to(args.static_root.resolve())
            prepare_env["BENCH_STATIC_COLLECTED"] = "1"
        pages = prepare(prepare_env, args.refill, TINY if args.smoke else FULL)
        signed_in = None if args.no_signed_in else sign_in(app_env(var_dir, True, url), args.connections, pages)
        report = {"machine": machine(url), "connections": args.connections, "duration_s": args.duration, "passes": {}}
        anonymous = pages if signed_in is None else {  # /me/ is for signed-in people only
            **pages, "/events/": "/events/", "a conversation": f"/listening/{signed_in['conversation']}/"}
        passes = [(ANONYMOUS, True, anonymous, ())]
        if signed_in is not None:
            cookies = [f"{signed_in['cookie']}={key}" for key in signed_in["sessions"]]
            passes.append((SIGNED_IN_PASS, True, signed_in_targets(pages, signed_in["conversation"]), cookies))
            (Path(tmp) / "signed-in.lua").write_text(LUA + SIGNED_IN_LUA % {
                "sessions": ", ".join(f'"{key}"' for key in signed_in["sessions"]), "threads": 2,
                "cookie": signed_in["cookie"]})
        if not args.only_cached:
            passes.append(("page cache off (anonymous, every request rendered)", False, anonymous, ()))
        for label, cached, targets_, cookies in passes:
            workers = 1 if args.smoke else 2
            print(f"\n{label}: gunicorn, {workers} sync worker(s), {args.connections} connections, {args.duration} s per page")
            script = None if args.smoke else (Path(tmp) / "signed-in.lua" if cookies else lua)
            with Server(app_env(var_dir, cached, url), workers):
                report["passes"][label] = measure(targets_, args.duration, args.connections, script, cookies)

    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    for label, results in report["passes"].items():
        print(f"\n{label}\n{table(results)}")
    if SIGNED_IN_PASS in report["passes"]:
        print(f"\nanonymous beside signed in (ratio to /healthz of the same pass)\n"
              f"{side_by_side(report['passes'][ANONYMOUS], report['passes'][SIGNED_IN_PASS])}")
    if args.smoke:
        return 0
    out = ROOT / "bench" / "results" / f"pages-{date.today().isoformat()}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
