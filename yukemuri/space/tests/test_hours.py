"""The opening-hours rule (space/hours.py): weekly rows, Japan's public holidays, closures."""

from datetime import date, datetime, time

import pytest

from yukemuri.space.hours import HOLIDAY, Hours, hours_on, slot_starts, within_hours

WEEKDAY, WEEKEND = (time(10), time(21)), (time(10), time(18))
NETSUGEN = {**{d: WEEKDAY for d in range(5)}, 5: WEEKEND, 6: WEEKEND, HOLIDAY: WEEKEND}
YEAR_END = [(date(2026, 12, 29), date(2027, 1, 3))]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2027, 1, 11), Hours(time(10), time(18))),  # 成人の日, a Monday
    (date(2027, 1, 12), Hours(time(10), time(21))),  # the Tuesday after: a weekday
    (date(2027, 1, 9), Hours(time(10), time(18))),  # Saturday
    (date(2027, 1, 10), Hours(time(10), time(18))),  # Sunday
    (date(2026, 12, 28), Hours(time(10), time(21))),  # the last weekday before the year end
    (date(2026, 12, 29), None), (date(2026, 12, 31), None), (date(2027, 1, 1), None), (date(2027, 1, 3), None),
    (date(2027, 1, 4), Hours(time(10), time(21))),  # open again
    (date(2026, 11, 23), Hours(time(10), time(18))),  # 勤労感謝の日, a Monday
    (date(2027, 5, 5), Hours(time(10), time(18))),  # こどもの日, a Wednesday
    (date(2026, 5, 6), Hours(time(10), time(18))),  # 振替休日 (5/3 was a Sunday)
])
def test_netsugen_hours(day, expected):
    assert hours_on(day, weekly=NETSUGEN, closures=YEAR_END) == expected


def test_no_row_means_closed():
    weekdays_only = {d: WEEKDAY for d in range(5)}
    assert hours_on(date(2027, 1, 9), weekly=weekdays_only) is None  # Saturday
    assert hours_on(date(2027, 1, 11), weekly=weekdays_only) is None  # a holiday without a holiday row
    assert hours_on(date(2027, 1, 12), weekly=weekdays_only) == Hours(time(10), time(21))


def test_the_holiday_rule_is_injectable():
    assert hours_on(date(2027, 1, 12), weekly=NETSUGEN, is_holiday=lambda d: True) == Hours(time(10), time(18))


def test_slots_are_half_hours_within_the_day():
    starts = slot_starts(Hours(time(10), time(18)))
    assert (starts[0], starts[-1], len(starts)) == (time(10), time(17, 30), 16)
    assert slot_starts(Hours(time(10, 15), time(11, 45))) == [time(10, 30), time(11)]
    assert slot_starts(None) == []


@pytest.mark.parametrize(("start", "end", "ok"), [
    ((10, 0), (11, 0), True), ((17, 30), (18, 0), True), ((9, 30), (10, 30), False), ((17, 30), (18, 30), False),
    ((10, 15), (11, 0), False), ((11, 0), (11, 0), False), ((12, 0), (11, 0), False),
])
def test_within_hours(start, end, ok):
    day = date(2027, 1, 11)
    hours = hours_on(day, weekly=NETSUGEN)
    assert within_hours(datetime(2027, 1, 11, *start), datetime(2027, 1, 11, *end), hours) is ok


def test_nothing_is_within_a_closed_day():
    assert not within_hours(datetime(2027, 1, 1, 10), datetime(2027, 1, 1, 11), None)
