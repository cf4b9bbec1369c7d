#!/usr/bin/env bash
# Install Debian's nginx and Redis if absent: the several-app-server tests (tests/test_cluster.py) start their
# own Redis and nginx in a temporary folder with scripts/cluster.py. Only the programs are needed: the
# packages' own services are not used (and are stopped again if installing started them). Uses sudo when not root.
set -euo pipefail
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing ${need[*]} from Debian"
$sudo apt-get update -qq
# policy-rc.d 101: do not start the packages' services (port 80 and 6379 may belong to someone else).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
