#!/usr/bin/env bash
# scripts/cluster.sh start|stop|status [options]: several app servers behind nginx with Redis and task workers
# (scripts/cluster.py, with the project's virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/cluster.py "$@"
