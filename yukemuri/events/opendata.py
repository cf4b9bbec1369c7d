"""Events as 自治体標準オープンデータセット「イベント一覧」 (Digital Agency): CSV export and import.

Export uses the current header generation (split 所在地 block). Import accepts it and the older
推奨データセット header (都道府県コード又は市区町村コード, NO, 住所, 方書 …), in UTF-8 with or without BOM
or Shift_JIS, reports every row's errors with its line and column, and writes nothing unless every
row is valid.
"""

import io
import re
import unicodedata
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core import csvexport, standardcsv
from yukemuri.core.forms import one_line
from yukemuri.core.standardcsv import ImportResult, RowError
from yukemuri.regions.codes import place_in_file
from yukemuri.regions.models import Municipality, Prefecture

from .forms import TOKYO
from .models import Event, EventKind

MAX_CAPACITY = 1_000_000  # people; the column is a 32-bit integer, and no event is larger

HEADER = [
    "全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ", "イベント名_英語", "開始日", "終了日",
    "開始時間", "終了時間", "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号",
    "連絡先内線番号", "主催者", "場所名称", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字",
    "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "アクセス方法", "駐車場情報", "定員", "参加申込終了日",
    "参加申込終了時間", "参加申込方法", "URL", "備考",
]
OLD_HEADER = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名", "イベント名_カナ", "イベント名_英語",
    "開始日", "終了日", "開始時間", "終了時間", "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称",
    "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法", "駐車場情報",
    "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
]
# The older generation's names for the same things.
ALIASES = {"都道府県コード又は市区町村コード": "全国地方公共団体コード", "NO": "ID", "住所": "所在地_連結表記",
           "方書": "建物名等(方書)"}
REQUIRED = ["全国地方公共団体コード", "ID", "イベント名", "開始日"]
BOOKED_HERE = "yukemuriのイベントページから申込"


# ---------------------------------------------------------------- export

def _local(moment):
    return timezone.localtime(moment, TOKYO)


def _split_address(event) -> tuple[str, str]:
    """町字 and 番地以下 from the address, when it starts with the prefecture and municipality names."""
    rest = event.address
    for name in (event.prefecture.name, event.municipality.name if event.municipality_id else ""):
        if name and rest.startswith(name):
            rest = rest[len(name):]
    if rest == event.address or not rest:
        return "", ""
    match = re.match(r"^(\D+?)([0-9０-９].*)$", rest)
    return (match.group(1), match.group(2)) if match else (rest, "")


def event_row(event, base_url: str) -> list[str]:
    start, end = _local(event.starts_at), _local(event.ends_at)
    place = event.municipality or event.prefecture
    body_name = event.prefecture.name + (event.municipality.name if event.municipality_id else "")
    town, number = _split_address(event)
    closes = _local(event.registration_closes_at) if event.registration_closes_at else None
    organiser = event.organiser_name or "、".join(o.name for o in event.organisers.all())
    notes = event.notes
    if event.online_url:
        notes = "\n".join(part for part in (notes, f"オンライン参加あり: {event.online_url}") if part)
    if event.status == Event.Status.CANCELLED:
        notes = "中止" + (f"。{notes}" if notes else "")
    return [
        place.code, event.source_id if event.source_id and event.source_code == place.code else str(event.pk),
        body_name, event.title, event.title_kana, event.title_en,
        f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", f"{start:%H:%M}", f"{end:%H:%M}", event.time_note,
        event.description, event.fee, event.fee_detail, event.contact_name, event.contact_phone,
        event.contact_extension, organiser, event.venue_name, event.address, event.prefecture.name,
        event.municipality.name if event.municipality_id else "", town, number, "",
        "" if event.latitude is None else f"{event.latitude:.6f}",
        "" if event.longitude is None else f"{event.longitude:.6f}",
        event.access, event.parking, "" if event.capacity is None else str(event.capacity),
        f"{closes:%Y-%m-%d}" if closes else "", f"{closes:%H:%M}" if closes else "",
        event.registration_note or BOOKED_HERE, event.url or base_url + event.get_absolute_url(), notes,
    ]


def events_csv(events, base_url: str) -> bytes:
    """UTF-8 with a BOM and CRLF line ends: what Excel in a Japanese office opens without garbling."""
    out = io.StringIO()
    writer = csvexport.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for event in events:
        writer.writerow(event_row(event, base_url))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- import

def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").strip()
    return ALIASES.get(name, name)


def _date(text: str) -> date:
    text = unicodedata.normalize("NFKC", text).strip()
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if not match:
        raise ValueError
    return date(*(int(g) for g in match.groups()))


def _time(text: str) -> time:
    text = unicodedata.normalize("NFKC", text).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    if not match:
        raise ValueError
    return time(int(match.group(1)), int(match.group(2)))


def _kind_for(category: str, kinds: dict) -> EventKind:
    for word, slug in (("ワークショップ", "workshop"), ("セミナー", "seminar"), ("講演", "talk"), ("講座", "seminar"),
                       ("ピッチ", "pitch"), ("交流", "meetup")):
        if word in category:
            return kinds[slug]
    return kinds["other"]


