"""Writes of co-creation spaces: bookings and their cancellation, and the operator's facilities, hours, closures.

Each write runs in one transaction and is recorded in the action stream (yukemuri/actions).
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import allowed, require

from . import selectors
from .hours import within_hours
from .models import Booking, Closure, Facility, Space, WeeklyHours
from .rules import booking_refusal


class SlotTaken(ValidationError):
    """Somebody else booked (part of) the time first."""


def _check_times(facility: Facility, starts_at: datetime, ends_at: datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("booking times must be aware")
    local_start, local_end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if starts_at < timezone.now():
        raise ValidationError(_("That time has already begun."), code="past")
    hours = selectors.schedule_of(facility.space_id).hours(local_start.date())
    naive = (local_start.replace(tzinfo=None), local_end.replace(tzinfo=None))
    if not within_hours(*naive, hours):
        raise ValidationError(
            _("Bookings run in 30-minute steps within the opening hours of one day."), code="hours")
    if ends_at - starts_at > timedelta(minutes=facility.max_booking_minutes):
        raise ValidationError(_("A booking may last at most %(minutes)d minutes.")
                              % {"minutes": facility.max_booking_minutes}, code="too_long")


def _check_who(*, facility: Facility, person, starts_at: datetime, ends_at: datetime, by) -> None:
    """Who books: `space.book_facility` on the booking about to be made (members on its day, the operator); the
    operator for someone else, who must be someone that could book it themselves — a booking is the booked-for
    person's use of the room (the fees and the check-in go by their membership), not the operator's."""
    probe = Booking(facility=facility, person=person, starts_at=starts_at, ends_at=ends_at)
    if person.pk == by.pk:
        if not allowed(by, "space.book_facility", probe):
            refusal = booking_refusal(by, probe) if facility.bookable else None
            raise PermissionDenied(refusal.message if refusal else _("You cannot book this facility."))
        return
    require(by, "space.book_for_others", facility, _("Only the space's operator books for others."))
    if not allowed(person, "space.book_facility", probe):
        refusal = booking_refusal(person, probe)
        raise ValidationError(
            refusal.for_others if refusal and refusal.for_others
            else _("%(name)s cannot book this facility.") % {"name": str(person)}, code="not_member")


def book(*, facility: Facility, person, starts_at: datetime, ends_at: datetime, by, purpose: str = "") -> Booking:
    """Book `facility` for `person` (by themselves, or by the operator for them). Never two overlapping
    confirmed bookings: the facility's row is locked first (PostgreSQL; SQLite's BEGIN IMMEDIATE already
    serialises every writer), then the overlap is checked, and on PostgreSQL the exclusion constraint
    backs it (migration 0002)."""
    _check_who(facility=facility, person=person, starts_at=starts_at, ends_at=ends_at, by=by)
    _check_times(facility, starts_at, ends_at)
    try:
        with transaction.atomic():
            Facility.objects.select_for_update().filter(pk=facility.pk).exists()  # the lock row of the facility
            if selectors.confirmed_between(facility.pk, starts_at, ends_at).exists():
                raise SlotTaken(_("Someone has booked this time already."), code="taken")
            booking = Booking.objects.create(facility=facility, person=person, booked_by=by,
                                             starts_at=starts_at, ends_at=ends_at, purpose=purpose.strip()[:200])
            action_record(actor=by, verb=verbs.SPACE_BOOKED, target=booking, data={
                "facility": facility.pk, "person": person.pk,
                "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()})
    except IntegrityError as exc:  # the exclusion constraint: a writer that bypassed the lock
        raise SlotTaken(_("Someone has booked this time already."), code="taken") from exc
    return booking


@transaction.atomic
def cancel(*, booking: Booking, by) -> Booking:
    """Cancel a booking: its person until the facility's free-cancellation hours before the start, the operator
    at any time (キャンセル規定)."""
    require(by, "space.cancel_booking", booking,
            _("Cancelling is free until %(hours)d hours before the start; please ask the space's staff.")
            % {"hours": booking.facility.free_cancellation_hours})
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status == Booking.Status.CANCELLED:
        return locked
    locked.status, locked.cancelled_at, locked.cancelled_by = Booking.Status.CANCELLED, timezone.now(), by
    locked.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    action_record(actor=by, verb=verbs.SPACE_BOOKING_CANCELLED, target=locked,
                  data={"facility": locked.facility_id, "starts_at": locked.starts_at.isoformat()})
    return locked


FACILITY_FIELDS = ("name", "kind", "capacity", "accessibility", "equipment", "description", "bookable",
                   "free_cancellation_hours", "max_booking_minutes", "sort_order", "photo_alt")


@transaction.atomic
def facility_save(*, space: Space, by, facility: Facility | None = None, **values) -> Facility:
    """Add a facility to a space or change one (the operator)."""
    require(by, "space.manage_space", space, _("Only the space's operator changes its facilities."))
    facility = facility or Facility(space=space)
    before = {name: getattr(facility, name) for name in FACILITY_FIELDS}
    for name, value in values.items():
        if name not in FACILITY_FIELDS and name != "photo":
            raise TypeError(f"unknown facility field {name}")
        setattr(facility, name, value)
    facility.full_clean()
    facility.save()
    action_record(actor=by, verb=verbs.SPACE_FACILITY_CHANGED, target=facility,
                  data=diff(before, {name: getattr(facility, name) for name in FACILITY_FIELDS}))
    return facility


@transaction.atomic
def hours_set(*, space: Space, by, rows: dict[int, tuple[time, time] | None]) -> None:
    """Set the weekly hours: {day (0–6, 7 = public holiday): (opens, closes) or None for closed}."""
    require(by, "space.manage_space", space, _("Only the space's operator changes its hours."))
    for day, row in rows.items():
        if day not in WeeklyHours.Day.values:
            raise ValidationError(_("No such day."), code="day")
        if row is None:
            WeeklyHours.objects.filter(space=space, day=day).delete()
            continue
        if not row[0] < row[1]:
            raise ValidationError(_("A day must open before it closes."), code="order")
        WeeklyHours.objects.update_or_create(space=space, day=day, defaults={"opens": row[0], "closes": row[1]})
    action_record(actor=by, verb=verbs.SPACE_HOURS_CHANGED, target=space, data={
        str(day): [t.strftime("%H:%M") for t in row] if row else None for day, row in rows.items()})


@transaction.atomic
def closure_add(*, space: Space, by, starts_on, ends_on, reason=Closure.Reason.ONE_OFF, note="") -> Closure:
    require(by, "space.manage_space", space, _("Only the space's operator changes its closures."))
    closure = Closure(space=space, starts_on=starts_on, ends_on=ends_on, reason=reason, note=note)
    closure.full_clean()
    closure.save()
    action_record(actor=by, verb=verbs.SPACE_CLOSURE_CHANGED, target=space, data={
        "added": [starts_on.isoformat(), ends_on.isoformat()], "reason": reason})
    return closure


@transaction.atomic
def closure_remove(*, closure: Closure, by) -> None:
    require(by, "space.manage_space", closure.space, _("Only the space's operator changes its closures."))
    action_record(actor=by, verb=verbs.SPACE_CLOSURE_CHANGED, target=closure.space, data={
        "removed": [closure.starts_on.isoformat(), closure.ends_on.isoformat()], "reason": closure.reason})
    closure.delete()


@transaction.atomic
def open_data_publish(*, space: Space, by=None):
    """The space as a row of 「公共施設一覧」 through the facilities app's import (space/opendata.py); `by` None
    is the system (the demo loader)."""
    from . import opendata

    if by is not None:
        require(by, "space.manage_space", space, _("Only the space's operator publishes it."))
    schedule = selectors.schedule_of(space.pk)
    closures = list(space.closures.order_by("starts_on"))
    row = opendata.space_row(space, list(space.facilities.order_by("sort_order", "id")), schedule.weekly, closures)
    result = opendata.publish([row])
    if result.errors:
        raise ValidationError([f"{e.column}: {e.message}" for e in result.errors])
    if result.created or result.updated:  # publishing an unchanged row again changes and records nothing
        action_record(actor=by, verb=verbs.SPACE_PUBLISHED, target=space, data={"id": opendata.source_id(space)})
    return result
