"""`manage.py backup [--output PATH] [--verify]`: a backup of the site's database (yukemuri.core.backup).

Prints the backup's path on standard output (as soon as it is written, before --verify), and nothing else there,
so that scripts can take it:
`path=$(manage.py backup)`. Fails with a one-line message and a non-zero exit status."""

import sqlite3
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from yukemuri.core import backup


class Command(BaseCommand):
    # A backup or a restore must not wait on the site's own checks (an error there is no reason to keep no backup).
    requires_system_checks = []
    help = ("Back up the database: SQLite with its online backup API, PostgreSQL with pg_dump (custom format). "
            "Safe while the site runs. Prints the path of the backup.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o",
                            help="File to write (replaced if it exists), or a directory to write a timestamped file in "
                                 "(default: a timestamped file in var/backups/).")
        parser.add_argument("--verify", action="store_true",
                            help="Then restore the backup into a temporary database (for PostgreSQL: a new database "
                                 "on the same server, dropped afterwards) and compare its row counts per table.")
        parser.add_argument("--pg-bin", metavar="DIR",
                            help="Directory of pg_dump and pg_restore (default: those of the server's version, "
                                 "or the ones on PATH).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, choices=tuple(connections),
                            help="Database alias (default: %(default)s).")

    def handle(self, *, output, verify, pg_bin, database, **options):
        connection = connections[database]
        with self._reported():
            result = backup.backup(connection, output, pg_bin=pg_bin)
        self.stdout.write(str(result.path))
        if verify:
            with self._reported(f"the backup {result.path} was written but not verified: "):
                restored = backup.verify(result, connection, pg_bin=pg_bin)
            self.stderr.write(f"verified: {len(restored)} tables, {sum(restored.values())} rows, "
                              "the same as in the database when it was backed up")

    @contextmanager
    def _reported(self, prefix=""):
        try:
            yield
        except backup.BackupError as error:
            raise CommandError(f"{prefix}{error}")
        except (DatabaseError, sqlite3.Error) as error:
            raise CommandError(f"{prefix}the database failed: {error}")
        except OSError as error:
            raise CommandError(f"{prefix}{error}")
