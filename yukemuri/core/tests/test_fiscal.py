"""The fiscal year (年度) runs from April: one definition for KPIs, evaluations and the visions' reviews."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from yukemuri.core.fiscal import current_fiscal_year, fiscal_year, fiscal_year_bounds


@pytest.mark.parametrize("day,year", [(date(2027, 3, 31), 2026), (date(2027, 4, 1), 2027), (date(2026, 12, 31), 2026),
                                      (date(2027, 1, 1), 2026)])
def test_the_fiscal_year_starts_in_april(day, year):
    assert fiscal_year(day) == year


def test_its_bounds_are_japan_midnights():
    start, end = fiscal_year_bounds(2026)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert (start, end) == (datetime(2026, 4, 1, tzinfo=tokyo), datetime(2027, 4, 1, tzinfo=tokyo))


def test_in_january_the_current_year_is_last_years(settings, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 1, 15))
    assert current_fiscal_year() == 2026
