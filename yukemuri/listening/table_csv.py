"""The published table as CSV, and back (パブリックコメントの結果 — export and import).

One row per item, in order: `item` (its number), `summary` (御意見の概要), `count` (comments it stands for),
`answer` (御意見に対する考え方) and `comments` (the ids of its comments, space-separated: every comment stays
traceable). Cells are written through core.csvexport (no spreadsheet formula) and read back through
`unneutralise`, so an exported file imports back into the same items, summaries, answers and assignments.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from yukemuri.core import csvexport

from . import imports, tables

HEADER = ["item", "summary", "count", "answer", "comments"]
REQUIRED = ("summary", "answer", "comments")


def write(table, out) -> None:
    writer = csvexport.writer(out)
    writer.writerow(HEADER)
    ids: dict[int, list[int]] = {}
    for item_id, pk in table.conversation.opinions.filter(item__table=table).order_by("id").values_list("item_id", "pk"):
        ids.setdefault(item_id, []).append(pk)
    for number, item in enumerate(tables.items_of(table), start=1):
        writer.writerow([number, item.summary, item.count, item.answer, " ".join(map(str, ids.get(item.pk, [])))])


def _parse(text) -> list[dict]:
    reader = csv.reader(text)
    header = [csvexport.unneutralise(name.strip()).lower() for name in next(reader, None) or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValidationError({"file": _("The file has no column “%(column)s”. Its columns: %(columns)s") % {
            "column": missing[0], "columns": ", ".join(header)[:500]}})
    at = {name: header.index(name) for name in REQUIRED}
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if any("\x00" in cell for cell in row):
            raise ValidationError({"file": _("Line %(line)s contains a NUL character (byte 0). Is the file "
                                             "really CSV text? Nothing was imported.") % {"line": reader.line_num}})
        if len(rows) == imports.max_rows():
            raise ValidationError({"file": _("The file has more than %(rows)s rows; import at most %(rows)s "
                                             "at a time. Nothing was imported.") % {"rows": f"{imports.max_rows():,}"}})
        cell = {name: csvexport.unneutralise(row[i]) if i < len(row) else "" for name, i in at.items()}
        try:
            comments = [int(part) for part in cell["comments"].replace(",", " ").split()]
        except ValueError:
            raise ValidationError({"file": _("Line %(line)s: the comments column holds comment numbers separated "
                                             "by spaces. Nothing was imported.") % {"line": reader.line_num}}) from None
        rows.append({"line": reader.line_num, "summary": cell["summary"].strip(), "answer": cell["answer"].strip(),
                     "comments": comments})
    return rows


def read(upload) -> list[dict]:
    """The items of an uploaded table CSV (UTF-8 with or without BOM, or Shift_JIS), with their line numbers."""
    limit = imports.max_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError({"file": _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}})
    binary = getattr(upload, "file", upload)
    for encoding in imports.ENCODINGS:
        binary.seek(0)
        text = io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline="")
        try:
            return _parse(text)
        except UnicodeDecodeError:
            continue
        except csv.Error as error:
            raise ValidationError({"file": _("Line %(line)s is not valid CSV (%(error)s). Nothing was imported.") % {
                "line": "?", "error": error}}) from None
        finally:
            text.detach()
    raise ValidationError({"file": _("The file is neither UTF-8 nor Shift_JIS.")})


def import_table(*, table, by, upload) -> int:
    return tables.replace(table=table, by=by, rows=read(upload))
