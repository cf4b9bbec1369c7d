from django_tasks import task

from .compute import compute_all


@task()
def kpi_compute() -> dict:
    """Recompute the indicators the platform counts (cron runs `kpi_compute`, or the queue runs this nightly).
    Idempotent: each run replaces the computed values with the same rows when nothing changed."""
    return compute_all()
