"""Page benchmark: the main pages under load, as ratios of a bare /healthz measured in the same run.

    make bench-pages            # or: .venv/bin/python bench/pages.py [--duration 30] [--connections 50]
    .venv/bin/python bench/pages.py --smoke --database-url postgres://…/some_db   # what the test suite runs

Fills the PostgreSQL database `yukemuri_bench` (once; --refill to redo) with 100,000 people,
10,000 issues and 10,000 ideas, 200,000 comments (one idea with exactly 1,000) and 1,000,000 supports,
serves it with gunicorn (2 sync workers, production settings) and drives each page with wrk from a
second process. Two passes: as deployed (anonymous pages from the page cache) and with the page
cache off (every request rendered). Prints requests/s, p50, p95 and the ratio to /healthz.

--smoke (the test suite's run, untimed: it checks that the benchmark still works): a tiny data set (300
people; refilled every time, so that a column the fill does not know fails here first), a second per page
from a small Python load driver instead of wrk, the cached pass only, nothing written to bench/results.
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
import django
from django.core.management import call_command
django.setup()
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("load_prefecture", "gunma")
call_command("collectstatic", interactive=False, verbosity=0)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = free_port()


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"])


def server_and_name(url: str) -> tuple[str, str]:
    server, _, name = url.rstrip("/").rpartition("/")
    if not server.startswith(("postgres://", "postgresql://")) or not name.replace("_", "").isalnum():
        raise SystemExit(f"--database-url must be postgres://…/name, not {url!r}")
    return server, name


def ensure_database(url: str):
    server, name = server_and_name(url)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # UTF-8 ctype, or pg_trgm extracts no trigrams from Japanese.
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                         "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")


def app_env(var_dir: Path, page_cache: bool, url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),  # made for this run, never stored
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        YUKEMURI_VAR_DIR=str(var_dir),
        PAGE_CACHE_SECONDS="300" if page_cache else "0",
        CACHE_URL="db",  # as deployed by default (and prepare() empties its table)
        CONN_MAX_AGE="600",
        LOG_LEVEL="ERROR",
    )
    return env


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
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within 30 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def check(path: str):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")


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


def python_load(path: str, seconds: float, connections: int) -> dict:
    """A small stand-in for wrk (the smoke run's: no package to install): `connections` threads, each one
    request at a time, for `seconds`. The figures have wrk's shape; they are not comparable with wrk's."""
    latencies, errors, lock = [], [0, 0], threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def client():
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
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

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {"requests": len(latencies), "duration_us": int(duration * 1e6), "status_errors": errors[0],
            "socket_errors": errors[1], "p50_us": int(cuts[49] * 1e6), "p95_us": int(cuts[94] * 1e6),
            "p99_us": int(cuts[98] * 1e6), "rps": len(latencies) / duration}


def measure(pages: dict, seconds: int, connections: int, lua: Path | None) -> dict:
    results = {}
    for name, path in pages.items():
        check(path)
        if lua is None:
            results[name] = python_load(path, seconds, connections)
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
        pages = prepare(app_env(var_dir, True, url), args.refill, TINY if args.smoke else FULL)
        report = {"machine": machine(url), "connections": args.connections, "duration_s": args.duration, "passes": {}}
        passes = [("as deployed (page cache on)", True)] + ([] if args.only_cached else [("page cache off", False)])
        for label, cached in passes:
            workers = 1 if args.smoke else 2
            print(f"\n{label}: gunicorn, {workers} sync worker(s), {args.connections} connections, {args.duration} s per page")
            with Server(app_env(var_dir, cached, url), workers):
                report["passes"][label] = measure(pages, args.duration, args.connections, None if args.smoke else lua)

    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    for label, results in report["passes"].items():
        print(f"\n{label}\n{table(results)}")
    if args.smoke:
        return 0
    out = ROOT / "bench" / "results" / f"pages-{date.today().isoformat()}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
