"""Helpers for the task queue (django-tasks)."""

from django_tasks import default_task_backend


def enqueue_later(task, run_after, *args) -> bool:
    """Enqueue `task` to run at `run_after` where the backend can defer; returns whether it did. Backends
    that cannot (the immediate one in tests) leave the work to the command that sweeps due work."""
    if not default_task_backend.supports_defer:
        return False
    task.using(run_after=run_after).enqueue(*args)
    return True
