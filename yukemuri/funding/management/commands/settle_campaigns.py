from django.core.management.base import BaseCommand

from yukemuri.funding.services import settle_due
from yukemuri.notifications.tasks import send_due_digests


class Command(BaseCommand):
    help = "Settle campaigns past their deadline and send waiting digests (for cron; the task queue does both too)."

    def handle(self, *args, **options):
        settled = settle_due()
        sent = send_due_digests()
        self.stdout.write(f"settled {settled} campaign(s), sent {sent} notice(s) by e-mail")
