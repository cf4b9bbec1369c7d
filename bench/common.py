"""What the benchmarks that fill their own PostgreSQL database share: making the database, and Django in-process
with production settings (static files by plain name: nothing is collected)."""

import os
import secrets
import warnings


def server_and_name(url: str) -> tuple[str, str]:
    server, _, name = url.rstrip("/").rpartition("/")
    if not server.startswith(("postgres://", "postgresql://")) or not name.replace("_", "").isalnum():
        raise SystemExit(f"--database-url must be postgres://…/name, not {url!r}")
    return server, name


def ensure_database(url: str) -> None:
    import psycopg

    server, name = server_and_name(url)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            # UTF-8 ctype, or pg_trgm extracts no trigrams from Japanese.
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                         "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")


def setup_django(url: str, *, cache_table: bool = False) -> None:
    """Django on `url`, migrated, with Gunma loaded."""
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="yukemuri.settings", DEBUG="0",
                      SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0",
                      CACHE_URL="locmem", TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
                      LOG_LEVEL="ERROR")
    import django

    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic, no static file served
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    call_command("migrate", interactive=False, verbosity=0)
    if cache_table:
        call_command("createcachetable", verbosity=0)
    call_command("load_prefecture", "gunma", verbosity=0)
