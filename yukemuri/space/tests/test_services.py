"""Bookings (space/services.py): half-hour slots within opening hours, no overlap, cancellation rules, records."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from yukemuri.actions.models import Action
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space import services
from yukemuri.space.models import Booking, Closure

from .conftest import frozen

TOKYO = ZoneInfo("Asia/Tokyo")
# `person` and `other_person` are members of the space: only members book (docs/decisions/0029).
pytestmark = pytest.mark.usefixtures("members")
NOW = "2027-01-06 09:00:00+09:00"  # a Wednesday


def at(*args):
    return datetime(*args, tzinfo=TOKYO)


@frozen(NOW)
def test_a_person_books_a_slot_and_it_is_recorded(room, person):
    booking = services.book(facility=room, person=person, by=person,
                            starts_at=at(2027, 1, 11, 10), ends_at=at(2027, 1, 11, 11), purpose="打合せ")
    assert booking.status == Booking.Status.CONFIRMED
    action = Action.objects.get(verb="space.booked")
    assert (action.actor_id, action.data["facility"]) == (person.pk, room.pk)


@frozen(NOW)
@pytest.mark.parametrize(("start", "end"), [
    ((2027, 1, 11, 17, 30), (2027, 1, 11, 18, 30)),  # 成人の日 closes at 18:00
    ((2027, 1, 12, 9, 30), (2027, 1, 12, 10, 30)),  # before opening
    ((2027, 1, 12, 10, 15), (2027, 1, 12, 11, 0)),  # not on the half hour
    ((2027, 1, 12, 20, 30), (2027, 1, 13, 10, 30)),  # over two days
    ((2026, 12, 30, 10, 0), (2026, 12, 30, 11, 0)),  # the year-end closure (and the past)
    ((2027, 1, 5, 10, 0), (2027, 1, 5, 11, 0)),  # the past
    ((2027, 1, 12, 10, 0), (2027, 1, 12, 15, 0)),  # longer than the facility allows (240 min)
])
def test_refused_times(room, person, start, end):
    with pytest.raises(ValidationError):
        services.book(facility=room, person=person, by=person, starts_at=at(*start), ends_at=at(*end))
    assert not Booking.objects.exists()


@frozen(NOW)
def test_overlap_is_refused_and_touching_is_fine(room, person, other_person):
    services.book(facility=room, person=person, by=person, starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))
    with pytest.raises(services.SlotTaken):
        services.book(facility=room, person=other_person, by=other_person,
                      starts_at=at(2027, 1, 12, 10, 30), ends_at=at(2027, 1, 12, 11, 30))
    services.book(facility=room, person=other_person, by=other_person,
                  starts_at=at(2027, 1, 12, 11), ends_at=at(2027, 1, 12, 12))
    assert Booking.objects.count() == 2


@frozen(NOW)
def test_a_closure_added_by_the_operator_closes_the_day(room, person, operator):
    services.closure_add(space=room.space, by=operator, starts_on=datetime(2027, 1, 13).date(),
                         ends_on=datetime(2027, 1, 13).date(), note="設備点検")
    with pytest.raises(ValidationError):
        services.book(facility=room, person=person, by=person, starts_at=at(2027, 1, 13, 10), ends_at=at(2027, 1, 13, 11))
    assert Closure.objects.filter(space=room.space).count() == 2
    assert Action.objects.filter(verb="space.closure_changed", actor=operator).exists()


@frozen(NOW)
def test_only_the_operator_books_for_others(room, person, other_person, operator):
    with pytest.raises(PermissionDenied):
        services.book(facility=room, person=other_person, by=person,
                      starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))
    booking = services.book(facility=room, person=other_person, by=operator,
                            starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))
    assert (booking.person, booking.booked_by) == (other_person, operator)


@frozen(NOW)
def test_a_facility_that_is_not_bookable_is_refused(room, person):
    room.bookable = False
    room.save()
    with pytest.raises(PermissionDenied):
        services.book(facility=room, person=person, by=person, starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))


def test_cancellation_is_free_until_the_facilitys_hours_before(room, person, operator):
    with frozen(NOW):
        booking = services.book(facility=room, person=person, by=person,
                                starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))
        later = services.book(facility=room, person=person, by=person,
                              starts_at=at(2027, 1, 7, 10), ends_at=at(2027, 1, 7, 11))
        services.cancel(booking=booking, by=person)  # 49 hours before
        assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    with frozen("2027-01-06 10:30:00+09:00"):  # 23.5 hours before `later`
        with pytest.raises(PermissionDenied):
            services.cancel(booking=later, by=person)
        services.cancel(booking=later, by=operator)  # the operator may
    assert Booking.objects.get(pk=later.pk).cancelled_by == operator
    assert Action.objects.filter(verb="space.booking_cancelled").count() == 2


@frozen(NOW)
def test_a_cancelled_slot_can_be_booked_again(room, person, other_person):
    booking = services.book(facility=room, person=person, by=person,
                            starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))
    services.cancel(booking=booking, by=person)
    services.book(facility=room, person=other_person, by=other_person,
                  starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))


@frozen(NOW)
def test_operator_sets_hours(space, operator, person):
    from datetime import time

    from yukemuri.space.selectors import schedule_of

    services.hours_set(space=space, by=operator, rows={5: None, 0: (time(9), time(20))})
    schedule = schedule_of(space.pk)
    assert schedule.hours(datetime(2027, 1, 9).date()) is None
    assert schedule.hours(datetime(2027, 1, 18).date()).opens == time(9)
    with pytest.raises(PermissionDenied):
        services.hours_set(space=space, by=person, rows={5: None})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
def test_the_exclusion_constraint_refuses_an_overlap_written_past_the_service(room, person):
    Booking.objects.create(facility=room, person=person, starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11))
    Booking.objects.create(facility=room, person=person, starts_at=at(2027, 1, 12, 11), ends_at=at(2027, 1, 12, 12),
                           status=Booking.Status.CONFIRMED)  # touching is allowed
    Booking.objects.create(facility=room, person=person, starts_at=at(2027, 1, 12, 10), ends_at=at(2027, 1, 12, 11),
                           status=Booking.Status.CANCELLED)  # cancelled rows do not count
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(facility=room, person=person, starts_at=at(2027, 1, 12, 10, 30),
                               ends_at=at(2027, 1, 12, 11, 30))
    assert Booking.objects.filter(status="confirmed").count() == 2
    assert timedelta(0) < at(2027, 1, 12, 11) - at(2027, 1, 12, 10)


def test_the_space_is_published_as_a_public_facility_row_through_the_import(room, operator):
    from yukemuri.facilities.models import PublicFacility

    result = services.open_data_publish(space=room.space, by=operator)
    assert result.created == 1
    row = PublicFacility.objects.get(source_id="space-netsugen")
    assert (row.owner_code, row.category, row.municipality.code) == ("100005", "共創スペース", "102016")
    assert (f"{row.opens_at:%H:%M}", f"{row.closes_at:%H:%M}", row.open_days) == ("10:00", "21:00", "月火水木金土日祝")
    assert "会議室A" in row.description
    assert services.open_data_publish(space=room.space, by=operator).unchanged == 1
    assert Action.objects.filter(verb="space.published").count() == 1
    with pytest.raises(PermissionDenied):
        services.open_data_publish(space=room.space, by=PersonFactory())
