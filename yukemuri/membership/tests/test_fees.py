"""The fee rule and the invoice arithmetic: hand examples and properties over random visit patterns."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yukemuri.membership.fees import TOKYO, FeeError, FeeRule, charged_hours, day_charges, minutes_per_day

HOURLY = FeeRule(hourly_price=250, daily_cap=1000)
MONTHLY = FeeRule(hourly_price=0, daily_cap=None)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, second, tzinfo=TOKYO)


@pytest.mark.parametrize(("minutes", "hours"), [(0, 0), (1, 1), (59, 1), (60, 1), (61, 2), (120, 2), (121, 3)])
def test_every_started_hour_counts(minutes, hours):
    assert charged_hours(minutes) == hours


@pytest.mark.parametrize(("visits", "expected"), [
    ([(at(7, 10), at(7, 11))], 250),                                   # exactly one hour
    ([(at(7, 10), at(7, 11, 1))], 500),                                # 1 h 1 min = 2 hours
    ([(at(7, 10), at(7, 11, 0, 59))], 250),                            # seconds below a minute are dropped
    ([(at(7, 10), at(7, 10, 20)), (at(7, 14), at(7, 14, 20))], 250),   # the day's total is rounded, not each visit
    ([(at(7, 10), at(7, 12)), (at(7, 11), at(7, 12, 30))], 750),       # overlap counted once: 2 h 30 min
    ([(at(7, 10), at(7, 21))], 1000),                                  # capped
    ([(at(7, 10), at(7, 10, 0, 30))], 0),                              # under a minute costs nothing
])
def test_hand_examples(visits, expected):
    assert day_charges(HOURLY, visits) == {date(2026, 12, 7): expected}


def test_a_visit_across_midnight_is_split_into_its_days():
    assert day_charges(HOURLY, [(at(7, 23, 30), at(8, 0, 30))]) == {date(2026, 12, 7): 250, date(2026, 12, 8): 250}
    # a forgotten check-out over three days is capped on each day
    assert day_charges(HOURLY, [(at(7, 10), at(9, 1, 30))]) == {
        date(2026, 12, 7): 1000, date(2026, 12, 8): 1000, date(2026, 12, 9): 500}


def test_days_are_tokyo_days_whatever_zone_the_times_carry():
    from datetime import UTC
    start = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)  # 23:30 in Tokyo
    assert minutes_per_day([(start, start + timedelta(hours=1))]) == {date(2026, 12, 7): 30, date(2026, 12, 8): 30}


def test_monthly_members_pay_nothing_per_visit():
    assert day_charges(MONTHLY, [(at(7, 10), at(7, 21))]) == {date(2026, 12, 7): 0}


def test_bad_visits_are_refused():
    with pytest.raises(FeeError):
        day_charges(HOURLY, [(at(7, 11), at(7, 10))])
    with pytest.raises(FeeError):
        day_charges(HOURLY, [(datetime(2026, 12, 7, 10), datetime(2026, 12, 7, 11))])
    with pytest.raises(FeeError):
        FeeRule(hourly_price=-1)


BASE = datetime(2026, 12, 7, 0, 0, tzinfo=TOKYO)
visit = st.tuples(st.integers(0, 3 * 24 * 3600), st.integers(0, 30 * 3600)).map(
    lambda pair: (BASE + timedelta(seconds=pair[0]), BASE + timedelta(seconds=pair[0] + pair[1])))
visits = st.lists(visit, max_size=8)
rules = st.builds(FeeRule, hourly_price=st.integers(0, 2000), daily_cap=st.none() | st.integers(0, 10000))


@settings(max_examples=300, deadline=None)
@given(rules, visits)
def test_never_negative_never_above_the_cap(rule, pattern):
    for charge in day_charges(rule, pattern).values():
        assert charge >= 0
        if rule.daily_cap is not None:
            assert charge <= rule.daily_cap


@settings(max_examples=300, deadline=None)
@given(rules, visits, visit)
def test_another_visit_never_lowers_a_day(rule, pattern, extra):
    before, after = day_charges(rule, pattern), day_charges(rule, [*pattern, extra])
    assert all(after.get(day, 0) >= charge for day, charge in before.items())


@settings(max_examples=300, deadline=None)
@given(rules, st.lists(visit, min_size=1, max_size=6), st.integers(0, 8), st.integers(0, 5 * 3600))
def test_a_longer_visit_never_costs_less(rule, pattern, index, seconds):
    index %= len(pattern)
    start, end = pattern[index]
    longer = [*pattern[:index], (start, end + timedelta(seconds=seconds)), *pattern[index + 1:]]
    before, after = day_charges(rule, pattern), day_charges(rule, longer)
    assert all(after.get(day, 0) >= charge for day, charge in before.items())
    assert sum(after.values()) >= sum(before.values())


minute_visit = st.tuples(st.integers(0, 3 * 24 * 60), st.integers(0, 30 * 60)).map(
    lambda pair: (BASE + timedelta(minutes=pair[0]), BASE + timedelta(minutes=pair[0] + pair[1])))


@settings(max_examples=200, deadline=None)
@given(st.lists(minute_visit, max_size=8))
def test_summing_before_rounding_never_costs_more_than_rounding_each_visit(pattern):
    per_day = day_charges(HOURLY, pattern)
    each = {}
    for one in pattern:
        for day, charge in day_charges(FeeRule(250, None), [one]).items():
            each[day] = each.get(day, 0) + charge
    assert all(charge <= min(each.get(day, 0), 1000) for day, charge in per_day.items())
