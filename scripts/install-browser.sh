#!/usr/bin/env bash
# Install Debian's Chromium, Japanese fonts and Pango (invoice PDFs) if absent (browser tests use /usr/bin/chromium;
# Playwright's own browser download does not work here). Uses sudo when not root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
# WeasyPrint (the space's invoice PDFs) draws text with Pango and finds the Japanese font with fontconfig.
for lib in libpango-1.0-0 libpangoft2-1.0-0 fontconfig; do dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib"); done
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing ${need[*]} from Debian"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
