from django_tasks import task

from .services import expire_due


@task()
def expire_points() -> int:
    """Expire every lot past its term (each earning schedules this for the moment its points expire; the
    `points_expire` command sweeps for cron too). Idempotent: a lot already expired is not expired again."""
    return expire_due()
