from django.core.management.base import BaseCommand

from yukemuri.translations import reads


class Command(BaseCommand):
    help = "Move the reads of posts counted in the cache into the database (for the translation queue; cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{reads.flush()} reads recorded")
