"""Opening hours as a pure function (開館時間): weekly rows, Japan's public holidays and closures → a day's hours.

No Django here (an import-linter contract): the models hand in plain data, so the rule is tested on its own and
the API, the pages and the booking check all ask the same function.

The rule, in order:
1. a closure (年末年始 or a one-off, dates inclusive) covering the day → closed;
2. a public holiday (祝日, including 振替休日 and 国民の休日, from `jpholiday`) → the HOLIDAY row, none → closed;
3. otherwise the row of the weekday (0 = Monday … 6 = Sunday), none → closed.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

import jpholiday

HOLIDAY = 7  # the weekly row that public holidays use (WeeklyHours.Day.HOLIDAY)
SLOT = timedelta(minutes=30)  # bookings start and end on the half hour


class Hours(NamedTuple):
    opens: time
    closes: time


def is_public_holiday(day: date) -> bool:
    """国民の祝日・振替休日・国民の休日 as the Cabinet Office publishes them (jpholiday follows 内閣府's table)."""
    return bool(jpholiday.is_holiday(day))


def holiday_name(day: date) -> str | None:
    return jpholiday.is_holiday_name(day)


def hours_on(
    day: date,
    *,
    weekly: Mapping[int, tuple[time, time]],
    closures: Iterable[tuple[date, date]] = (),
    is_holiday: Callable[[date], bool] = is_public_holiday,
) -> Hours | None:
    """The opening and closing time on `day`, or None when the space is closed that day."""
    if any(start <= day <= end for start, end in closures):
        return None
    row = weekly.get(HOLIDAY) if is_holiday(day) else weekly.get(day.weekday())
    return Hours(*row) if row else None


def slot_starts(hours: Hours | None) -> list[time]:
    """The half-hour slots of a day's hours, by their start (an opening at 10:15 starts the first slot at 10:30)."""
    if hours is None:
        return []
    day = date(2000, 1, 3)  # any day: only the times matter
    at = datetime.combine(day, hours.opens)
    if at.minute % 30 or at.second or at.microsecond:
        at = at.replace(minute=0, second=0, microsecond=0) + SLOT * ((at.minute // 30) + 1)
    end = datetime.combine(day, hours.closes)
    starts = []
    while at + SLOT <= end:
        starts.append(at.time())
        at += SLOT
    return starts


def within_hours(starts: datetime, ends: datetime, hours: Hours | None) -> bool:
    """Whether a booking from `starts` to `ends` (naive local times on one day) lies on half-hour marks inside
    the day's hours."""
    if hours is None or starts.date() != ends.date() or starts >= ends:
        return False
    on_the_half_hour = all(t.minute % 30 == 0 and t.second == 0 and t.microsecond == 0 for t in (starts, ends))
    return on_the_half_hour and hours.opens <= starts.time() and ends.time() <= hours.closes
