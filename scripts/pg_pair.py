"""A private PostgreSQL primary and a streaming read replica of it, in a folder of their own.

    python scripts/pg_pair.py start DIR [--port 5441] [--fsync-off]   # primary on PORT, replica on PORT+1
    python scripts/pg_pair.py stop DIR [--remove]                     # idempotent
    python scripts/pg_pair.py lag DIR                                 # the replica's lag, in seconds
    python scripts/pg_pair.py stop-replica DIR / start-replica DIR    # take the replica away and back
    python scripts/pg_pair.py copy DIR URL                            # the database at URL into the primary's

`start` prints `PRIMARY_URL=…` and `REPLICA_URL=…` (database `yukemuri`) once the replica streams. The tests and
the benchmarks start their own pair this way (docs/decisions/0013-read-replica.md); it never touches any other
server, and listens on 127.0.0.1 only (no Unix socket). PostgreSQL refuses to run as root: as root, the clusters run
as the `postgres` account (runuser) and DIR is handed to it, so DIR must be somewhere that account can reach (e.g.
`mktemp -d`). The binaries are PostgreSQL's own (initdb, pg_ctl, pg_basebackup): PG_BIN names their folder, else
`pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin (Debian).
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

DATABASE = "yukemuri"
RUN_AS = "postgres"
# What a primary needs for a streaming replica (pg_basebackup -R, hot standby), appended to its postgresql.conf;
# bench/load.py's private cluster takes the same.
REPLICATION_SETTINGS = [
    "wal_level = replica",
    "hot_standby = on",
    "max_wal_senders = 5",
    # WAL kept for a replica that was cut off (a restart of the primary, a busy machine): it catches up by itself.
    "wal_keep_size = '256MB'",
    # Queries on the replica are not cancelled for a conflicting replay (the standby waits instead).
    "hot_standby_feedback = on",
]


def bindir() -> Path:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if candidates:
        return Path(candidates[-1])
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)  # noqa: S607
        return Path(found.stdout.strip())
    sys.exit("no PostgreSQL binaries: install postgresql (Debian: apt-get install postgresql) or set PG_BIN")


def as_owner(*args, **kwargs):
    """Run a PostgreSQL program as the clusters' owner: `postgres` when we are root, else ourselves."""
    command = [str(bindir() / args[0]), *map(str, args[1:])]
    if os.geteuid() == 0:
        command = ["runuser", "-u", RUN_AS, "--", *command]
    return subprocess.run(command, check=True, **kwargs)  # noqa: S603 — PostgreSQL's own programs, our arguments


def give(path: Path):
    if os.geteuid() == 0:
        shutil.chown(path, RUN_AS, RUN_AS)


def url(port: int) -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"


def ports(root: Path) -> tuple[int, int]:
    primary = int((root / "port").read_text())
    return primary, primary + 1


def query(port: int, sql: str, params=(), database: str = "postgres"):
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname=database, autocommit=True,
                         connect_timeout=5) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchone() if cursor.description else None


def pg_ctl(data: Path, action: str, log: Path | None = None, mode: str = "fast"):
    args = ["pg_ctl", "-D", data, "-w", "-t", "60"]
    if log is not None:
        args += ["-l", log]
    if action == "stop":
        args += ["-m", mode]
    as_owner(*args, action, stdout=subprocess.DEVNULL)


def running(data: Path) -> bool:
    return (data / "postmaster.pid").exists()


