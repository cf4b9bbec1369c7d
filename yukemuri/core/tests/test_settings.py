"""Production mode: refuses to start without a secret key and passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def manage(*args, tmp_path, **env):
    # Start from this environment less anything the settings read (the test settings set some).
    read = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CACHE_URL", "TASKS_BACKEND", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in read and not k.startswith("SECURE_")}
    base.update(DJANGO_SETTINGS_MODULE="yukemuri.settings", YUKEMURI_VAR_DIR=str(tmp_path),
                DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    base.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True,
                          timeout=120)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_passes_check_deploy_without_warnings(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, DEBUG="0",
                    SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="yukemuri.example.jp")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_makes_its_own_key_outside_the_repository(tmp_path):
    result = manage("check", tmp_path=tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    key = (tmp_path / "dev-secret-key").read_text()
    assert len(key) >= 50
    assert manage("check", tmp_path=tmp_path, DEBUG="1").returncode == 0
    assert (tmp_path / "dev-secret-key").read_text() == key  # stable across restarts
