"""`python manage.py space_invoices [--month YYYY-MM]` (cron, e.g. on the 1st): close visits left open by the rule and
queue each space's invoices of the month (default: last month). Idempotent: running it again issues nothing new."""

from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from yukemuri.membership import services, tasks
from yukemuri.space.models import Space


class Command(BaseCommand):
    help = "Close visits left open and queue every space's invoices of a month (default: last month)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default: the month before this one")

    def handle(self, *args, month=None, **options):
        if month:
            try:
                first = datetime.strptime(month.strip(), "%Y-%m").date()
            except ValueError:
                raise CommandError(f"--month {month!r}: write YYYY-MM, e.g. 2026-12", returncode=2) from None
        else:
            first = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
        closed = services.close_open_visits()
        spaces = list(Space.objects.order_by("pk").values_list("pk", flat=True))
        for space_id in spaces:
            tasks.issue_invoices.enqueue(space_id, date.isoformat(first))
        self.stdout.write(f"closed {closed} open visit(s); queued the invoices of {first:%Y-%m} for {len(spaces)} "
                          f"space(s)")
