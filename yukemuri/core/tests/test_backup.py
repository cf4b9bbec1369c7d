"""Backups: `manage.py backup` and `manage.py restore` on the suite's database engine (SQLite, then PostgreSQL).

A backup of a site with data, restored into a new empty database, serves the same pages (rendered by a
process of its own on the restored database); the refusals end with a message, a non-zero status and no
traceback."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from yukemuri.core import backup
from yukemuri.core.tests import backup_pages
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.services import comment_create, idea_support
from yukemuri.people.tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[3]
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")


def manage(*args, database_url, tmp_path, **env):
    read = {"DATABASE_URL", "CACHE_URL", "TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE", "PGPASSWORD"}
    base = {k: v for k, v in os.environ.items() if k not in read}
    base.update(DJANGO_SETTINGS_MODULE="yukemuri.settings_test", YUKEMURI_VAR_DIR=str(tmp_path / "var"),
                DATABASE_URL=database_url, **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def refused(result, message):
    assert result.returncode != 0, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def postgres_url(name, password=None):
    data = connection.settings_dict
    user = quote(data["USER"] or "postgres") + (f":{quote(password or data['PASSWORD'])}" if password or data["PASSWORD"] else "")
    return f"postgres://{user}@{data['HOST'] or '127.0.0.1'}:{data['PORT'] or 5432}/{name}"


@contextmanager
def empty_database(tmp_path):
    """The URL of a new, empty database of the suite's engine, removed afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"yk_backup_restore_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    try:
        yield postgres_url(name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(transactional_db, make_issue, make_idea):
    """A site with something on each page: an issue, an idea answering it with a comment and supports, an event.
    Committed (transactional_db): pg_dump, another process, reads only what is committed."""
    author = PersonFactory(display_name="山田 花子")
    issue = make_issue(author, title="空き家が増えている")
    idea = make_idea(author, title="空き家活用スタートアップ", issue_ids=[issue.pk])
    comment_create(idea=idea, author=PersonFactory(display_name="佐藤"), body="いい案です。")
    for _ in range(3):
        idea_support(idea=idea, person=PersonFactory())
    event = make_event(organiser(), title="未来共創ワークショップ 第1回")
    return {"issue": issue, "idea": idea, "event": event}


def pages_of(site):
    return ["/", "/ideas/", f"/ideas/{site['idea'].pk}/", "/issues/", f"/issues/{site['issue'].pk}/",
            f"/events/{site['event'].pk}/", "/en/ideas/", "/api/v1/ideas", f"/api/v1/ideas/{site['idea'].pk}"]


def test_a_restored_backup_serves_the_same_pages(site, tmp_path):
    urls = pages_of(site)
    before = backup_pages.render(urls)
    assert all(status == 200 for status, _ in before.values()), {url: status for url, (status, _) in before.items()}
    assert "いい案です。" in before[f"/ideas/{site['idea'].pk}/"][1]
    assert [idea["title"] for idea in json.loads(before["/api/v1/ideas"][1])["results"]] == ["空き家活用スタートアップ"]
    assert "未来共創ワークショップ 第1回" in before[f"/events/{site['event'].pk}/"][1]

    out = StringIO()
    call_command("backup", output=tmp_path, stdout=out)
    path = Path(out.getvalue().strip())
    assert path.parent == tmp_path and path.suffix == (".sqlite3" if connection.vendor == "sqlite" else ".pgdump")
    assert path.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind

    with empty_database(tmp_path) as url:
        result = manage("manage.py", "restore", str(path), "--yes", database_url=url, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "restored" in result.stdout
        assert "migrations to apply" not in result.stderr

        shown = manage("-m", "yukemuri.core.tests.backup_pages", *urls, database_url=url, tmp_path=tmp_path)
        assert shown.returncode == 0, shown.stderr
        after = json.loads(shown.stdout)
        for address in urls:
            assert after[address] == before[address], address

        # The restored database is no longer empty: a second restore is refused, and changes nothing.
        again = manage("manage.py", "restore", str(path), "--yes", database_url=url, tmp_path=tmp_path)
        refused(again, "is not empty")
        assert "restore only goes into an empty database" in again.stderr


def test_backup_verify_restores_into_a_temporary_database_and_compares_rows(site, tmp_path):
    out, err = StringIO(), StringIO()
    call_command("backup", output=tmp_path / "checked", verify=True, stdout=out, stderr=err)
    assert out.getvalue().strip() == str(tmp_path / "checked")
    assert "verified: " in err.getvalue()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                           [connection.settings_dict["NAME"] + "_verify_%"])
            assert cursor.fetchone()[0] == 0  # the temporary database is gone again

    # The comparison can fail: counts that differ from the restored rows are told.
    made = backup.backup(connection, tmp_path / "b")
    assert made.counts["ideas_idea"] == 1 and made.counts["ideas_comment"] == 1
    restored = backup.verify(made, connection)
    assert restored == made.counts
    with pytest.raises(backup.BackupError, match="ideas_idea: 2 in the database, 1 restored"):
        backup.compare(made.path, {**made.counts, "ideas_idea": 2}, restored)


def test_the_default_backup_goes_to_var_backups_with_a_timestamp(tmp_path):
    database = tmp_path / "site.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE django_migrations (id integer)").connection.commit()
    result = manage("manage.py", "backup", database_url=f"sqlite:///{database}", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == tmp_path / "var" / "backups"
    assert path.name.endswith("Z.sqlite3") and path.name[:8].isdigit()
    assert path.read_bytes().startswith(backup.SQLITE_MAGIC)


def test_restore_refuses_a_missing_file(tmp_path):
    result = manage("manage.py", "restore", str(tmp_path / "none.sqlite3"), "--yes",
                    database_url=f"sqlite:///{tmp_path / 'target.sqlite3'}", tmp_path=tmp_path)
    refused(result, "does not exist")


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup")
    result = manage("manage.py", "restore", str(notes), "--yes",
                    database_url=f"sqlite:///{tmp_path / 'target.sqlite3'}", tmp_path=tmp_path)
    refused(result, "is not a backup")


def test_restore_refuses_a_backup_of_the_other_engine(db, tmp_path):
    if connection.vendor == "sqlite":
        other = tmp_path / "site.pgdump"
        other.write_bytes(backup.PGDUMP_MAGIC + b"\x01\x0e\x00")
        target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
        message = "is a PostgreSQL dump (pg_dump custom format), but the configured database is SQLite"
    else:
        other = tmp_path / "site.sqlite3"
        sqlite3.connect(other).execute("CREATE TABLE t (id integer)").connection.commit()
        target = postgres_url(connection.settings_dict["NAME"])
        message = "is a SQLite database, but the configured database is PostgreSQL"
    refused(manage("manage.py", "restore", str(other), "--yes", database_url=target, tmp_path=tmp_path), message)


def test_restore_asks_before_it_starts_and_refuses_without_a_terminal(tmp_path):
    made = tmp_path / "b.sqlite3"
    sqlite3.connect(made).execute("CREATE TABLE django_migrations (id integer)").connection.commit()
    target = tmp_path / "target.sqlite3"
    result = manage("manage.py", "restore", str(made), database_url=f"sqlite:///{target}", tmp_path=tmp_path)
    refused(result, "needs confirmation: pass --yes")
    assert sqlite3.connect(target).execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_backup_refuses_a_path_it_cannot_write(tmp_path):
    sqlite3.connect(tmp_path / "site.sqlite3").execute("CREATE TABLE django_migrations (id integer)").connection.commit()
    (tmp_path / "a-file").write_text("")
    result = manage("manage.py", "backup", "--output", str(tmp_path / "a-file" / "b.sqlite3"),
                    database_url=f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path=tmp_path)
    refused(result, "is not a directory")
    result = manage("manage.py", "backup", "--output", f"{tmp_path / 'no-such-directory'}/",
                    database_url=f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path=tmp_path)
    refused(result, "there is no such directory")
    assert not (tmp_path / "no-such-directory").exists()


def test_backup_refuses_a_database_that_is_missing_or_empty(tmp_path):
    missing = manage("manage.py", "backup", database_url=f"sqlite:///{tmp_path / 'typo.sqlite3'}", tmp_path=tmp_path)
    refused(missing, "there is no SQLite database at")
    assert not (tmp_path / "typo.sqlite3").exists()
    sqlite3.connect(tmp_path / "empty.sqlite3").close()
    empty = manage("manage.py", "backup", database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path=tmp_path)
    refused(empty, "has no tables: is DATABASE_URL the site's database?")
    assert not (tmp_path / "var" / "backups").exists() or not list((tmp_path / "var" / "backups").iterdir())


@on_postgresql
def test_backup_without_pg_dump_says_how_to_get_it(db, tmp_path):
    result = manage("manage.py", "backup", "--pg-bin", str(tmp_path), "--output", str(tmp_path),
                    database_url=postgres_url(connection.settings_dict["NAME"]), tmp_path=tmp_path)
    refused(result, "pg_dump was not found in")
    assert "postgresql-client-" in result.stderr


@on_postgresql
def test_pg_dump_gets_the_password_from_the_environment_and_a_failed_dump_leaves_no_file(db, tmp_path):
    tools, out = tmp_path / "bin", tmp_path / "out"
    tools.mkdir()
    out.mkdir()
    fake = tools / "pg_dump"
    # Records its arguments and PGPASSWORD, writes half a dump and fails, as a pg_dump cut off would.
    fake.write_text('#!/bin/sh\n[ "$1" = --version ] && { echo "pg_dump (PostgreSQL) 99.1"; exit 0; }\n'
                    f'echo "$@" > {tools}/args\necho "$PGPASSWORD" > {tools}/password\n'
                    'for a; do case $a in --file=*) echo partial > "${a#--file=}";; esac; done\n'
                    'echo "pg_dump: error: connection lost" >&2\nexit 1\n')
    fake.chmod(0o755)
    password = "s3cret-" + secrets.token_hex(4)  # trust authentication takes any password
    result = manage("manage.py", "backup", "--pg-bin", str(tools), "--output", str(out),
                    database_url=postgres_url(connection.settings_dict["NAME"], password), tmp_path=tmp_path)
    refused(result, "pg_dump failed: pg_dump: error: connection lost")
    assert password not in (tools / "args").read_text()
    assert (tools / "password").read_text().strip() == password
    assert list(out.iterdir()) == []
