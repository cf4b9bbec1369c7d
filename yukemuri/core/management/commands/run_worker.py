"""`manage.py run_worker`: django-tasks-db's `db_worker` that survives database outages (yukemuri.core.worker).

Options are db_worker's, plus --stale-after, --backoff and --max-backoff. Run one or more under a
supervisor that restarts them should they stop anyway (README: systemd, Restart=always)."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from yukemuri.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the background task worker; it reconnects after database errors and takes up abandoned tasks."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--stale-after", type=db_worker.valid_interval, default=1800,
                            help="Seconds after which a RUNNING task whose worker is gone is queued again "
                                 "(default: %(default)r).")
        parser.add_argument("--backoff", type=db_worker.valid_interval, default=1,
                            help="First pause after a database error, doubled up to --max-backoff (default: %(default)r).")
        parser.add_argument("--max-backoff", type=db_worker.valid_interval, default=60,
                            help="Longest pause between tries while the database is away (default: %(default)r).")

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, stale_after, backoff, max_backoff, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id, excluded_queue_names=excluded,
            stale_after=stale_after, backoff=backoff, max_backoff=max_backoff,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
