from django.core.management.base import BaseCommand

from yukemuri.listening.report import recompute, stale_conversations


class Command(BaseCommand):
    help = ("Analyse every conversation whose report is older than its votes (for cron, a safety net beside the "
            "tasks the votes ask for; a conversation already being analysed is left to that run).")

    def handle(self, *args, **options):
        ran = sum(recompute(pk) for pk in stale_conversations().values_list("pk", flat=True))
        self.stdout.write(f"analysed {ran} conversation(s)")
