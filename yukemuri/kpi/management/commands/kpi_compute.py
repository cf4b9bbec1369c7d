from django.core.management.base import BaseCommand

from yukemuri.kpi.compute import compute_all


class Command(BaseCommand):
    help = "Recompute the indicators the platform counts from its own data (idempotent; for cron)."

    def handle(self, *args, **options):
        for slug, rows in compute_all().items():
            self.stdout.write(f"{slug}: {rows} value(s)")
