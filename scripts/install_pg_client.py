"""Install the PostgreSQL client programs (pg_dump, pg_restore) of the test server's major version when missing.

The backup tests of the PostgreSQL pass run `manage.py backup` and `restore`, which need a pg_dump no older than
the server. Does nothing when the server at argv[1] (a DATABASE_URL) does not answer: then there is no
PostgreSQL pass. Installs Debian's postgresql-client-N with apt-get (sudo when not root), as
scripts/install-browser.sh does for Chromium."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import psycopg


def major_of(program: str) -> int:
    try:
        out = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30).stdout  # noqa: S603
    except OSError:
        return 0
    found = re.search(r"(\d+)", out)
    return int(found.group(1)) if found else 0


def main() -> int:
    url = urlparse(sys.argv[1])
    try:
        with psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username or "postgres",
                             password=url.password, dbname="postgres", connect_timeout=3) as connection:
            major = connection.info.server_version // 10000
    except Exception:
        return 0
    # What yukemuri.core.backup.pg_tool looks for: Debian's programs of that version, else those on PATH.
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/pg_dump"), shutil.which("pg_dump")]
    if any(c and Path(c).is_file() and major_of(str(c)) >= major for c in candidates):
        return 0
    package = f"postgresql-client-{major}"
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing {package} from Debian (pg_dump for the backup tests)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)  # noqa: S603 — as install-browser.sh does
    done = subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", package], env=env)  # noqa: S603
    if done.returncode != 0:
        print(f"could not install {package}: add the PostgreSQL apt repository (apt.postgresql.org) for version {major}",
              file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
