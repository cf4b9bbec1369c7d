"""`manage.py restore PATH [--yes]`: a backup made by `manage.py backup` into an EMPTY database (yukemuri.core.backup).

Never overwrites: a database that holds any table is refused. To restore over a site, move its database
aside first (docs/deploy.md, "Backups and restore"). Fails with a one-line message and a non-zero exit status."""

import sqlite3
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from yukemuri.core import backup, pagecache


class Command(BaseCommand):
    # A backup or a restore must not wait on the site's own checks (an error there is no reason to keep no backup).
    requires_system_checks = []
    help = ("Restore a backup (a SQLite file or a pg_dump custom-format file) into the configured database, "
            "which must be empty.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file.")
        parser.add_argument("--yes", "--no-input", "--noinput", dest="yes", action="store_true",
                            help="Do not ask for confirmation (required when not run from a terminal).")
        parser.add_argument("--pg-bin", metavar="DIR",
                            help="Directory of pg_restore (default: the server's version, or the one on PATH).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, choices=tuple(connections),
                            help="Database alias (default: %(default)s).")

    def handle(self, *, path, yes, pg_bin, database, **options):
        connection = connections[database]
        try:
            backup.check_restorable(path, connection)
            target = backup.database_label(connection)
            if not yes:
                if not sys.stdin.isatty():
                    raise CommandError(f"restoring {path} into the {target} needs confirmation: pass --yes")
                try:
                    answer = input(f"Restore {path} into the {target}? [y/N] ")
                except (EOFError, KeyboardInterrupt):
                    answer = ""
                if answer.strip().lower() not in ("y", "yes"):
                    raise CommandError("nothing restored")
            backup.restore(path, connection, pg_bin=pg_bin)
        except backup.BackupError as error:
            raise CommandError(str(error))
        except (DatabaseError, sqlite3.Error) as error:
            raise CommandError(f"the database failed: {error}")
        except OSError as error:
            raise CommandError(f"the restore failed: {error}")
        self.stdout.write(f"restored {path} into the {target}")
        self._tell_migrations(connection)
        try:
            pagecache.bump_now()  # a shared cache (Redis) may still hold pages of the data that was there before
        except Exception as error:  # the restore is done; a cache that does not answer now only serves old pages longer
            self.stderr.write(f"could not empty the page cache ({error}): cached pages expire within PAGE_CACHE_SECONDS")

    def _tell_migrations(self, connection):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stderr.write(f"the backup predates this code: {len(plan)} migrations to apply; "
                              "run `manage.py migrate` before starting the site")
        applied = set(executor.loader.applied_migrations)
        unknown = applied - set(executor.loader.graph.nodes)
        if unknown:
            self.stderr.write(f"the backup was made by newer code ({len(unknown)} migrations this code does not have, "
                              f"e.g. {'.'.join(sorted(unknown)[0])}): run the code it was made with")
