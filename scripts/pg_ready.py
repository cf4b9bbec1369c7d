"""Exit 0 when the PostgreSQL server in DATABASE_URL-style argv[1] accepts connections."""

import sys
from urllib.parse import urlparse

import psycopg

url = urlparse(sys.argv[1])
try:
    psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username or "postgres",
                    password=url.password, dbname="postgres", connect_timeout=3).close()
except Exception:
    sys.exit(1)
