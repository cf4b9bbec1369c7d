"""Backups of the site's database and their restore (`manage.py backup`, `manage.py restore`; docs/deploy.md).

SQLite is copied with SQLite's online backup API, which reads one consistent snapshot while the site goes on
writing (WAL mode), into a single self-contained file. PostgreSQL is dumped by `pg_dump` in its custom format,
which `pg_restore` reads. Either way the backup is written to a temporary file beside its destination and
renamed into place only once complete, so a backup file that exists is a whole one.

A restore only ever goes into an *empty* database: it never overwrites data. To restore over a site, the
operator moves the old database aside (or drops it) first, which is a deliberate step of its own.

Passwords reach pg_dump and pg_restore through the environment (PGPASSWORD), never the command line, where
any user of the machine could read them.
"""

import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
EXTENSIONS = {"sqlite": "sqlite3", "postgresql": "pgdump"}
KIND_NAMES = {"sqlite": "a SQLite database", "postgresql": "a PostgreSQL dump (pg_dump custom format)"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
PG_TOOL_TIMEOUT = 6 * 3600


class BackupError(Exception):
    """A failure told to the operator in a sentence, without a traceback."""


@dataclass
class Backup:
    path: Path
    counts: dict[str, int]  # rows per table, read in the same snapshot as the backup


def vendor_of(connection) -> str:
    if connection.vendor not in EXTENSIONS:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def kind_of_file(path: Path) -> str | None:
    """'sqlite' or 'postgresql' from the file's first bytes, None for anything else."""
    with open(path, "rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return None


def default_directory() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def _destination(output: str | Path | None, vendor: str) -> Path:
    """The file to write: OUTPUT itself, or a new timestamped name in OUTPUT when it is a directory (by
    default var/backups/, made when missing). OUTPUT ending in a slash must be a directory."""
    if output is not None and str(output).endswith(("/", os.sep)) and not Path(output).is_dir():
        raise BackupError(f"cannot write the backup to {output}: there is no such directory")
    output = None if output is None else Path(output)
    if output is None:
        directory = default_directory()
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise BackupError(f"cannot create the backup directory {directory}: {error.strerror}")
    elif output.is_dir():
        directory = output
    else:
        if not output.parent.is_dir():
            raise BackupError(f"cannot write the backup to {output}: {output.parent} is not a directory")
        return output
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"{stamp}.{EXTENSIONS[vendor]}"
    number = 1
    while path.exists():  # two backups in one second
        number += 1
        path = directory / f"{stamp}-{number}.{EXTENSIONS[vendor]}"
    return path


def backup(connection, output: str | Path | None = None, *, pg_bin: str | None = None) -> Backup:
    """Write a backup of CONNECTION's database and return where, with the row counts it holds."""
    vendor = vendor_of(connection)
    name = connection.settings_dict["NAME"]
    if vendor == "sqlite" and not connection.is_in_memory_db() and not Path(name).is_file():
        raise BackupError(f"there is no SQLite database at {name}: is DATABASE_URL the site's database?")
    try:
        if not existing_relations(connection):
            raise BackupError(f"the {database_label(connection)} has no tables: is DATABASE_URL the site's database?")
    except DatabaseError as error:
        raise BackupError(f"cannot reach the {database_label(connection)}: {error}")
    path = _destination(output, vendor)
    try:
        # mkstemp makes the file readable by its owner only: a backup holds personal data and password hashes.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise BackupError(f"cannot write the backup to {path.parent}: {error.strerror}")
    os.close(handle)
    temporary = Path(temporary)
    try:
        counts = _sqlite_backup(connection, temporary) if vendor == "sqlite" else _pg_dump(connection, temporary, pg_bin)
        with open(temporary, "rb") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
        _fsync_directory(path.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return Backup(path=path, counts=counts)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# SQLite


def _sqlite_backup(connection, temporary: Path) -> dict[str, int]:
    if connection.in_atomic_block:
        raise BackupError("cannot back up from inside a transaction")
    connection.ensure_connection()
    source = connection.connection
    target = sqlite3.connect(temporary)
    try:
        # One read transaction for the counts and the copy: both see the same snapshot, whatever the site
        # writes meanwhile. pages=-1 copies everything in one step, under that snapshot.
        source.execute("BEGIN")
        try:
            counts = _sqlite_counts(source)
            source.backup(target, pages=-1)
        finally:
            source.execute("ROLLBACK")
        # A single self-contained file, whatever the journal mode of the live database.
        target.execute("PRAGMA journal_mode=DELETE")
        target.commit()
    except sqlite3.Error as error:
        raise BackupError(f"the SQLite backup failed: {error}")
    finally:
        target.close()
    return counts


def _sqlite_tables(database: sqlite3.Connection) -> list[str]:
    rows = database.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [name for (name,) in rows]


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    return {
        table: database.execute(f'SELECT count(*) FROM "{table.replace(chr(34), chr(34) * 2)}"').fetchone()[0]  # noqa: S608
        for table in _sqlite_tables(database)
    }


def _open_sqlite_backup(path: Path) -> sqlite3.Connection:
    """The backup file, read-only, once it has proved to be a whole SQLite database of a Django site."""
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"cannot open {path}: {error}")
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{path} is damaged: {check}")
        if "django_migrations" not in _sqlite_tables(source):
            raise BackupError(f"{path} is a SQLite database, but not one of this site (it has no django_migrations table)")
    except sqlite3.Error as error:
        source.close()
        raise BackupError(f"cannot read {path}: {error}")
    except BackupError:
        source.close()
        raise
    return source


def _sqlite_restore(path: Path, target: sqlite3.Connection) -> None:
    source = _open_sqlite_backup(path)
    try:
        source.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=WAL")  # as the site's connections set it (settings.py)
    except sqlite3.Error as error:
        raise BackupError(f"the SQLite restore failed: {error}")
    finally:
        source.close()


# PostgreSQL


def _pg_env(settings_dict: dict, name: str | None = None) -> dict[str, str]:
    """libpq's environment for the connection: host, port, user and database besides what Django's own client
    passes this way (password, SSL, passfile, service)."""
    from django.db.backends.postgresql.client import DatabaseClient

    _, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = name or settings_dict["NAME"]
    return env


def _server_major(connection) -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def pg_tool(name: str, connection, pg_bin: str | None = None) -> str:
    """The pg_dump or pg_restore to run: from PG_BIN (--pg-bin) when given, else Debian's one of the server's
    major version, else the first on PATH; refused when older than the server (pg_dump cannot dump a newer
    server, and an older pg_restore may not read what a newer pg_dump wrote)."""
    major = _server_major(connection)
    if pg_bin:
        candidates = [Path(pg_bin) / name]
    else:
        found = shutil.which(name)
        candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}"), *([Path(found)] if found else [])]
    tool = next((str(c) for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)
    if tool is None:
        where = f"in {pg_bin}" if pg_bin else "on PATH"
        raise BackupError(f"{name} was not found {where}: install the PostgreSQL {major} client programs "
                          f"(Debian: apt-get install postgresql-client-{major}) or name their directory with --pg-bin")
    try:
        version = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30, check=True).stdout  # noqa: S603
    except (OSError, subprocess.SubprocessError) as error:
        raise BackupError(f"{tool} --version failed: {error}")
    found_major = re.search(r"(\d+)", version)
    if not found_major or int(found_major.group(1)) < major:
        raise BackupError(f"{tool} is {version.strip() or 'of an unknown version'}, older than the server "
                          f"(PostgreSQL {major}): use the client programs of PostgreSQL {major} or newer (--pg-bin)")
    return tool


def _run_pg_tool(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=PG_TOOL_TIMEOUT)  # noqa: S603 — no shell; the operator's own tools
    except (OSError, subprocess.SubprocessError) as error:
        raise BackupError(f"{what} failed: {error}")
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip() or f"exit status {result.returncode}"
        raise BackupError(f"{what} failed: {message}")


PG_RELATIONS = """
    SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%%' ORDER BY 1, 2
"""


def _pg_counts(cursor) -> dict[str, int]:
    cursor.execute(PG_RELATIONS)
    tables = [(schema, name) for schema, name, kind in cursor.fetchall() if kind in ("r", "p")]
    counts = {}
    for schema, name in tables:
        cursor.execute(f'SELECT count(*) FROM "{schema}"."{name}"')  # noqa: S608 — names read from pg_class
        label = name if schema == "public" else f"{schema}.{name}"
        counts[label] = cursor.fetchone()[0]
    return counts


def _pg_dump(connection, temporary: Path, pg_bin: str | None) -> dict[str, int]:
    if connection.in_atomic_block:
        raise BackupError("cannot back up from inside a transaction")
    tool = pg_tool("pg_dump", connection, pg_bin)
    env = _pg_env(connection.settings_dict)
    # pg_dump reads a snapshot exported by this connection, in which the row counts are taken too: the
    # counts are those of the dump, exactly, whatever the site writes meanwhile.
    try:
        connection.set_autocommit(False)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = _pg_counts(cursor)
                _run_pg_tool([tool, "--format=custom", "--no-password", f"--snapshot={snapshot}",
                              f"--file={temporary}"], env, "pg_dump")
        finally:
            connection.rollback()
            connection.set_autocommit(True)
    except DatabaseError as error:
        raise BackupError(f"the database refused: {error}")
    return counts


def _pg_restore(path: Path, connection, settings_dict: dict, name: str, pg_bin: str | None) -> None:
    tool = pg_tool("pg_restore", connection, pg_bin)
    # --single-transaction: a restore that fails leaves the database as empty as it was. --no-owner and
    # --no-privileges: the objects belong to the site's own database user, whatever roles the source had.
    _run_pg_tool([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password",
                  f"--dbname={name}", str(path)], _pg_env(settings_dict, name), "pg_restore")


# Restore


def database_label(connection) -> str:
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite database {data['NAME']}"
    where = f"{data.get('HOST') or 'local socket'}:{data.get('PORT') or 5432}"
    return f"PostgreSQL database {data['NAME']!r} on {where}"


def existing_relations(connection) -> list[str]:
    """What the database already holds (tables, views, sequences); an empty list when it is empty."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        rows = connection.connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return [name for (name,) in rows]
    with connection.cursor() as cursor:
        cursor.execute(PG_RELATIONS)
        return [name if schema == "public" else f"{schema}.{name}" for schema, name, _ in cursor.fetchall()]


def check_restorable(path: Path, connection) -> str:
    """The backup's kind, once PATH is a readable backup of the kind CONNECTION's engine takes and the
    database is empty; a BackupError saying what is wrong otherwise."""
    vendor = vendor_of(connection)
    if not path.exists():
        raise BackupError(f"{path} does not exist")
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    try:
        kind = kind_of_file(path)
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror}")
    if kind is None:
        raise BackupError(f"{path} is not a backup: neither {KIND_NAMES['sqlite']} nor {KIND_NAMES['postgresql']}")
    if kind != vendor:
        raise BackupError(f"{path} is {KIND_NAMES[kind]}, but the configured database is {ENGINE_NAMES[vendor]}: "
                          f"restore it into a {ENGINE_NAMES[kind]} database (DATABASE_URL)")
    try:
        existing = existing_relations(connection)
    except DatabaseError as error:
        raise BackupError(f"cannot reach the {database_label(connection)}: {error}")
    if existing:
        shown = ", ".join(existing[:5]) + (", …" if len(existing) > 5 else "")
        raise BackupError(f"the {database_label(connection)} is not empty ({len(existing)} tables or other objects: "
                          f"{shown}); restore only goes into an empty database: see 'Backups and restore' in "
                          f"docs/deploy.md")
    return kind


def restore(path: Path, connection, *, pg_bin: str | None = None) -> None:
    """Restore the backup at PATH into CONNECTION's database, which must be empty (check_restorable)."""
    check_restorable(path, connection)
    if connection.in_atomic_block:
        raise BackupError("cannot restore from inside a transaction")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _sqlite_restore(path, connection.connection)
    else:
        _pg_restore(path, connection, connection.settings_dict, connection.settings_dict["NAME"], pg_bin)
        try:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # pg_restore leaves the planner without statistics
        except DatabaseError:
            pass  # only slower until autovacuum analyses the tables


# Verification


def verify(result: Backup, connection, *, pg_bin: str | None = None) -> dict[str, int]:
    """Restore the backup into a new temporary database, count its rows per table, and compare them with
    the counts read in the backup's own snapshot; the temporary database is removed again."""
    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="yukemuri-verify-") as directory:
            target = sqlite3.connect(Path(directory) / "verify.sqlite3")
            try:
                _sqlite_restore(result.path, target)
                restored = _sqlite_counts(target)
            finally:
                target.close()
    else:
        restored = _pg_verify(result.path, connection, pg_bin)
    compare(result.path, result.counts, restored)
    return restored


