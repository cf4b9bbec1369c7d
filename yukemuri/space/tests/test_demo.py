"""The demo's NETSUGEN: seed 001's hours, seed 002's facilities, an operator, bookings, the open-data row."""

from datetime import date

from yukemuri.actions.models import Action
from yukemuri.demo.loader import load_demo
from yukemuri.facilities.models import PublicFacility
from yukemuri.space.models import Booking, Facility, Space
from yukemuri.space.selectors import schedule_of


def test_demo_netsugen(db, client):
    load_demo()
    space = Space.objects.get(slug="netsugen")
    names = list(space.facilities.values_list("name", flat=True))
    assert names[0] == "オープンスペース" and any("tsulunos" in n for n in names) and any("GINGHAM" in n for n in names)
    schedule = schedule_of(space.pk)
    assert f"{schedule.hours(date(2027, 1, 11)).closes:%H:%M}" == "18:00"  # 成人の日
    assert f"{schedule.hours(date(2027, 1, 12)).closes:%H:%M}" == "21:00"
    assert schedule.hours(date(2026, 12, 31)) is None
    assert Booking.objects.filter(facility__space=space).count() == 4
    row = PublicFacility.objects.get(source_id="space-netsugen")
    assert (row.owner_code, row.municipality.code, row.category) == ("100005", "102016", "共創スペース")
    assert "土日祝 10:00〜18:00" in row.hours_note and "12月29日〜1月3日" in row.hours_note
    studio = Facility.objects.get(name__contains="tsulunos")
    assert client.get(f"/api/v1/facilities/{studio.pk}/hours", {"date": "2027-01-11"}).json() == {
        "date": "2027-01-11", "open": "10:00", "close": "18:00"}
    actions = Action.objects.count()
    assert load_demo() == 0
    assert (Booking.objects.count(), PublicFacility.objects.filter(source_id="space-netsugen").count()) == (4, 1)
    assert Action.objects.count() == actions  # loading again records nothing either
