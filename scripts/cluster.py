"""Several yukemuri app servers behind nginx on one machine, sharing PostgreSQL and Redis, with task workers.

    .venv/bin/python scripts/cluster.py start --database-url postgres://postgres@127.0.0.1:5432/yukemuri
    .venv/bin/python scripts/cluster.py status
    .venv/bin/python scripts/cluster.py stop

`start` makes a folder (by default yukemuri-cluster-PORT in the temporary directory) and starts there, each on
its own port: a Redis without persistence (cache, sessions, rate limits, the page cache's generation), two
gunicorn app servers (`--app-ports`), nginx in front of them (`--port`, its configuration made from
deploy/nginx.conf.template) and two task workers (`manage.py run_worker`). It collects the static files
into the folder, waits until every server answers /healthz and prints the addresses as JSON. The database at
`--database-url` must be migrated already. `stop` ends exactly the processes `start` started (their ids are
in the folder's cluster.json) and removes the folder; `status` says which still run and answer.

The app servers run the production settings (DEBUG=0) with $SECRET_KEY or, unset, a key made for the cluster,
over plain HTTP on 127.0.0.1 (no HTTPS redirect, no secure-only cookies). Any other setting comes from the
environment (e.g. RATE_SUPPORT). tests/test_cluster.py runs its tests against such a cluster;
docs/deploy.md describes the same arrangement on several machines.
"""

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
STATE = "cluster.json"


def default_dir(port: int) -> Path:
    return Path(tempfile.gettempdir()) / f"yukemuri-cluster-{port}"


def find_program(name: str) -> str:
    found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.access(p, os.X_OK)),
                                       None)
    if not found:
        raise SystemExit(f"{name} is not installed: run `make services` (scripts/install-services.sh)")
    return found


def app_environment(args, directory: Path, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "yukemuri.settings",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": f"redis://127.0.0.1:{args.redis_port}/0",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SECRET_KEY": secret_key,
        "YUKEMURI_VAR_DIR": str(directory / "var"),
        "PYTHONUNBUFFERED": "1",
    })
    for name, value in {"DEBUG": "0", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
                        "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0",
                        "RATELIMIT_IP_META_KEY": "yukemuri.core.ratelimits.forwarded_for_ip",
                        "SITE_URL": f"http://127.0.0.1:{args.port}"}.items():
        env.setdefault(name, value)
    return env


def nginx_config(args, directory: Path, buffers: Path) -> str:
    """nginx's configuration; `buffers` is the folder where it keeps large bodies for a moment."""
    user = ""
    if os.geteuid() == 0:  # nginx's workers leave root: their buffers are in a folder of nobody's own
        user = "user nobody nogroup;"
        nobody = pwd.getpwnam("nobody")
        os.chown(buffers, nobody.pw_uid, nobody.pw_gid)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (buffers / sub).mkdir(exist_ok=True)
        if user:
            os.chown(buffers / sub, nobody.pw_uid, nobody.pw_gid)
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in args.app_ports)
    text = TEMPLATE.read_text()
    for name, value in {"USER": user, "DIR": str(directory), "TMP": str(buffers), "SERVERS": servers,
                        "LISTEN": f"127.0.0.1:{args.port}"}.items():
        text = text.replace(f"@@{name}@@", value)
    return text


