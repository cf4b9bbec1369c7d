"""Helpers for the task queue (django-tasks)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend

# Seconds before each new try of a task that failed on something passing (the mail server down): about
# a day in all, after which the sweep (`settle_campaigns`, cron) still picks up what waits.
RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60, 12 * 60 * 60)


def enqueue_later(task, run_after, *args) -> bool:
    """Enqueue `task` to run at `run_after` where the backend can defer; returns whether it did. Backends
    that cannot (the immediate one in tests) leave the work to the command that sweeps due work."""
    if not default_task_backend.supports_defer:
        return False
    task.using(run_after=run_after).enqueue(*args)
    return True


def retry_later(task, *args, attempt: int) -> bool:
    """Enqueue `task(*args, attempt + 1)` after the next delay of RETRY_DELAYS; returns whether it did
    (not after the last delay, nor on backends that cannot defer). The task must be idempotent: the try
    that failed may have done part of its work."""
    if attempt >= len(RETRY_DELAYS):
        return False
    return enqueue_later(task, timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt]), *args, attempt + 1)
