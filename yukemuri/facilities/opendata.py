"""Facilities as 自治体標準オープンデータセット「公共施設一覧」 (Digital Agency): CSV and JSON export, CSV import.

The columns are the standard's, in its order; the import reads them by name (so a file with the columns in
another order, or without the optional ones, still imports), in UTF-8 with or without BOM or Shift_JIS,
reports every row's errors with its line and column, and writes nothing unless every row is valid. A row
is identified by its 全国地方公共団体コード and ID: importing the same file twice changes nothing.
"""

import io
import re
import unicodedata
from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from yukemuri.core import csvexport, standardcsv
from yukemuri.core.forms import one_line
from yukemuri.core.standardcsv import ImportResult, RowError
from yukemuri.regions.codes import place_in_file
from yukemuri.regions.models import Municipality, Prefecture

from .models import PublicFacility

HEADER = [
    "全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "POIコード", "種類", "住所", "方書",
    "緯度", "経度", "電話番号", "内線番号", "法人番号", "団体名", "利用可能曜日", "開始時間", "終了時間",
    "利用可能日時特記事項", "説明", "バリアフリー情報", "URL", "備考",
]
# Other generations' names for the same columns.
ALIASES = {"都道府県コード又は市区町村コード": "全国地方公共団体コード", "NO": "ID", "名称_英語": "名称_英字",
           "所在地_連結表記": "住所", "建物名等(方書)": "方書", "カテゴリー": "種類", "施設分類": "種類"}
REQUIRED = ["全国地方公共団体コード", "ID", "名称"]
# column → (field, max length) for the plain text columns
TEXT = {
    "名称": ("name", 200), "名称_カナ": ("name_kana", 200), "名称_英字": ("name_en", 200), "POIコード": ("poi_code", 10),
    "種類": ("category", 60), "住所": ("address", 200), "方書": ("address_extra", 200), "電話番号": ("phone", 30),
    "内線番号": ("extension", 10), "法人番号": ("corporate_number", 13), "団体名": ("organisation_name", 200),
    "利用可能曜日": ("open_days", 100), "利用可能日時特記事項": ("hours_note", 400), "説明": ("description", 4000),
    "バリアフリー情報": ("accessibility", 400), "備考": ("notes", 2000),
}
MULTILINE = {"description", "notes"}


# ---------------------------------------------------------------- export

def _coord(value) -> str:
    return "" if value is None else f"{value:.6f}"


def facility_row(facility: PublicFacility) -> list:
    owner = facility.municipality if facility.municipality and facility.municipality.code == facility.owner_code \
        else None
    body_name = facility.prefecture.name + (owner.name if owner else "")
    return [
        facility.owner_code, facility.source_id, body_name, facility.name, facility.name_kana, facility.name_en,
        facility.poi_code, facility.category, facility.address, facility.address_extra,
        _coord(facility.latitude), _coord(facility.longitude), facility.phone, facility.extension,
        facility.corporate_number, facility.organisation_name, facility.open_days,
        f"{facility.opens_at:%H:%M}" if facility.opens_at else "",
        f"{facility.closes_at:%H:%M}" if facility.closes_at else "", facility.hours_note, facility.description,
        facility.accessibility, facility.url, facility.notes,
    ]


def facilities_csv(facilities) -> bytes:
    """UTF-8 with a BOM and CRLF line ends, like イベント一覧: what Excel in a Japanese office opens as it is."""
    out = io.StringIO()
    writer = csvexport.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for facility in facilities:
        writer.writerow(facility_row(facility))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def facilities_json(facilities) -> list[dict]:
    """The same rows as the CSV, keyed by the standard's column names (numbers as numbers)."""
    rows = []
    for facility in facilities:
        row = dict(zip(HEADER, facility_row(facility), strict=True))
        row["緯度"], row["経度"] = facility.latitude, facility.longitude
        rows.append(row)
    return rows


# ---------------------------------------------------------------- import

def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").strip()
    return ALIASES.get(name, name)


def _time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", unicodedata.normalize("NFKC", text).strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError
    return time(int(match.group(1)), int(match.group(2)))


def _municipality_at(address: str, owner, municipalities: list) -> Municipality | None:
    """Where the facility stands: the municipality whose name its address names (after the prefecture's), else
    the publishing municipality."""
    for municipality in municipalities:
        rest = address.removeprefix(municipality.prefecture.name)
        if rest.startswith(municipality.name):
            return municipality
    return owner if isinstance(owner, Municipality) else None


def _parse_row(row: dict, line: int, places: dict, municipalities: list):
    errors = []
    value, nul = standardcsv.cells(row, line)
    if nul:
        return None, nul

    def error(column, message):
        errors.append(RowError(line, column, message))

    code, owner, problem = place_in_file(value("全国地方公共団体コード"), places)
    if problem:
        error("全国地方公共団体コード", problem)
    ident = value("ID")
    if not ident:
        error("ID", _("Give each facility an ID."))
    elif len(ident) > 60:
        error("ID", _("The ID is longer than 60 characters."))
    if not value("名称"):
        error("名称", _("The facility needs a name."))
    fields = {}
    for column, (name, limit) in TEXT.items():
        text = value(column)
        if len(text) > limit:
            error(column, _("At most %(limit)s characters.") % {"limit": limit})
        fields[name] = text if name in MULTILINE else one_line(text)
    for column, name, limit in (("緯度", "latitude", 90), ("経度", "longitude", 180)):
        try:
            number = float(unicodedata.normalize("NFKC", value(column))) if value(column) else None
            if number is not None and not -limit <= number <= limit:
                raise ValueError
            fields[name] = number
        except ValueError:
            error(column, _("Not a coordinate in decimal degrees."))
    for column, name in (("開始時間", "opens_at"), ("終了時間", "closes_at")):
        try:
            fields[name] = _time(value(column)) if value(column) else None
        except ValueError:
            error(column, _("Write the time as HH:MM (e.g. 09:30)."))
    url = value("URL")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
            if len(url) > 500:
                raise ValidationError("long")
        except ValidationError:
            error("URL", _("Not a web address (http:// or https://, at most 500 characters)."))
    fields["url"] = url
    if errors:
        return None, errors
    prefecture = owner if isinstance(owner, Prefecture) else owner.prefecture
    fields |= {"prefecture": prefecture,
               "municipality": _municipality_at(fields["address"], owner, municipalities)}
    return (code, ident, fields, line), []


def _write(item, result: ImportResult) -> None:
    code, ident, fields, _line = item
    facility = PublicFacility.objects.filter(owner_code=code, source_id=ident).first()
    if facility is None:
        PublicFacility.objects.create(owner_code=code, source_id=ident, **fields)
        result.created += 1
    elif any(getattr(facility, name) != new for name, new in fields.items()):
        for name, new in fields.items():
            setattr(facility, name, new)
        facility.save()
        result.updated += 1
    else:
        result.unchanged += 1  # saving nothing: no page-cache bump, no push to a broker


def import_facilities(data: bytes, *, dry_run: bool = False) -> ImportResult:
    """Check every row, then write all of them (upserting by code and ID) or none."""
    municipalities = list(Municipality.objects.select_related("prefecture").order_by("-code"))
    places = {m.code: m for m in municipalities} | {p.code: p for p in Prefecture.objects.all()}
    parsed, result = standardcsv.parse(data, required=REQUIRED, norm=_norm,
                                       parse_row=lambda row, line: _parse_row(row, line, places, municipalities))
    return standardcsv.save(parsed, result, _write, dry_run=dry_run)
