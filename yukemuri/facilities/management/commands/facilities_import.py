from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yukemuri.facilities.opendata import import_facilities


class Command(BaseCommand):
    help = ("Import a 自治体標準オープンデータセット「公共施設一覧」 CSV (UTF-8 or Shift_JIS), all or nothing; "
            "rows are matched by 全国地方公共団体コード and ID, so importing again updates them.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file and import nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror or exc}") from None
        result = import_facilities(data, dry_run=dry_run)
        if result.errors:
            for e in result.errors:
                self.stderr.write(f"line {e.line}, {e.column or '-'}: {e.message}")
            raise CommandError(f"{len(result.errors)} problem(s): nothing was imported")
        would = "would be " if dry_run else ""
        self.stdout.write(f"{result.created} {would}created, {result.updated} {would}updated, "
                          f"{result.unchanged} unchanged")
