"""A task worker that outlives database outages and takes up tasks whose worker died.

django-tasks-db's worker stops at the first database error that is not a lock (a restart of PostgreSQL, a
network blip of three seconds), and a task whose worker crashed stays RUNNING for ever. This one reconnects
and goes on, with a growing pause between tries, and puts tasks RUNNING for longer than `stale_after` back
in the queue (at most MAX_ATTEMPTS runs each). Our tasks are idempotent — the e-mail ones claim each e-mail
before sending (yukemuri.notifications.mail) — so a task taken up again does not do its work twice.
"""

import logging
import random
import time
from datetime import timedelta

from django.db import Error as DatabaseError
from django.db import OperationalError, close_old_connections, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger("yukemuri.worker")

MAX_ATTEMPTS = 5  # runs of one task (taken up again after crashes) before it is marked failed


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            pass  # it is broken: the next query opens a new one


def requeue_stale(*, backend_name: str, stale_after: timedelta, now=None) -> tuple[int, int]:
    """Put tasks RUNNING since before `stale_after` back in the queue (their worker is gone); those run
    MAX_ATTEMPTS times already are marked failed instead. Returns (requeued, failed). Each update is
    conditional on the row still being RUNNING since then, so two workers never both take one up."""
    cutoff = (now or timezone.now()) - stale_after
    requeued = failed = 0
    stale = DBTaskResult.objects.running().filter(backend_name=backend_name, started_at__lt=cutoff)
    for result in stale.only("id", "worker_ids", "started_at"):
        still = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING,
                                            started_at=result.started_at)
        if len(result.worker_ids) >= MAX_ATTEMPTS:
            failed += still.update(status=TaskResultStatus.FAILED, finished_at=timezone.now(),
                                   exception_class_path="yukemuri.core.worker.Abandoned",
                                   traceback=f"Taken up {len(result.worker_ids)} times; its workers never finished it.")
        else:
            requeued += still.update(status=TaskResultStatus.READY, started_at=None)
    if requeued or failed:
        logger.warning("Requeued %d task(s) whose worker was gone; gave up on %d.", requeued, failed)
    return requeued, failed


class ResilientWorker(Worker):
    """db_worker's Worker (its signals, task running and bookkeeping) with its own loop: database errors
    pause and reconnect instead of ending the process, and stale tasks are put back every `stale_after / 4`.
    The loop follows django_tasks_db 0.13's Worker.run, with these two additions."""

    def __init__(self, *, stale_after: float = 1800, backoff: float = 1.0, max_backoff: float = 60.0, **kwargs):
        super().__init__(**kwargs)
        self.stale_after = timedelta(seconds=stale_after)
        self.backoff, self.max_backoff = backoff, max_backoff
        self.failures = 0
        self._next_sweep = 0.0

    def _sweep(self) -> None:
        if time.monotonic() >= self._next_sweep:
            requeue_stale(backend_name=self.backend_name, stale_after=self.stale_after)
            self._next_sweep = time.monotonic() + self.stale_after.total_seconds() / 4

    def _next_task(self):
        """Claim the next ready task (None: none ready, or the database is locked for a moment)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # so no other worker runs it
                return task_result, True
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None, False
                raise

    def _step(self) -> bool:
        """One turn of the loop; False when the worker should stop (batch done, --max-tasks reached)."""
        close_old_connections()
        self._sweep()
        task_result, retrieved = self._next_task()
        if task_result is not None:
            self.run_task(task_result)
        if self.batch and retrieved and task_result is None:
            logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
            return False
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("Ran the maximum of %d task(s) on worker_id=%s - exiting.", self._run_tasks, self.worker_id)
            return False
        close_old_connections()
        if self.running and not task_result:
            time.sleep(self.interval)
        return True

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # spreads workers that start together
        while self.running:
            try:
                if not self._step():
                    return
                self.failures = 0
            except DatabaseError as exc:
                self.failures += 1
                pause = min(self.backoff * 2 ** (self.failures - 1), self.max_backoff)
                logger.warning("Database error in the task worker (%s); trying again in %.1f s.", exc, pause)
                _close_connections()
                self.running_task = False
                if self.running:
                    time.sleep(pause)
