"""The operator's figures of a space (運営ダッシュボード), each a table: headers and rows of plain values.

The same rows feed the page's table, its chart and its CSV, so the three never disagree. Membership, visits and
revenue come through membership's selectors; `_membership()` answers None when that app is not installed, and the
figures are then empty tables rather than errors (a site may run spaces without memberships).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.consultations.selectors import count_by_field
from yukemuri.space.selectors import bookings_for_space, facilities, schedule_of

WEEKDAYS = 7


@dataclass
class Table:
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def _membership():
    if not apps.is_installed("yukemuri.membership"):
        return None
    from yukemuri.membership import selectors

    return selectors


def month_starts(today: date, n: int) -> list[date]:
    """The first days of the last `n` months, oldest first, this month last."""
    months, month = [], today.replace(day=1)
    for _i in range(n):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months[::-1]


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def members_by_plan(space, today: date, months: int = 12) -> Table:
    """Memberships covering the last day of each month (today for this month), per plan."""
    membership = _membership()
    if membership is None:
        return Table([_("Month")])
    plans = list(membership.plans_of(space, active_only=False))
    table = Table([_("Month"), *(p.name for p in plans), _("Total")])
    every = list(membership.members_of(space).values_list("plan_id", "starts_on", "ends_on"))
    for month in month_starts(today, months):
        day = min(_month_end(month), today)
        counts = Counter(plan for plan, starts, ends in every if starts <= day and (ends is None or ends >= day))
        table.rows.append([month.strftime("%Y-%m"), *(counts[p.pk] for p in plans), sum(counts.values())])
    return table


def visit_hours(space) -> range:
    """The hours of the heat map: from the earliest opening to the latest closing of the week."""
    weekly = schedule_of(space.pk).weekly
    if not weekly:
        return range(9, 21)
    opens = min(o.hour for o, _c in weekly.values())
    closes = max(c.hour + (1 if c.minute else 0) for _o, c in weekly.values())
    return range(opens, closes)


def visits_heatmap(space, today: date, weeks: int = 12) -> Table:
    """People in the space per weekday and hour over the last `weeks` weeks: a visit counts in every hour it
    touches (in at 10:40, out at 12:10 counts at 10, 11 and 12). Rows are weekdays, columns hours."""
    hours = visit_hours(space)
    table = Table([_("Day"), *(f"{h:02d}:00" for h in hours)])
    membership = _membership()
    grid = [[0] * len(hours) for _d in range(WEEKDAYS)]
    if membership is not None:
        start = timezone.make_aware(datetime.combine(today - timedelta(weeks=weeks), time(0)))
        end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(0)))
        now = timezone.now()
        for checked_in, checked_out in membership.visits_between(space, start, end).values_list(
                "checked_in_at", "checked_out_at"):
            first, last = timezone.localtime(checked_in), timezone.localtime(min(checked_out or now, end))
            moment = first.replace(minute=0, second=0, microsecond=0)
            while moment < last:
                if moment.hour in hours:
                    grid[moment.weekday()][moment.hour - hours.start] += 1
                moment += timedelta(hours=1)
    names = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
    table.rows = [[names[d], *grid[d]] for d in range(WEEKDAYS)]
    return table


def _periods(today: date, by: str, n: int) -> list[tuple[str, date, date]]:
    """(label, first day, last day) of the last `n` weeks (Monday–Sunday) or months, oldest first."""
    if by == "month":
        return [(m.strftime("%Y-%m"), m, _month_end(m)) for m in month_starts(today, n)]
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=i) for i in range(n)][::-1]
    return [(f"{w:%Y-%m-%d}", w, w + timedelta(days=6)) for w in weeks]


def occupancy(space, today: date, by: str = "week", n: int = 8) -> Table:
    """Share of open hours booked per bookable facility and week (or month), in percent with one decimal;
    closed periods have no share (None, an empty cell)."""
    periods = _periods(today, by, n)
    rooms = [f for f in facilities().filter(space=space) if f.bookable]
    table = Table([_("Facility"), *(label for label, _f, _l in periods)])
    schedule = schedule_of(space.pk)
    open_minutes = []
    for _label, first, last in periods:
        minutes, day = 0, first
        while day <= last:
            hours = schedule.hours(day)
            if hours is not None:
                minutes += (datetime.combine(day, hours.closes) - datetime.combine(day, hours.opens)).seconds // 60
            day += timedelta(days=1)
        open_minutes.append(minutes)
    since = timezone.make_aware(datetime.combine(periods[0][1], time(0)))
    until = timezone.make_aware(datetime.combine(periods[-1][2] + timedelta(days=1), time(0)))
    booked = {room.pk: [0] * len(periods) for room in rooms}
    for booking in bookings_for_space(space.pk, since=since).filter(starts_at__lt=until):
        if booking.facility_id not in booked:
            continue
        for i, (_label, first, last) in enumerate(periods):
            lo = max(booking.starts_at, timezone.make_aware(datetime.combine(first, time(0))))
            hi = min(booking.ends_at, timezone.make_aware(datetime.combine(last + timedelta(days=1), time(0))))
            if hi > lo:
                booked[booking.facility_id][i] += int((hi - lo).total_seconds() // 60)
    for room in rooms:
        table.rows.append([room.name, *(round(100 * b / o, 1) if o else None
                                        for b, o in zip(booked[room.pk], open_minutes, strict=True))])
    return table


def revenue(space, today: date, months: int = 12) -> Table:
    """Invoiced yen (tax included) per invoiced month."""
    table = Table([_("Month"), _("Invoiced (yen, tax included)")])
    membership = _membership()
    starts = month_starts(today, months)
    totals = membership.revenue_by_month(space, starts[0], starts[-1]) if membership is not None else {}
    table.rows = [[m.strftime("%Y-%m"), totals.get(m, 0)] for m in starts]
    return table


def consultations(space, today: date, months: int = 12) -> Table:
    """Consultations booked (not cancelled) per field over the last `months` months, to the end of this month."""
    first = month_starts(today, months)[0]
    table = Table([_("Field"), _("Consultations")])
    table.rows = [[name if name is not None else _("No field given"), n]
                  for name, n in count_by_field(space, first, _month_end(today))]
    return table
