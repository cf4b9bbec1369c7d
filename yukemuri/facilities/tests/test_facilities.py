"""公共施設一覧: the standard CSV out and back in, the import's errors and idempotence, the pages and files."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yukemuri.demo.facilities import demo_csv, load_facilities_demo
from yukemuri.facilities.models import PublicFacility
from yukemuri.facilities.opendata import HEADER, facilities_csv, import_facilities


def _rows(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_demo_loads_once_and_places_facilities(gunma):
    assert load_facilities_demo() == 6
    assert load_facilities_demo() == 0  # idempotent on 全国地方公共団体コード + ID
    assert PublicFacility.objects.count() == 6
    office = PublicFacility.objects.get(name="群馬県庁")
    assert office.owner_code == "100005" and office.municipality.code == "102016"  # published by the prefecture
    museum = PublicFacility.objects.get(name="群馬県立歴史博物館")
    assert museum.municipality.code == "102024" and museum.address_extra == "群馬の森"
    assert "おおよそ" in museum.notes


def test_export_is_the_standard_layout_and_imports_back_unchanged(gunma):
    load_facilities_demo()
    data = facilities_csv(PublicFacility.objects.order_by("pk"))
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)
    rows = _rows(data)
    hall = next(r for r in rows if r["名称"] == "前橋市役所")
    assert (hall["全国地方公共団体コード"], hall["地方公共団体名"], hall["住所"], hall["開始時間"]) == (
        "102016", "群馬県前橋市", "群馬県前橋市大手町2-12-1", "08:30")
    before = list(PublicFacility.objects.order_by("pk").values())
    result = import_facilities(data)
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 6)
    assert list(PublicFacility.objects.order_by("pk").values()) == before


def test_import_updates_by_id_and_reports_each_bad_row(gunma):
    load_facilities_demo()
    good = "全国地方公共団体コード,ID,名称,種類,緯度\r\n102016,demo-0001,前橋市役所 本庁舎,庁舎,36.39\r\n"
    result = import_facilities(good.encode("cp932"))  # Shift_JIS too
    assert (result.errors, result.updated) == ([], 1)
    assert PublicFacility.objects.get(owner_code="102016", source_id="demo-0001").name == "前橋市役所 本庁舎"
    bad = ("全国地方公共団体コード,ID,名称,緯度,開始時間,URL\n"
           "999999,x1,A,36,09:00,\n"
           "102016,,B,95,25:00,javascript:alert(1)\n"
           "102016,y,,,,\n")
    result = import_facilities(bad.encode())
    found = {(e.line, e.column) for e in result.errors}
    assert {(2, "全国地方公共団体コード"), (3, "ID"), (3, "緯度"), (3, "開始時間"), (3, "URL"), (4, "名称")} <= found
    assert PublicFacility.objects.count() == 6  # all or nothing


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00garbage", "名称\nx\n".encode(), b'"unclosed\n'])
def test_import_rejects_bad_files_with_a_message(gunma, data):
    result = import_facilities(data)
    assert result.errors and result.created == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("全国地方公共団体コード,ID,名称\n" + t).encode()))
def test_import_never_raises(gunma, data):
    result = import_facilities(data, dry_run=True)
    assert result.errors or result.created + result.updated + result.unchanged >= 0


def test_command_imports_and_fails_cleanly(gunma, tmp_path, capsys):
    path = tmp_path / "facilities.csv"
    path.write_bytes(demo_csv())
    call_command("facilities_import", str(path))
    assert "6 created" in capsys.readouterr().out
    call_command("facilities_import", str(path))
    assert "6 unchanged" in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"(?i)no such file"):
        call_command("facilities_import", str(tmp_path / "missing.csv"))
    path.write_bytes("全国地方公共団体コード,ID,名称\n123,,\n".encode())
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("facilities_import", str(path))
    assert "line 2" in capsys.readouterr().err


def test_pages_and_files(client, gunma):
    load_facilities_demo()
    page = client.get("/facilities/")
    assert page.status_code == 200 and "前橋市" in page.content.decode()
    listing = client.get("/facilities/in/102024/").content.decode()
    assert "高崎市役所" in listing and "群馬県立近代美術館" in listing and "前橋市役所" not in listing
    museum = PublicFacility.objects.get(name="群馬県立近代美術館")
    detail = client.get(f"/facilities/{museum.pk}/").content.decode()
    assert "openstreetmap.org/?mlat=36.325500&amp;mlon=139.097500" in detail
    response = client.get("/facilities/102024_public_facility.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert {r["名称"] for r in _rows(response.content)} == {"高崎市役所", "群馬県立歴史博物館", "群馬県立近代美術館"}
    rows = json.loads(client.get("/facilities/public_facility.json").content)
    assert len(rows) == 6 and set(rows[0]) == set(HEADER) and isinstance(rows[0]["緯度"], float)
    assert client.get("/facilities/999999_public_facility.csv").status_code == 404
    assert client.get("/facilities/in/999999/").status_code == 404
    assert client.get("/facilities/999999/").status_code == 404
    assert client.get("/en/facilities/").status_code == 200


def test_staff_keep_facilities_in_the_admin(admin_client, gunma):
    load_facilities_demo()
    page = admin_client.get("/admin/facilities/publicfacility/?q=図書館")
    assert page.status_code == 200 and "群馬県立図書館" in page.content.decode()
    museum = PublicFacility.objects.get(name="群馬県立歴史博物館")
    assert admin_client.get(f"/admin/facilities/publicfacility/{museum.pk}/change/").status_code == 200


def test_the_municipality_page_links_its_facilities(client, gunma):
    assert "/facilities/in/102024/" in client.get("/regions/102024/").content.decode()
