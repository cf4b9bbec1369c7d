"""Reads of co-creation spaces: spaces and facilities, a day's hours, a facility's week of slots, bookings."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from .hours import SLOT, Hours, holiday_name, hours_on, slot_starts
from .models import Booking, Closure, Facility, Space, WeeklyHours


@dataclass
class Schedule:
    """A space's weekly rows and closures, read once; `hours(day)` asks the pure rule (hours.py)."""

    weekly: dict[int, tuple[time, time]] = field(default_factory=dict)
    closures: list[tuple[date, date]] = field(default_factory=list)

    def hours(self, day: date) -> Hours | None:
        return hours_on(day, weekly=self.weekly, closures=self.closures)


def schedule_of(space_id: int) -> Schedule:
    return Schedule(
        weekly={row.day: (row.opens, row.closes) for row in WeeklyHours.objects.filter(space_id=space_id)},
        closures=list(Closure.objects.filter(space_id=space_id).values_list("starts_on", "ends_on")),
    )


def today() -> date:
    return timezone.localdate()


def spaces():
    """Every space with its facilities in order (several per prefecture)."""
    return Space.objects.select_related("prefecture", "municipality").prefetch_related(
        Prefetch("facilities", queryset=Facility.objects.order_by("sort_order", "id")))


def spaces_with_today():
    """[(space, today's hours or None, facilities)] for /space/."""
    day = today()
    return [(space, schedule_of(space.pk).hours(day), list(space.facilities.all())) for space in spaces()]


def facility(pk: int) -> Facility | None:
    return Facility.objects.select_related("space", "space__prefecture", "space__municipality").filter(pk=pk).first()


def facilities():
    return Facility.objects.select_related("space").order_by("space_id", "sort_order", "id")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def confirmed_between(facility_id: int, starts: datetime, ends: datetime):
    return Booking.objects.filter(facility_id=facility_id, status=Booking.Status.CONFIRMED,
                                  starts_at__lt=ends, ends_at__gt=starts)


@dataclass
class Slot:
    starts: datetime
    ends: datetime
    booking: Booking | None
    past: bool

    @property
    def free(self) -> bool:
        return self.booking is None and not self.past


@dataclass
class Day:
    day: date
    hours: Hours | None
    holiday: str | None
    slots: list[Slot]


def week_of(fac: Facility, monday: date) -> list[Day]:
    """Seven days from `monday`, each with its hours and its half-hour slots (taken by which booking, if any)."""
    schedule = schedule_of(fac.space_id)
    bookings = list(confirmed_between(fac.pk, local(monday, time.min), local(monday + timedelta(days=7), time.min))
                    .select_related("person"))
    now = timezone.now()
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        hours = schedule.hours(day)
        slots = []
        for start in slot_starts(hours):
            starts = local(day, start)
            ends = starts + SLOT
            taken = next((b for b in bookings if b.starts_at < ends and b.ends_at > starts), None)
            slots.append(Slot(starts=starts, ends=ends, booking=taken, past=starts < now))
        days.append(Day(day=day, hours=hours, holiday=holiday_name(day), slots=slots))
    return days


def bookings_of(person, *, upcoming_only=True):
    qs = Booking.objects.filter(person=person, status=Booking.Status.CONFIRMED).select_related("facility__space")
    return qs.filter(ends_at__gte=timezone.now()) if upcoming_only else qs


def bookings_for_space(space_id: int, *, since: datetime | None = None):
    """The confirmed bookings of a space's facilities, for the operator and the calendar."""
    qs = Booking.objects.filter(facility__space_id=space_id, status=Booking.Status.CONFIRMED)
    if since is not None:
        qs = qs.filter(ends_at__gte=since)
    return qs.select_related("facility", "person", "booked_by").order_by("starts_at", "id")


def space_by_slug(slug: str) -> Space | None:
    return Space.objects.select_related("prefecture", "municipality").filter(slug=slug).first()


def week_rows(days: list[Day]) -> list[tuple[time, list[Slot | None]]]:
    """The week as table rows: each half hour any day is open, with that day's slot (None: closed then)."""
    by_day = [{timezone.localtime(slot.starts).time(): slot for slot in day.slots} for day in days]
    times = sorted(set().union(*by_day))
    return [(at, [slots.get(at) for slots in by_day]) for at in times]
