"""A space as a row of 自治体標準オープンデータセット「公共施設一覧」, published through the facilities app's import.

The facilities app owns that dataset (its table, CSV/JSON and NGSI-LD): this module writes the space's row as the
standard's CSV and hands it to `facilities.opendata.import_facilities`, which validates and upserts it by
全国地方公共団体コード + ID — so publishing again updates the row, and nothing here touches its table.
"""

import io

from yukemuri.core import csvexport
from yukemuri.facilities.opendata import HEADER, import_facilities

from .hours import HOLIDAY

DAY_LETTERS = "月火水木金土日"


def source_id(space) -> str:
    return f"space-{space.slug}"[:60]


def _hours_note(weekly: dict, closures) -> str:
    """e.g. 月〜金 10:00〜21:00、土日祝 10:00〜18:00。休館: 年末年始（12月29日〜1月3日）"""
    groups: dict[tuple, list[str]] = {}
    for day in (*range(7), HOLIDAY):
        if day in weekly:
            groups.setdefault(weekly[day], []).append("祝" if day == HOLIDAY else DAY_LETTERS[day])
    parts = [f"{''.join(days)} {opens:%H:%M}〜{closes:%H:%M}" for (opens, closes), days in groups.items()]
    note = "、".join(parts)
    year_end = [c for c in closures if c.reason == "year_end"]
    if year_end:
        c = year_end[-1]
        note += f"。休館: 年末年始（{c.starts_on.month}月{c.starts_on.day}日〜{c.ends_on.month}月{c.ends_on.day}日）"
    return note


def space_row(space, facilities, weekly: dict, closures) -> list:
    """The space as one row of the standard, in HEADER's order."""
    opens = min((row[0] for row in weekly.values()), default=None)
    closes = max((row[1] for row in weekly.values()), default=None)
    open_days = "".join(DAY_LETTERS[d] for d in range(7) if d in weekly) + ("祝" if HOLIDAY in weekly else "")
    description = space.description.strip()
    names = "、".join(f.name for f in facilities)
    if names:
        description = f"{description}\n施設: {names}".strip()
    accessibility = " / ".join(f"{f.name}: {f.accessibility}" for f in facilities if f.accessibility)
    values = {
        "全国地方公共団体コード": space.prefecture.code, "ID": source_id(space), "地方公共団体名": space.prefecture.name,
        "名称": space.name, "名称_カナ": space.name_kana, "種類": "共創スペース", "住所": space.address,
        "方書": space.address_extra,
        "緯度": "" if space.latitude is None else f"{space.latitude:.6f}",
        "経度": "" if space.longitude is None else f"{space.longitude:.6f}",
        "電話番号": space.phone, "団体名": space.operator.name if space.operator else "",
        "利用可能曜日": open_days, "開始時間": f"{opens:%H:%M}" if opens else "",
        "終了時間": f"{closes:%H:%M}" if closes else "", "利用可能日時特記事項": _hours_note(weekly, closures)[:400],
        "説明": description[:4000], "バリアフリー情報": accessibility[:400], "URL": space.url,
    }
    return [values.get(column, "") for column in HEADER]


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    # The shared writer, as for downloads: this CSV becomes the published 公共施設一覧, which people open in Excel.
    writer = csvexport.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def publish(rows: list[list]):
    """Hand the rows to the facilities app's import: all or none, upserted by code and ID."""
    return import_facilities(_csv(rows))

