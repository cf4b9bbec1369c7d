from django.core.management.base import BaseCommand

from yukemuri.matching.services import suggest


class Command(BaseCommand):
    help = "Run the matching engine over every open opening and offer new suggestions (for cron, e.g. nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, seed, **options):
        made = suggest(seed=seed)
        self.stdout.write(f"{len(made)} new suggestion(s)")
