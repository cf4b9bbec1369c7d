from django.core.management.base import BaseCommand

from yukemuri.points.services import expire_due


class Command(BaseCommand):
    help = "Expire points past their issuer's term, oldest first (for cron; the task queue does it too)."

    def handle(self, *args, **options):
        self.stdout.write(f"expired {expire_due()} lot(s)")
