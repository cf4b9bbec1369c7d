"""Events as 自治体標準オープンデータセット「イベント一覧」: export, import (both headers, three encodings), errors."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from yukemuri.events.models import Event, EventKind
from yukemuri.events.opendata import HEADER, OLD_HEADER, import_events
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def takasaki_event(gunma):
    return Event.objects.create(
        kind=EventKind.objects.get(slug="seminar"), title="DXセミナー", description="データで地域を見る。",
        prefecture=gunma, municipality=Municipality.objects.get(code="102024"),
        starts_at=datetime(2026, 12, 5, 0, 30, tzinfo=TOKYO), ends_at=datetime(2026, 12, 5, 2, 0, tzinfo=TOKYO),
        venue_name="高崎市役所", address="群馬県高崎市高松町35-1", latitude=36.3219, longitude=139.0032, capacity=40,
        fee="無料", organiser_name="高崎市",
    )


def rows(response):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_export_header_and_row(client, takasaki_event):
    response = client.get("/opendata/events.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"\r\n" in response.content
    table = rows(response)
    assert table[0] == HEADER
    row = dict(zip(HEADER, table[1], strict=True))
    assert row["全国地方公共団体コード"] == "102024" and row["地方公共団体名"] == "群馬県高崎市"
    assert (row["開始日"], row["開始時間"], row["終了時間"]) == ("2026-12-05", "00:30", "02:00")  # Japan time
    assert (row["定員"], row["緯度"], row["経度"]) == ("40", "36.321900", "139.003200")
    assert (row["所在地_都道府県"], row["所在地_市区町村"], row["所在地_町字"], row["所在地_番地以下"]) == (
        "群馬県", "高崎市", "高松町", "35-1")
    assert row["URL"].endswith(f"/events/{takasaki_event.pk}/")


def test_per_municipality_file(client, takasaki_event, gunma):
    Event.objects.create(kind=takasaki_event.kind, title="渋川の交流会", prefecture=gunma,
                         municipality=Municipality.objects.get(code="102083"), starts_at=takasaki_event.starts_at,
                         ends_at=takasaki_event.ends_at, venue_name="渋川市民会館")
    response = client.get("/opendata/102083_event.csv")
    assert response["Content-Disposition"].endswith('filename="102083_event.csv"')
    assert [r[3] for r in rows(response)[1:]] == ["渋川の交流会"]
    assert client.get("/opendata/999999_event.csv").status_code == 404
    index = client.get("/opendata/").content.decode()
    assert "102083_event.csv" in index and "102024_event.csv" in index


def test_round_trip(client, takasaki_event):
    data = client.get("/opendata/events.csv").content
    Event.objects.all().delete()
    result = import_events(data)
    assert result.ok and result.created == 1
    event = Event.objects.get()
    assert (event.title, event.municipality.code, event.capacity, event.venue_name) == ("DXセミナー", "102024", 40, "高崎市役所")
    assert event.starts_at == takasaki_event.starts_at and event.ends_at == takasaki_event.ends_at
    assert (event.latitude, event.longitude) == (36.3219, 139.0032)


OLD_ROW = ["102083", "E-1", "群馬県", "渋川市", "へそ祭り", "ヘソマツリ", "Heso Festival", "2026/7/28", "2026/7/29", "9:00",
           "21:00", "", "日本のまんなか渋川", "無料", "", "渋川市観光課", "0279-22-2111", "", "渋川市", "渋川駅前",
           "群馬県渋川市渋川", "", "36.4895", "139.0003", "JR渋川駅すぐ", "なし", "", "", "", "", "", ""]
NEW_ROW = ["102024", "7", "群馬県高崎市", "高崎だるま市", "", "", "2027-01-01", "2027-01-02", "", "", "", "", "", "", "",
           "", "", "", "", "高崎駅西口", "群馬県高崎市八島町", "群馬県", "高崎市", "八島町", "", "", "", "", "", "", "", "",
           "", "", "", "", ""][:len(HEADER)]


def encode(header, data_rows, encoding, bom=False):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(data_rows)
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding, bom", [("utf-8", True), ("utf-8", False), ("cp932", False)])
def test_import_both_headers_in_every_encoding(gunma, encoding, bom):
    old = import_events(encode([*OLD_HEADER, "カテゴリー"], [[*OLD_ROW, "祭り"]], encoding, bom))
    assert old.ok, old.errors
    festival = Event.objects.get(source_id="E-1")
    assert festival.municipality.code == "102083" and festival.title_en == "Heso Festival"
    assert festival.starts_at == datetime(2026, 7, 28, 9, 0, tzinfo=TOKYO)
    assert festival.address == "群馬県渋川市渋川"
    new = import_events(encode(HEADER, [NEW_ROW], encoding, bom))
    assert new.ok, new.errors
    daruma = Event.objects.get(source_id="7")
    assert daruma.time_note == "終日" and daruma.municipality.code == "102024"


def test_full_width_parentheses_in_headers_are_accepted(gunma):
    header = [h.replace("(", "（").replace(")", "）") for h in HEADER]
    assert import_events(encode(header, [NEW_ROW], "utf-8")).ok


def test_errors_name_line_and_column_and_nothing_is_written(gunma):
    bad_code = ["102082", *NEW_ROW[1:]]  # wrong check digit
    bad_date = [*NEW_ROW[:6], "2027-02-30", *NEW_ROW[7:]]
    bad_capacity = list(NEW_ROW)
    bad_capacity[HEADER.index("定員")] = "たくさん"
    good = list(NEW_ROW)
    with translation.override("en"):
        result = import_events(encode(HEADER, [good, bad_code, bad_date, bad_capacity], "utf-8"))
    assert not result.ok and Event.objects.count() == 0
    found = {(e.line, e.column) for e in result.errors}
    assert found == {(3, "全国地方公共団体コード"), (4, "開始日"), (5, "定員")}
    with translation.override("ja"):
        japanese = import_events(encode(HEADER, [bad_date], "utf-8"))
    assert "日付" in japanese.errors[0].message


def test_missing_columns_and_undecodable_files(gunma):
    result = import_events(encode(["ID", "イベント名"], [["1", "x"]], "utf-8"))
    assert result.errors[0].line == 1 and "全国地方公共団体コード" in result.errors[0].column
    assert not import_events(b"\xff\xfe\x00\x81\x00").ok


def test_reimport_updates_instead_of_duplicating(gunma):
    import_events(encode(HEADER, [NEW_ROW], "utf-8"))
    renamed = [*NEW_ROW[:3], "高崎だるま市2027", *NEW_ROW[4:]]
    result = import_events(encode(HEADER, [renamed], "utf-8"))
    assert (result.created, result.updated) == (0, 1)
    assert list(Event.objects.values_list("title", flat=True)) == ["高崎だるま市2027"]


def test_import_command(gunma, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(encode(HEADER, [NEW_ROW], "cp932"))
    call_command("import_events", str(good), "--dry-run")
    assert "would create 1" in capsys.readouterr().out and not Event.objects.exists()
    call_command("import_events", str(good))
    assert Event.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(encode(HEADER, [["999999", *NEW_ROW[1:]]], "utf-8"))
    with pytest.raises(CommandError):
        call_command("import_events", str(bad))
    assert "line 2" in capsys.readouterr().err


def test_import_page_is_for_staff(client, gunma, person):
    url = reverse("opendata_import")
    client.force_login(person)
    assert client.get(url).status_code == 403
    staff = PersonFactory(is_staff=True)
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" in page and 'enctype="multipart/form-data"' in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("e.csv", encode(HEADER, [["102082", *NEW_ROW[1:]]], "utf-8"), content_type="text/csv")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400 and "全国地方公共団体コード" in response.content.decode()
    assert not Event.objects.exists()
    good = SimpleUploadedFile("e.csv", encode(HEADER, [NEW_ROW], "cp932"), content_type="text/csv")
    response = client.post(url, {"file": good})
    assert response.status_code == 200 and Event.objects.get().title == "高崎だるま市"
