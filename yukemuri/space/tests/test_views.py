"""The space pages: /space/, a facility's week with booking, cancelling, the operator's list, the calendar."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from yukemuri.space.models import Booking

from .conftest import frozen

# `person` and `other_person` are members of the space: only members book (docs/decisions/0029).
pytestmark = pytest.mark.usefixtures("members")
NOW = "2027-01-06 09:00:00+09:00"  # Wednesday


@frozen(NOW)
def test_index_shows_spaces_facilities_and_todays_hours(client, room):
    response = client.get("/space/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "NETSUGEN" in text and "会議室A" in text and "10:00–21:00" in text
    assert reverse("space_facility", args=[room.pk]) == f"/space/{room.pk}/"


@frozen("2027-01-11 09:00:00+09:00")
def test_index_on_a_holiday_shows_the_holiday_hours(client, room):
    assert "10:00–18:00" in client.get("/space/").content.decode()


@frozen(NOW)
def test_week_view_without_signing_in(client, room):
    response = client.get(f"/space/{room.pk}/?week=2027-01-11")
    text = response.content.decode()
    assert response.status_code == 200
    assert "成人の日" in text and "?week=2027-01-04" in text and "?week=2027-01-18" in text
    assert "Sign in to book" in text or "ログイン" in text
    assert 'name="day"' not in text


@pytest.mark.parametrize("week", ["nonsense", "2027-13-45", "99999-01-01", "\x00", "1800-01-01"])
@frozen(NOW)
def test_bad_week_parameters_show_this_week(client, room, week):
    response = client.get(f"/space/{room.pk}/", {"week": week, "day": week, "start": week})
    assert response.status_code == 200


@frozen(NOW)
def test_unknown_facility_is_404(client, db):
    assert client.get("/space/999999/").status_code == 404


@frozen(NOW)
def test_a_signed_in_person_books_and_sees_it_taken(client, room, person, other_person):
    client.force_login(person)
    response = client.post(f"/space/{room.pk}/", {"day": "2027-01-11", "start": "10:00", "minutes": "60",
                                                 "purpose": "打合せ"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.person, booking.purpose) == (person, "打合せ")
    client.force_login(other_person)
    text = client.get(f"/space/{room.pk}/?week=2027-01-11").content.decode()
    assert text.count("slot-taken") == 2
    response = client.post(f"/space/{room.pk}/", {"day": "2027-01-11", "start": "10:30", "minutes": "60"})
    assert response.status_code == 400
    with translation.override("ja"):
        taken = translation.gettext("Someone has booked this time already.")
    assert taken in response.content.decode() and 'value="10:30"' in response.content.decode()


@frozen(NOW)
def test_a_booking_after_closing_keeps_the_form(client, room, person):
    client.force_login(person)
    response = client.post(f"/space/{room.pk}/", {"day": "2027-01-11", "start": "17:30", "minutes": "60"})
    assert response.status_code == 400
    assert not Booking.objects.exists()


@frozen(NOW)
def test_the_operator_books_for_someone_and_sees_the_list(client, room, operator, person):
    client.force_login(operator)
    response = client.post(f"/space/{room.pk}/", {"day": "2027-01-12", "start": "13:00", "minutes": "90",
                                                 "for_email": person.email})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.person, booking.booked_by) == (person, operator)
    page = client.get(reverse("space_bookings", args=[room.space.slug]))
    assert page.status_code == 200 and person.display_name in page.content.decode()


@frozen(NOW)
def test_residents_do_not_see_the_operators_list(client, room, person):
    client.force_login(person)
    assert client.get(reverse("space_bookings", args=[room.space.slug])).status_code == 403


@frozen(NOW)
def test_cancel_own_booking(client, room, person, other_person):
    client.force_login(person)
    client.post(f"/space/{room.pk}/", {"day": "2027-01-12", "start": "10:00", "minutes": "30"})
    booking = Booking.objects.get()
    client.force_login(other_person)
    assert client.post(reverse("space_booking_cancel", args=[booking.pk])).status_code == 404
    client.force_login(person)
    assert client.post(reverse("space_booking_cancel", args=[booking.pk])).status_code == 302
    assert Booking.objects.get().status == Booking.Status.CANCELLED


@frozen(NOW)
def test_operator_adds_a_closure(client, room, operator):
    client.force_login(operator)
    url = reverse("space_closure_new", args=[room.space.slug])
    bad = client.post(url, {"starts_on": "2027-02-10", "ends_on": "2027-02-01", "reason": "one_off"})
    assert bad.status_code == 400
    assert client.post(url, {"starts_on": "2027-02-10", "ends_on": "2027-02-10", "reason": "one_off",
                             "note": "点検"}).status_code == 302
    assert room.space.closures.filter(starts_on=date(2027, 2, 10)).exists()


@frozen(NOW)
def test_calendar_lists_bookings_without_names_and_closures(client, room, person):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from yukemuri.space import services

    tokyo = ZoneInfo("Asia/Tokyo")
    services.book(facility=room, person=person, by=person, starts_at=datetime(2027, 1, 12, 10, tzinfo=tokyo),
                  ends_at=datetime(2027, 1, 12, 11, tzinfo=tokyo))
    response = client.get(reverse("space_ics", args=[room.space.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "DTSTART:20270112T010000Z" in body
    assert "DTSTART;VALUE=DATE:20261229" in body
    assert person.display_name not in body


@frozen(NOW)
def test_operator_changes_the_hours_and_the_form_keeps_mistakes(client, room, operator, person):
    from yukemuri.space.selectors import schedule_of

    url = reverse("space_hours_edit", args=[room.space.slug])
    client.force_login(person)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    page = client.get(url)
    assert page.status_code == 200 and 'value="21:00"' in page.content.decode()
    data = {f"{part}_{day}": value for day in range(8) for part, value in (("opens", "10:00"), ("closes", "18:00"))}
    data.update(opens_5="", closes_5="", opens_6="09:00", closes_6="08:00")
    bad = client.post(url, data)
    assert bad.status_code == 400 and 'value="09:00"' in bad.content.decode()
    data.update(opens_6="", closes_6="")
    assert client.post(url, data).status_code == 302
    schedule = schedule_of(room.space_id)
    assert 5 not in schedule.weekly and 6 not in schedule.weekly
    assert f"{schedule.weekly[0][1]:%H:%M}" == "18:00"
