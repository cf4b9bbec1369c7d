"""Page benchmark: the main pages under load, as ratios of a bare /healthz measured in the same run.

    make bench-pages            # or: .venv/bin/python bench/pages.py [--duration 30] [--connections 50]

Fills the PostgreSQL database `yukemuri_bench` (once; --refill to redo) with 100,000 people,
10,000 issues and 10,000 ideas, 200,000 comments (one idea with exactly 1,000) and 1,000,000 supports,
serves it with gunicorn (2 sync workers, production settings) and drives each page with wrk from a
second process. Two passes: as deployed (anonymous pages from the page cache) and with the page
cache off (every request rendered). Prints requests/s, p50, p95 and the ratio to /healthz.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import fill, is_filled  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "yukemuri_bench"
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


def ensure_database():
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            # UTF-8 ctype, or pg_trgm extracts no trigrams from Japanese.
            conn.execute(f"CREATE DATABASE {DB_NAME} TEMPLATE template0 ENCODING 'UTF8' "
                         "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")


def app_env(var_dir: Path, page_cache: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=f"{PG}/{DB_NAME}",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),  # made for this run, never stored
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        YUKEMURI_VAR_DIR=str(var_dir),
        PAGE_CACHE_SECONDS="300" if page_cache else "0",
        CONN_MAX_AGE="600",
        LOG_LEVEL="ERROR",
    )
    return env


def prepare(env: dict, refill: bool):
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env=env)
    run([python, "manage.py", "createcachetable"], env=env)
    run([python, "manage.py", "load_prefecture", "gunma"], env=env, stdout=subprocess.DEVNULL)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    with psycopg.connect(f"{PG}/{DB_NAME}") as conn:
        if refill or not is_filled(conn):
            started = time.perf_counter()
            fill(conn)
            print(f"filled the data set in {time.perf_counter() - started:.0f} s")
        else:
            print("data set already filled (use --refill to redo)")
        conn.execute("DELETE FROM yukemuri_cache")
        conn.commit()
        return targets(conn)


def targets(conn) -> dict:
    big = conn.execute("SELECT id FROM ideas_idea ORDER BY comment_count DESC LIMIT 1").fetchone()[0]
    ordinary = conn.execute(
        "SELECT id FROM ideas_idea WHERE comment_count BETWEEN 15 AND 25 ORDER BY id LIMIT 1"
    ).fetchone()[0]
    return {
        "/healthz (ceiling)": "/healthz",
        "/ideas/": "/ideas/",
        "idea detail": f"/ideas/{ordinary}/",
        "idea with 1,000 comments": f"/ideas/{big}/",
        "/issues/?municipality=102083": "/issues/?municipality=102083",
        "/api/v1/ideas": "/api/v1/ideas",
    }


class Server:
    def __init__(self, env: dict):
        self.env = env
        self.process = None

    def __enter__(self):
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "yukemuri.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
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


def measure(pages: dict, seconds: int, connections: int, lua: Path) -> dict:
    results = {}
    for name, path in pages.items():
        check(path)
        wrk(path, 3, connections, lua)  # warm-up: connections, caches, the planner
        results[name] = wrk(path, seconds, connections, lua)
        r = results[name]
        print(f"  {name:32} {r['rps']:8.0f} req/s  p50 {r['p50_us'] / 1000:6.1f} ms  "
              f"p95 {r['p95_us'] / 1000:6.1f} ms  errors {r['status_errors'] + r['socket_errors']}", flush=True)
    return results


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    with psycopg.connect(f"{PG}/postgres") as conn:
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per page (default 30)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections (default 50)")
    parser.add_argument("--refill", action="store_true", help="drop the data and fill it again")
    parser.add_argument("--only-cached", action="store_true", help="skip the pass without the page cache")
    args = parser.parse_args()

    ensure_wrk()
    ensure_database()
    with tempfile.TemporaryDirectory(prefix="yukemuri-bench-") as tmp:
        var_dir, lua = Path(tmp), Path(tmp) / "report.lua"
        lua.write_text(LUA)
        pages = prepare(app_env(var_dir, True), args.refill)
        report = {"machine": machine(), "connections": args.connections, "duration_s": args.duration, "passes": {}}
        passes = [("as deployed (page cache on)", True)] + ([] if args.only_cached else [("page cache off", False)])
        for label, cached in passes:
            print(f"\n{label}: gunicorn, 2 sync workers, {args.connections} connections, {args.duration} s per page")
            with Server(app_env(var_dir, cached)):
                report["passes"][label] = measure(pages, args.duration, args.connections, lua)

    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    for label, results in report["passes"].items():
        print(f"\n{label}\n{table(results)}")
    out = ROOT / "bench" / "results" / f"pages-{date.today().isoformat()}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
