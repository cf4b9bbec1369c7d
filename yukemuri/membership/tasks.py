"""Background work of the memberships: issuing a month's invoices (idempotent; see billing.py)."""

from datetime import date

from django_tasks import task


@task()
def issue_invoices(space_id: int, month: str) -> int:
    """Issue the month's invoices of a space (month as YYYY-MM-01); running it again adds nothing."""
    from yukemuri.space.models import Space

    from .billing import issue_month

    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        return 0
    return len(issue_month(space=space, month=date.fromisoformat(month)))


@task()
def close_open_visits() -> int:
    """The nightly sweep: visits nobody checked out end at their day's closing time."""
    from .services import close_open_visits as close

    return close()