def spawn(name: str, command: list[str], directory: Path, env: dict[str, str] | None = None) -> int:
    log = open(directory / f"{name}.log", "ab")  # the child keeps it open
    process = subprocess.Popen(command,  # noqa: S603 — our own programs and arguments
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    return process.pid


def alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # our own child (start): reap it if it ended
        if waited == pid:
            return False
    except ChildProcessError:
        pass  # started by another invocation
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie of someone else's is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — our own http://127.0.0.1 servers
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def checks(state: dict) -> dict[str, bool]:
    """name → running (and answering, for servers)."""
    result = {}
    for name, pid in state["pids"].items():
        ok = alive(pid)
        if ok and name == "redis":
            ok = redis_answers(state["redis_port"])
        elif ok and name in state["urls"] and name != "nginx":
            ok = answers(state["urls"][name] + "/healthz")
        result[name] = ok
    if "nginx" in result:
        # Asked last, once every app server answers: nginx would take a server that is still starting
        # out of its list for fail_timeout.
        apps = [ok for name, ok in result.items() if name.startswith("app")]
        result["nginx"] = result["nginx"] and all(apps) and answers(state["urls"]["nginx"] + "/healthz")
    return result


def stop_pids(pids: dict[str, int], timeout: float = 15) -> None:
    # Front first: nginx, then app servers and workers (SIGTERM lets a task in hand finish), Redis last.
    order = sorted(pids, key=lambda n: (n != "nginx", n == "redis"))
    for name in order:
        try:
            os.killpg(pids[name], signal.SIGTERM)  # each was started in a session (group) of its own
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while any(alive(pid) for pid in pids.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in pids.values():
        if alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start(args) -> int:
    directory = Path(args.dir or default_dir(args.port))
    if (directory / STATE).exists():
        print(f"a cluster runs already in {directory} (stop it first)", file=sys.stderr)
        return 1
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o755)
    env = app_environment(args, directory, os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64))
    python = sys.executable
    redis_server, nginx = find_program("redis-server"), find_program("nginx")
    # nginx's buffers: a folder of their own in the temporary directory, which nginx's workers can reach
    # (the cluster's folder may sit in one only its owner can enter, e.g. pytest's).
    buffers = Path(tempfile.mkdtemp(prefix="yukemuri-nginx-"))
    (directory / "nginx.conf").write_text(nginx_config(args, directory, buffers))
    urls = {"nginx": f"http://127.0.0.1:{args.port}"}
    state = {"dir": str(directory), "buffers": str(buffers), "redis_port": args.redis_port, "urls": urls, "pids": {},
             "cache_url": env["CACHE_URL"], "database_url": args.database_url}
    pids = state["pids"]

    def save():
        (directory / STATE).write_text(json.dumps(state, indent=2))

    try:
        pids["redis"] = spawn("redis", [redis_server, "--port", str(args.redis_port), "--bind", "127.0.0.1",
                                        "--save", "", "--appendonly", "no", "--dir", str(directory),
                                        "--maxmemory", args.redis_maxmemory, "--maxmemory-policy", "allkeys-lru"],
                              directory)
        save()
        collect = None
        if not args.no_collectstatic:
            collect = subprocess.Popen([python, "manage.py", "collectstatic", "--noinput", "-v", "0"],  # noqa: S603
                                       cwd=ROOT, env=env, stdout=open(directory / "collectstatic.log", "wb"),
                                       stderr=subprocess.STDOUT)
        # Before the app servers: WhiteNoise reads the folder of static files when it starts.
        if collect is not None and collect.wait() != 0:
            raise RuntimeError("collectstatic failed:\n" + tail(directory / "collectstatic.log"))
        for index, port in enumerate(args.app_ports):
            name = f"app{index + 1}"
            pids[name] = spawn(name, [python, "-m", "gunicorn", "yukemuri.wsgi:application", "--bind",
                                      f"127.0.0.1:{port}", "--workers", str(args.gunicorn_workers), "--preload",
                                      "--name", f"yukemuri-{name}", "--graceful-timeout", "10",
                                      "--access-logfile", "-"], directory, env)
            urls[name] = f"http://127.0.0.1:{port}"
        for index in range(args.task_workers):
            name = f"worker{index + 1}"
            pids[name] = spawn(name, [python, "manage.py", "run_worker", "--no-reload", "--worker-id",
                                      f"{socket.gethostname()}-{args.port}-{index + 1}",
                                      "--interval", str(args.worker_interval)], directory, env)
        pids["nginx"] = spawn("nginx", [nginx, "-c", str(directory / "nginx.conf"), "-p", str(directory),
                                        "-e", str(directory / "nginx-error.log")], directory)
        save()
        deadline = time.monotonic() + args.timeout
        while True:
            status = checks(state)
            if all(status.values()):
                break
            dead = [name for name, pid in pids.items() if not alive(pid)]
            if dead or time.monotonic() > deadline:
                logs = "\n".join(f"--- {name}.log\n{tail(directory / f'{name}.log')}" for name in (dead or pids))
                raise RuntimeError(f"not started: {dead or [n for n, ok in status.items() if not ok]}\n{logs}")
            time.sleep(0.2)
    except (RuntimeError, SystemExit, OSError) as exc:
        stop_pids(pids)
        shutil.rmtree(directory, ignore_errors=True)
        shutil.rmtree(buffers, ignore_errors=True)
        print(exc, file=sys.stderr)
        return 1
    print(json.dumps(state, indent=2))
    return 0


def load_state(args) -> dict | None:
    directory = Path(args.dir or default_dir(args.port))
    try:
        return json.loads((directory / STATE).read_text())
    except (OSError, ValueError):
        return None


def stop(args) -> int:
    state = load_state(args)
    if state is None:
        print("no cluster runs there", file=sys.stderr)
        return 0
    stop_pids(state["pids"])
    shutil.rmtree(state["buffers"], ignore_errors=True)
    if not args.keep:
        shutil.rmtree(state["dir"], ignore_errors=True)
    else:
        (Path(state["dir"]) / STATE).unlink(missing_ok=True)
    return 0


def status(args) -> int:
    state = load_state(args)
    if state is None:
        print("no cluster runs there")
        return 3
    result = checks(state)
    for name, ok in result.items():
        where = state["urls"].get(name, f"redis://127.0.0.1:{state['redis_port']}" if name == "redis" else "")
        print(f"{name:8} {'up' if ok else 'DOWN':5} pid {state['pids'][name]:<8} {where}")
    return 0 if all(result.values()) else 3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--dir", help="the cluster's folder (default: yukemuri-cluster-PORT in the temporary directory)")
    parser.add_argument("--port", type=int, default=8091, help="nginx's port (default: %(default)s)")
    parser.add_argument("--app-ports", type=lambda s: [int(p) for p in s.split(",")], default=[8092, 8093],
                        help="one port per app server, comma-separated (default: 8092,8093)")
    parser.add_argument("--redis-port", type=int, default=6391, help="Redis's port (default: %(default)s)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""),
                        help="the shared PostgreSQL database, migrated (default: $DATABASE_URL)")
    parser.add_argument("--gunicorn-workers", type=int, default=2, help="processes per app server (default: %(default)s)")
    parser.add_argument("--task-workers", type=int, default=2, help="run_worker processes (default: %(default)s)")
    parser.add_argument("--worker-interval", type=float, default=1.0,
                        help="seconds a task worker waits when the queue is empty (default: %(default)s)")
    parser.add_argument("--redis-maxmemory", default="256mb", help="Redis's memory limit (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for every server (default: %(default)s)")
    parser.add_argument("--no-collectstatic", action="store_true", help="the static files are collected already")
    parser.add_argument("--keep", action="store_true", help="stop: keep the folder and its logs")
    args = parser.parse_args(argv)
    if args.command == "start":
        if not args.database_url.startswith(("postgres://", "postgresql://")):
            parser.error("several app servers share a PostgreSQL database: give --database-url postgres://…")
        return start(args)
    return stop(args) if args.command == "stop" else status(args)


if __name__ == "__main__":
    sys.exit(main())
