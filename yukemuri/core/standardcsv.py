"""自治体標準オープンデータセット files in: what every import of a standard CSV shares (イベント一覧, 公共施設一覧).

A file is read whole and every row checked before anything is written; then every row is written in one
transaction, or none (a row the database refuses undoes the others). A dry run is the real run, rolled back, so it
checks everything the real run checks, the database included. Each app brings its columns (`norm` maps a header
to the standard name), its row parser and its writer of one row; the row's key (全国地方公共団体コード, ID) must be
unique in the file.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) or Shift_JIS, which many municipalities still publish; None if neither."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def parse(data: bytes, *, required, norm: Callable[[str], str], parse_row) -> tuple[list, ImportResult]:
    """Every row parsed by `parse_row(row: dict, line) -> (item or None, [RowError])`, whose item starts with the
    row's key, and the result holding every problem found (then nothing may be written)."""
    result = ImportResult()
    text = decode(data)
    if text is None:
        result.errors.append(RowError(1, "", _("The file is neither UTF-8 nor Shift_JIS.")))
        return [], result
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [norm(name) for name in next(reader)]
    except (StopIteration, csv.Error):
        result.errors.append(RowError(1, "", _("The file is empty.")))
        return [], result
    missing = [name for name in required if name not in header]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), _("Required columns are missing: %(columns)s.")
                                      % {"columns": "、".join(missing)}))
        return [], result
    parsed, seen = [], {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                result.errors.append(RowError(line, "", _("This row has more cells than the header.")))
                continue
            item, errors = parse_row(dict(zip(header, row, strict=False)), line)
            result.errors += errors
            if item:
                key = item[:2]
                if key in seen:
                    result.errors.append(RowError(line, "ID", _("The same code and ID are on line %(line)s too.")
                                                  % {"line": seen[key]}))
                seen[key] = line
                parsed.append(item)
    except csv.Error as exc:
        result.errors.append(RowError(reader.line_num, "", _("The CSV is malformed: %(error)s") % {"error": exc}))
    return parsed, result


class _RowFailed(Exception):
    def __init__(self, error: RowError):
        self.error = error


def save(parsed, result: ImportResult, write_row, *, dry_run: bool = False) -> ImportResult:
    """`write_row(item, result)` for every parsed row (whose last element is its line) in one transaction, each in
    a savepoint; a row the database refuses undoes them all and says which (never a 500)."""
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for item in parsed:
                try:
                    with transaction.atomic():  # a savepoint, so that PostgreSQL can go on to roll back cleanly
                        write_row(item, result)
                except (DatabaseError, ValueError) as exc:  # what validation did not foresee
                    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
                    raise _RowFailed(RowError(item[-1], "", _(
                        "This row could not be saved (%(error)s). Nothing was imported.") % {"error": detail})) from exc
            if dry_run:
                transaction.set_rollback(True)
    except _RowFailed as failed:
        result.created = result.updated = result.unchanged = 0
        result.errors.append(failed.error)
    return result


def cells(row: dict, line: int):
    """`value(name)`, the stripped text of a cell (a cell our export protected against CSV injection, '=…, comes
    back as it was), and the errors of the cells PostgreSQL's text cannot hold (NUL: such a row would pass the dry
    run and fail the real one)."""
    from .csvexport import unneutralise

    def value(name):
        return unneutralise((row.get(name) or "").strip()).strip()

    nul = [RowError(line, name, _("The cell contains a NUL character (byte 0), which text cannot hold."))
           for name, cell in row.items() if cell and "\x00" in cell]
    return value, nul
