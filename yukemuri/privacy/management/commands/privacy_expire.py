from django.core.management.base import BaseCommand

from yukemuri.privacy.services import expire_exports


class Command(BaseCommand):
    help = "Drop the files of data exports past their expiry (for cron; the task queue does it too)."

    def handle(self, *args, **options):
        self.stdout.write(f"expired {expire_exports()} export(s)")
