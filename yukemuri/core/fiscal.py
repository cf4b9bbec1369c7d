"""The fiscal year (年度): from 1 April to 31 March, named by the calendar year it starts in (令和5年度 = 2023).

KPIs, participation rates, evaluations of running projects and the visions' yearly reviews all count by it; one
definition, so that a January figure never lands in a different year on two pages."""

from datetime import date, datetime, time

from django.utils import timezone


def fiscal_year(day: date) -> int:
    """The fiscal year `day` falls in."""
    return day.year if day.month >= 4 else day.year - 1


def current_fiscal_year() -> int:
    """The fiscal year of today, in the site's time zone."""
    return fiscal_year(timezone.localdate())


def fiscal_year_bounds(year: int) -> tuple[datetime, datetime]:
    """[1 April of `year`, 1 April of the next year) as aware datetimes in the site's time zone."""
    zone = timezone.get_default_timezone()
    return (timezone.make_aware(datetime.combine(date(year, 4, 1), time.min), zone),
            timezone.make_aware(datetime.combine(date(year + 1, 4, 1), time.min), zone))
