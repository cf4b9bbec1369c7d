"""The indicators the platform counts from its own data, through the other apps' selectors.

Each function gives rows (fiscal year, split, area, value); `compute_all` stores them for every computed indicator
that exists (kpi_compute, and the task of the same name). Counts are cumulative when the indicator is.
"""

from django.utils import timezone

from yukemuri.events.selectors import check_ins_by_kind
from yukemuri.points.selectors import points_earned
from yukemuri.startups.selectors import first_participation_years

from .indicators import cocreation_initiatives, fiscal_year
from .models import Indicator
from .services import computed_store


def _by_year(pairs, *, cumulative: bool, by_area: bool = False) -> list:
    """(moment, area or None, amount) → rows per fiscal year (and area), cumulative when asked."""
    totals: dict[tuple[int, str], int] = {}
    for moment, area, amount in pairs:
        year = fiscal_year(timezone.localdate(moment))
        totals[(year, "")] = totals.get((year, ""), 0) + amount
        if by_area and area:
            totals[(year, area)] = totals.get((year, area), 0) + amount
    return _rows(totals, cumulative=cumulative)


def _rows(totals: dict, *, cumulative: bool) -> list:
    if not totals:
        return []
    years = range(min(year for year, _a in totals), max(year for year, _a in totals) + 1)
    areas = sorted({area for _y, area in totals})
    rows, running = [], dict.fromkeys(areas, 0)
    for year in years:
        for area in areas:
            amount = totals.get((year, area), 0)
            running[area] += amount
            if (cumulative and running[area]) or (not cumulative and (year, area) in totals):
                rows.append((year, "", area, running[area] if cumulative else amount))
    return rows


def cocreation():
    indicator = cocreation_initiatives()
    rows = []
    for row in indicator.rows:
        if row.year > fiscal_year(timezone.localdate()):
            continue
        rows.append((row.year, "", "", row.cumulative))
        rows += [(row.year, "", area, n) for area, n in row.by_area.items() if n]
    return rows


def startups_supported():
    totals = {(year, ""): n for year, n in first_participation_years().items()}
    return _rows(totals, cumulative=True)


def seminar_check_ins():
    return _by_year(((at, area, 1) for at, area in check_ins_by_kind("seminar")), cumulative=False, by_area=True)


def help_given():
    return _by_year(((at, area, 1) for at, area in check_ins_by_kind("help")), cumulative=False, by_area=True)


def points_issued():
    return _by_year(((at, "", points) for at, points in points_earned()), cumulative=False)


COMPUTERS = {
    "cocreation-initiatives": cocreation,
    "startup-entrepreneurs-supported": startups_supported,
    "seminar-participants": seminar_check_ins,
    "help-given": help_given,
    "points-issued": points_issued,
}


def compute_all() -> dict[str, int]:
    """Recompute every computed indicator that has a computer; {slug: rows stored}. Idempotent."""
    done = {}
    for indicator in Indicator.objects.filter(method=Indicator.Method.COMPUTED, slug__in=COMPUTERS):
        done[indicator.slug] = computed_store(indicator, COMPUTERS[indicator.slug]())
    return done
