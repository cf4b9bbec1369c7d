"""Links in e-mails follow the address `make run` serves on when SITE_URL is unset (issue 12, item 27)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from yukemuri.settings import default_site_url

ROOT = Path(__file__).resolve().parents[3]


def site_url_of(tmp_path, **env):
    """YUKEMURI["SITE_URL"] of settings built in a fresh process with this environment."""
    base = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT", "DJANGO_SETTINGS_MODULE"}}
    base.update(DEBUG="1", YUKEMURI_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    code = "import yukemuri.settings as s; print(s.YUKEMURI['SITE_URL'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_settings_built_for_another_port_link_to_it(tmp_path):
    assert site_url_of(tmp_path, PORT="8123") == "http://127.0.0.1:8123"
    assert site_url_of(tmp_path) == "http://127.0.0.1:8000"
    assert site_url_of(tmp_path, PORT="8123", SITE_URL="https://yukemuri.example.jp") == "https://yukemuri.example.jp"


@pytest.mark.parametrize(("host", "port", "url"), [
    ("0.0.0.0", "8080", "http://127.0.0.1:8080"),
    ("192.168.1.5", "8000", "http://192.168.1.5:8000"),
    ("::1", "9000", "http://[::1]:9000"),
    ("", "", "http://127.0.0.1:8000"),
])
def test_default_site_url(host, port, url):
    assert default_site_url(host, port) == url


def test_make_run_passes_host_and_port_to_the_site_and_the_worker():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "HOST=$(HOST) PORT=$(PORT)" in run and "manage.py run_worker" in run
