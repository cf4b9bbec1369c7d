from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yukemuri.regions.loader import RegionDataError, load_region_folder

BUNDLED = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = (
        "Load a prefecture's areas and municipalities from a folder holding prefecture.toml and "
        "municipalities.csv (or the name of a bundled one, e.g. 'gunma'). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder path, or the name of a bundled prefecture")

    def handle(self, folder, **options):
        path = Path(folder)
        if not path.is_dir() and (BUNDLED / folder).is_dir():
            path = BUNDLED / folder
        try:
            result = load_region_folder(path)
        except RegionDataError as exc:
            raise CommandError("\n".join(exc.problems)) from None
        self.stdout.write(
            f"{result.prefecture.name} ({result.prefecture.code}): "
            f"{result.created} municipalities created, {result.updated} updated"
        )
