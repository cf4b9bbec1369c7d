import tomllib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yukemuri.regions.loader import N03_CREDIT, RegionDataError, load_boundaries, load_region_folder

BUNDLED = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = (
        "Load a prefecture's areas and municipalities from a folder holding prefecture.toml and "
        "municipalities.csv (or the name of a bundled one, e.g. 'gunma'), and the municipalities' boundaries "
        "for the map from its boundaries.geojson (国土数値情報 N03) when the folder has one. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder path, or the name of a bundled prefecture")
        parser.add_argument("--boundaries", help="a GeoJSON file of boundaries (default: the folder's boundaries.geojson)")
        parser.add_argument("--boundaries-source", default=None,
                            help="the credit to show with the boundaries (default: prefecture.toml's "
                                 "boundaries_source, else the 国土数値情報 credit)")

    def handle(self, folder, boundaries=None, boundaries_source=None, **options):
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
        outline = Path(boundaries) if boundaries else path / "boundaries.geojson"
        if boundaries or outline.is_file():
            meta = tomllib.loads((path / "prefecture.toml").read_text(encoding="utf-8"))
            source = boundaries_source or meta.get("boundaries_source") or N03_CREDIT
            try:
                changed = load_boundaries(outline, source=source)
            except RegionDataError as exc:
                raise CommandError("\n".join(exc.problems)) from None
            self.stdout.write(f"boundaries: {changed} stored or changed")
