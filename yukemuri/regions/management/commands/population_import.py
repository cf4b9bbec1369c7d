from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yukemuri.regions.loader import RegionDataError, load_population

BUNDLED = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = (
        "Load residents by age (地域・年齢別人口, the 自治体標準オープンデータセット layout: 全国地方公共団体コード, "
        "調査年月日 and age columns such as 0-4歳 … 100歳以上, per sex or not) from a CSV file, or a bundled prefecture's "
        "population.csv by its name (e.g. 'gunma'). Counts of the same municipality and date are replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a CSV file, or the name of a bundled prefecture")
        parser.add_argument("--source", default="", help="where the figures come from (stored with them)")

    def handle(self, path, source, **options):
        file = Path(path)
        if not file.is_file() and (BUNDLED / path / "population.csv").is_file():
            file = BUNDLED / path / "population.csv"
            source = source or "demo: approximate figures (see the file's README)"
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            stored = load_population(data, source=source or file.name)
        except RegionDataError as exc:
            raise CommandError("\n".join(exc.problems)) from None
        self.stdout.write(f"{stored} municipality counts stored")
