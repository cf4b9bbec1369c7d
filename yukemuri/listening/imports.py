"""Importing public comments (パブリックコメント, survey answers) from a CSV file (or an Excel workbook,
`spreadsheets.py`) into a conversation.

The file is read as a stream of rows, never whole into memory, within two limits (settings
YUKEMURI["LISTENING_IMPORT_MAX_BYTES"] and ["LISTENING_IMPORT_MAX_ROWS"]). Every problem is a ValidationError
on the form's "file" or "column" field naming the line, in the reader's language; nothing reaches the database
that it would refuse (a NUL character, which PostgreSQL's text cannot hold, was a 500). A dry run is the real
run in a transaction rolled back, so that it checks exactly what the real run checks.
"""

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import services, spreadsheets

ENCODINGS = ("utf-8-sig", "cp932")


def max_bytes() -> int:
    return int(settings.YUKEMURI.get("LISTENING_IMPORT_MAX_BYTES", 5 * 1024 * 1024))


def max_rows() -> int:
    return int(settings.YUKEMURI.get("LISTENING_IMPORT_MAX_ROWS", 20_000))


class _WrongEncoding(Exception):
    pass


def _rows(binary, encoding: str, column: str, limit: int) -> list[str]:
    """The `column` of every data row, read row by row; raises _WrongEncoding to try the next encoding."""
    binary.seek(0)
    text = io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline="")
    try:
        reader = csv.reader(text)
        try:
            header = next(reader, None) or []
            header = [name.strip() for name in header]
            if column not in header:
                raise ValidationError({"column": _("The file has no column “%(column)s”. Its columns: %(columns)s") % {
                    "column": column, "columns": ", ".join(header)[:500]}})
            index, rows = header.index(column), []
            for row in reader:
                if any("\x00" in cell for cell in row):
                    raise ValidationError({"file": _("Line %(line)s contains a NUL character (byte 0). Is the file "
                                                     "really CSV text? Nothing was imported.") % {"line": reader.line_num}})
                if len(rows) == limit:
                    raise ValidationError({"file": _("The file has more than %(rows)s rows; import at most %(rows)s "
                                                     "at a time. Nothing was imported.") % {"rows": f"{limit:,}"}})
                rows.append(row[index] if index < len(row) else "")
            return rows
        except UnicodeDecodeError:
            raise _WrongEncoding from None
        except csv.Error as error:
            if "field limit" in str(error):
                message = _("Line %(line)s: a cell is longer than %(limit)s characters. Nothing was imported.") % {
                    "line": reader.line_num, "limit": f"{csv.field_size_limit():,}"}
            else:
                message = _("Line %(line)s is not valid CSV (%(error)s). Nothing was imported.") % {
                    "line": reader.line_num, "error": error}
            raise ValidationError({"file": message}) from None
    finally:
        text.detach()  # leave the upload open: it is the caller's


def read_comments(upload, column: str) -> list[str]:
    """The text of `column` in each data row of an uploaded CSV (UTF-8 with or without BOM, or Shift_JIS) or
    Excel workbook (.xlsx, told by its content, not its name: `spreadsheets`)."""
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError({"file": _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}})
    binary = getattr(upload, "file", upload)
    if spreadsheets.is_xlsx(binary):
        return spreadsheets.read_xlsx(binary, column, max_rows())
    for encoding in ENCODINGS:
        try:
            return _rows(binary, encoding, column, max_rows())
        except _WrongEncoding:
            continue
    raise ValidationError({"file": _("The file is neither UTF-8 nor Shift_JIS.")})


def import_comments(*, conversation, by, upload, column: str, dry_run: bool = False) -> int:
    """Read the file and import its comments, all or nothing; a dry run imports them and rolls back."""
    rows = read_comments(upload, column)
    with transaction.atomic():
        count = services.opinions_import(conversation=conversation, by=by, rows=rows)
        if dry_run:
            transaction.set_rollback(True)
    return count