def compare(path: Path, counts: dict[str, int], restored: dict[str, int]) -> None:
    """A BackupError naming each table whose rows differ between the database (COUNTS) and its restored backup."""
    differences = sorted(
        f"{table}: {counts.get(table, 'missing')} in the database, {restored.get(table, 'missing')} restored"
        for table in set(counts) | set(restored)
        if counts.get(table) != restored.get(table)
    )
    if differences:
        raise BackupError(f"the backup {path} does not restore to the same rows: " + "; ".join(differences))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _pg_verify(path: Path, connection, pg_bin: str | None) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database "
                       "WHERE datname = current_database()")
        encoding, collate, ctype = cursor.fetchone()
    name = f"{connection.settings_dict['NAME'][:40]}_verify_{secrets.token_hex(4)}"
    quote = connection.ops.quote_name
    settings_dict = {**connection.settings_dict, "NAME": name}
    try:
        with connection.cursor() as cursor:
            # Utility statements take no parameters (and the site binds them on the server): literals.
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE template0 ENCODING {_literal(encoding)} "
                           f"LC_COLLATE {_literal(collate)} LC_CTYPE {_literal(ctype)}")
    except DatabaseError as error:
        raise BackupError(f"cannot create a temporary database to verify the backup in: {error}")
    try:
        _pg_restore(path, connection, settings_dict, name, pg_bin)
        wrapper = connections[connection.alias]  # the class itself, not django.db.connection's proxy
        other = wrapper.__class__(settings_dict, alias="backup-verify")
        try:
            with other.cursor() as cursor:
                return _pg_counts(cursor)
        finally:
            other.close()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