def _parse_row(row: dict, line: int, places: dict, kinds: dict):
    errors = []
    value, nul = standardcsv.cells(row, line)
    if nul:
        return None, nul

    def error(column, message):
        errors.append(RowError(line, column, message))

    code, place, problem = place_in_file(value("全国地方公共団体コード"), places)
    if problem:
        error("全国地方公共団体コード", problem)
    if not value("ID"):
        error("ID", _("Give each event an ID."))
    if not value("イベント名"):
        error("イベント名", _("The event needs a name."))
    start_day = end_day = None
    try:
        start_day = _date(value("開始日"))
    except ValueError:
        error("開始日", _("Write the date as YYYY-MM-DD (e.g. 2026-06-03)."))
    try:
        end_day = _date(value("終了日")) if value("終了日") else start_day
    except ValueError:
        error("終了日", _("Write the date as YYYY-MM-DD (e.g. 2026-06-03)."))
    times = {}
    for column in ("開始時間", "終了時間", "参加申込終了時間"):
        try:
            times[column] = _time(value(column)) if value(column) else None
        except ValueError:
            error(column, _("Write the time as HH:MM (e.g. 09:30)."))
    coords = {}
    for column, limit in (("緯度", 90), ("経度", 180)):
        try:
            coords[column] = float(unicodedata.normalize("NFKC", value(column))) if value(column) else None
            if coords[column] is not None and not -limit <= coords[column] <= limit:
                raise ValueError
        except ValueError:
            error(column, _("Not a coordinate in decimal degrees."))
    capacity = None
    if value("定員"):
        digits = unicodedata.normalize("NFKC", value("定員")).removesuffix("人").replace(",", "")
        if digits.isdigit() and len(digits) <= 9 and int(digits) <= MAX_CAPACITY:
            capacity = int(digits)
        elif digits.isdigit():
            error("定員", _("The capacity must be at most %(max)s.") % {"max": f"{MAX_CAPACITY:,}"})
        else:
            error("定員", _("Write the capacity as a whole number, or leave it empty."))
    closes = None
    if value("参加申込終了日"):
        try:
            closes = datetime.combine(_date(value("参加申込終了日")), times.get("参加申込終了時間") or time(23, 59), TOKYO)
        except ValueError:
            error("参加申込終了日", _("Write the date as YYYY-MM-DD (e.g. 2026-06-03)."))
    if errors:
        return None, errors
    all_day = times["開始時間"] is None
    starts = datetime.combine(start_day, times["開始時間"] or time(0, 0), TOKYO)
    ends = datetime.combine(end_day, times["終了時間"] or time(23, 59), TOKYO)
    if ends < starts:
        return None, [RowError(line, "終了日", _("The end must not be before the start."))]
    note = value("開始日時特記事項") or ("終日" if all_day else "")
    fields = {
        "title": value("イベント名")[:120], "title_kana": value("イベント名_カナ")[:200],
        "title_en": value("イベント名_英語")[:200], "description": value("説明"), "starts_at": starts, "ends_at": ends,
        "time_note": note[:200], "fee": value("料金(基本)")[:60], "fee_detail": value("料金(詳細)")[:400],
        "contact_name": value("連絡先名称")[:120], "contact_phone": value("連絡先電話番号")[:30],
        "contact_extension": value("連絡先内線番号")[:10], "organiser_name": value("主催者")[:200],
        "venue_name": value("場所名称")[:120],
        "address": (value("所在地_連結表記") or "".join(value(c) for c in ("所在地_都道府県", "所在地_市区町村",
                                                                       "所在地_町字", "所在地_番地以下")))[:200],
        "latitude": coords["緯度"], "longitude": coords["経度"], "access": value("アクセス方法")[:400],
        "parking": value("駐車場情報")[:200], "capacity": capacity, "registration_closes_at": closes,
        "registration_note": value("参加申込方法")[:400], "url": value("URL")[:500], "notes": value("備考")[:2000],
        "kind": _kind_for(value("カテゴリー") or value("イベント名"), kinds),
    }
    # One-line fields with a line break would break the event's .ics and the subjects of e-mails about it.
    for name in ("title", "title_kana", "title_en", "time_note", "fee", "contact_name", "contact_phone",
                 "contact_extension", "organiser_name", "venue_name", "address", "parking", "url"):
        fields[name] = one_line(fields[name])
    if value("建物名等(方書)"):
        fields["address"] = f"{fields['address']} {value('建物名等(方書)')}"[:200]
    if isinstance(place, Municipality):
        fields |= {"municipality": place, "area": place.area, "prefecture": place.prefecture}
    else:
        fields |= {"municipality": None, "area": None, "prefecture": place}
    return (code, value("ID")[:60], fields, line), []


def _write(item, result: ImportResult, created_by) -> None:
    code, ident, fields, _line = item
    event = Event.objects.filter(source_code=code, source_id=ident).first()
    if event is None:
        Event.objects.create(source_code=code, source_id=ident, created_by=created_by, **fields)
        result.created += 1
    else:
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()
        result.updated += 1


def import_events(data: bytes, *, created_by=None, dry_run: bool = False) -> ImportResult:
    """Check every row, then write all of them (upserting by code and ID) or none."""
    places = {m.code: m for m in Municipality.objects.select_related("area", "prefecture")}
    places |= {p.code: p for p in Prefecture.objects.all()}
    kinds = {k.slug: k for k in EventKind.objects.all()}
    parsed, result = standardcsv.parse(data, required=REQUIRED, norm=_norm,
                                       parse_row=lambda row, line: _parse_row(row, line, places, kinds))
    return standardcsv.save(parsed, result, lambda item, result: _write(item, result, created_by), dry_run=dry_run)
