from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yukemuri.events.opendata import import_events


class Command(BaseCommand):
    help = ("Import a 自治体標準オープンデータセット「イベント一覧」 CSV (current or older header; UTF-8 or Shift_JIS), "
            "all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file and import nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        result = import_events(file.read_bytes(), dry_run=dry_run)
        if result.errors:
            for e in result.errors:
                self.stderr.write(f"line {e.line}, {e.column or '-'}: {e.message}")
            raise CommandError(f"{len(result.errors)} problem(s): nothing was imported")
        verb = "would create" if dry_run else "created"
        self.stdout.write(f"{verb} {result.created}, {'would update' if dry_run else 'updated'} {result.updated}")