def start(root: Path, port: int, fsync_off: bool):
    """Idempotent: what exists already is kept (a second `start` only starts what is stopped)."""
    root.mkdir(parents=True, exist_ok=True)
    give(root)
    primary, replica = root / "primary", root / "replica"
    if not (primary / "PG_VERSION").exists():
        as_owner("initdb", "-D", primary, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                 *(["--no-sync"] if fsync_off else []), stdout=subprocess.DEVNULL)
        settings = [
            f"port = {port}",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",  # TCP only: a socket path may not be longer than ~100 bytes
            "max_connections = 100",
            *REPLICATION_SETTINGS,
        ]
        if fsync_off:  # tests: a crash of this machine loses a throwaway cluster, never data that matters
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write("\n# scripts/pg_pair.py\n" + "\n".join(settings) + "\n")
        (root / "port").write_text(str(port))
        give(root / "port")
    port, replica_port = ports(root)
    if not running(primary):
        pg_ctl(primary, "start", root / "primary.log")
    if query(port, "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)) is None:
        query(port, f"CREATE DATABASE {DATABASE} ENCODING 'UTF8' TEMPLATE template0")
    if not (replica / "PG_VERSION").exists():
        make_replica(port, replica, replica_port, fsync_off=fsync_off)
    if not running(replica):
        pg_ctl(replica, "start", root / "replica.log")
    wait_streaming(port)
    print(f"PRIMARY_URL={url(port)}")
    print(f"REPLICA_URL={url(replica_port)}")


def make_replica(primary_port: int, data: Path, replica_port: int, *, fsync_off: bool = False):
    """A streaming replica of the primary on `primary_port`, in the folder `data` (made here; its parent must be
    reachable by the clusters' owner), listening on `replica_port`: a base backup with its standby settings (-R).
    Start it with pg_ctl, then wait_streaming(primary_port). bench/load.py makes its replica this way too."""
    as_owner("pg_basebackup", "-h", "127.0.0.1", "-p", primary_port, "-U", "postgres", "-D", data,
             "-R", "-X", "stream", "-c", "fast", *(["--no-sync"] if fsync_off else []))
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(f"port = {replica_port}\n")


def wait_streaming(port: int, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if query(port, "SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'"):
            return
        time.sleep(0.1)
    sys.exit(f"the replica did not start streaming within {timeout:.0f} s")


def stop(root: Path, remove: bool):
    for name in ("replica", "primary"):  # the replica first: it would only retry the primary meanwhile
        if running(root / name):
            # Clusters about to be deleted need no shutdown checkpoint (seconds, on a busy machine).
            pg_ctl(root / name, "stop", mode="immediate" if remove else "fast")
    if remove and root.exists():
        shutil.rmtree(root)


def lag(root: Path) -> float:
    """Seconds the replica is behind: 0 when it has replayed everything it received, else the age of the last
    transaction it replayed (what a reader of the replica misses is at most that old)."""
    _, replica_port = ports(root)
    row = query(replica_port, "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                              "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END")
    return float(row[0] or 0)


def copy(root: Path, source: str):
    """Copy a database (e.g. an already migrated one) into the primary's, which must be empty: pg_dump | psql.
    Much quicker than migrating from nothing; fails when pg_dump is older than the source's server."""
    port, _ = ports(root)
    dump = subprocess.Popen([str(bindir() / "pg_dump"), "--no-owner", "--no-privileges", "-d", source],  # noqa: S603
                            stdout=subprocess.PIPE)
    load = subprocess.run([str(bindir() / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", url(port)],  # noqa: S603
                          stdin=dump.stdout, stdout=subprocess.DEVNULL, check=False)
    dump.stdout.close()
    if dump.wait() != 0 or load.returncode != 0:
        sys.exit(f"copying {source} into the primary failed")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop", "lag", "stop-replica", "start-replica", "copy"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("source", nargs="?", help="copy: the database URL to copy into the primary")
    parser.add_argument("--port", type=int, default=5441, help="the primary's port; the replica takes the next one")
    parser.add_argument("--fsync-off", action="store_true", help="faster, for throwaway clusters (tests)")
    parser.add_argument("--remove", action="store_true", help="stop: also delete DIR")
    args = parser.parse_args(argv)
    root = args.dir.resolve()
    if args.action == "start":
        start(root, args.port, args.fsync_off)
    elif args.action == "stop":
        stop(root, args.remove)
    elif args.action == "copy":
        if not args.source:
            parser.error("copy needs the URL of the database to copy")
        copy(root, args.source)
    elif args.action == "lag":
        print(f"{lag(root):.3f}")
    elif args.action == "stop-replica":
        if running(root / "replica"):
            pg_ctl(root / "replica", "stop")
    else:
        pg_ctl(root / "replica", "start", root / "replica.log")
        wait_streaming(ports(root)[0])


if __name__ == "__main__":
    main()
