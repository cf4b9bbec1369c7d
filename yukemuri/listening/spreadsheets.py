"""Reading received public comments from an Excel workbook (.xlsx, via openpyxl), as `imports` reads CSV.

Same columns (a header row, the organiser names the text column), same limits, all or nothing: every problem
is a ValidationError on the form's "file" or "column" field naming the row as Excel numbers it (the header is
row 1). The first sheet is read, in openpyxl's read-only mode (streamed), with the values Excel last computed
for formulas. Rows that are empty in every cell are skipped (Excel keeps formatted empty rows at the end);
a row with other cells but no comment text is an error.
"""

import datetime
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
# An .xlsx is a zip: refuse one that unpacks to more than this before reading it (a small upload must not
# become gigabytes in memory).
MAX_UNPACKED = 100 * 1024 * 1024
MAX_CELL = 131_072  # as the CSV import (csv.field_size_limit); Excel itself stops at 32,767


def is_xlsx(binary) -> bool:
    binary.seek(0)
    head = binary.read(4)
    binary.seek(0)
    return head == ZIP_MAGIC


def _unreadable():
    return ValidationError({"file": _("The file is not a readable Excel workbook (.xlsx). Nothing was imported.")})


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(binary, column: str, limit: int) -> list[str]:
    """The `column` of every data row of the workbook's first sheet."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(binary) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise _unreadable()
        binary.seek(0)
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as error:
        raise _unreadable() from error
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True) if workbook.worksheets else iter(())
        header = [_text(name).strip() for name in next(rows, None) or ()]
        if column not in header:
            raise ValidationError({"column": _("The file has no column “%(column)s”. Its columns: %(columns)s") % {
                "column": column, "columns": ", ".join(name for name in header if name)[:500]}})
        index, texts = header.index(column), []
        for number, row in enumerate(rows, start=2):
            cells = [_text(value) for value in row]
            if not any(cell.strip() for cell in cells):
                continue
            if len(texts) == limit:
                raise ValidationError({"file": _("The file has more than %(rows)s rows; import at most %(rows)s "
                                                 "at a time. Nothing was imported.") % {"rows": f"{limit:,}"}})
            text = cells[index] if index < len(cells) else ""
            problem = None
            if not text.strip():
                problem = _("Row %(row)s has no comment text. Nothing was imported.")
            elif len(text) > MAX_CELL:
                problem = _("Row %(row)s: the comment is longer than %(limit)s characters. Nothing was imported.")
            elif text.startswith("#") and text.rstrip("!?0/") in {"#DIV", "#N/A", "#NAME", "#NULL", "#NUM", "#REF",
                                                                    "#VALUE"}:
                problem = _("Row %(row)s: the cell holds the Excel error %(error)s. Nothing was imported.")
            if problem:
                raise ValidationError({"file": problem % {"row": number, "limit": f"{MAX_CELL:,}", "error": text}})
            texts.append(text)
        return texts
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:  # a corrupt sheet, read late
        raise _unreadable() from error
    finally:
        workbook.close()
