"""`manage.py replica_lag`: how far the read replica is behind the primary, in seconds (the figure the router
compares with REPLICA_MAX_LAG_SECONDS). `--every 1` prints it each second, with the time, until stopped or for
`--count` lines: the load benchmark samples it during a run (docs/decisions/0013-read-replica.md)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections
from django.utils import timezone

from yukemuri.core import dbrouting


class Command(BaseCommand):
    help = "Print the read replica's lag behind the primary in seconds ('inf' when it receives nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="print again every this many seconds")
        parser.add_argument("--count", type=int, default=0, help="with --every: stop after this many lines (0: never)")

    def handle(self, *, every, count, **options):
        if dbrouting.REPLICA not in connections.settings:
            raise CommandError("no read replica: set REPLICA_DATABASE_URL")
        printed = 0
        while True:
            try:
                lag = f"{dbrouting.replica_lag():.3f}"
            except DatabaseError as error:
                if not every:
                    raise CommandError(f"the replica does not answer: {error}")
                connections[dbrouting.REPLICA].close()
                lag = "down"
            self.stdout.write(f"{timezone.now().isoformat(timespec='seconds')} {lag}" if every else lag)
            printed += 1
            if not every or (count and printed >= count):
                return
            time.sleep(every)
