"""The indicators the platform counts from its own data, through the other apps' selectors.

Each function gives rows (fiscal year, split, area, value); `compute_all` stores them for every computed indicator
that exists (kpi_compute, and the task of the same name). Counts are cumulative when the indicator is.
"""

from functools import partial

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.calls.selectors import soundings_held
from yukemuri.events.selectors import check_ins_by_kind, events_held_by_kind
from yukemuri.ideas.selectors import first_reached
from yukemuri.points.selectors import points_earned
from yukemuri.startups.selectors import first_participation_years
from yukemuri.teams.selectors import partnerships_formed

from .indicators import cocreation_initiatives, fiscal_year
from .models import Indicator
from .seed001 import OZE
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


def check_ins(kind: str, *, cumulative: bool):
    """People checked in at events of this kind, by the fiscal year (and area) of the check-in."""
    return _by_year(((at, area, 1) for at, area in check_ins_by_kind(kind)), cumulative=cumulative, by_area=True)


def events_held(kind: str):
    """Events of this kind held (not cancelled, already over), by the fiscal year (and area) they started."""
    return _by_year(((at, area, 1) for at, area in events_held_by_kind(kind)), cumulative=False, by_area=True)


def oze_initiatives():
    """Ideas about 尾瀬 that reached the pilot stage or later, cumulative from the year they first did."""
    reached = first_reached(from_workshops=False, about=OZE)
    return _by_year(((at, area, 1) for _idea, area, at in reached), cumulative=True, by_area=True)


# Organisation kinds (organisations.models.Organisation.Kind): 企業等 and 学校 (the kind "university or school").
COMPANIES = frozenset({"company", "startup"})
SCHOOLS = frozenset({"university"})


def partnerships():
    """Ideas whose side has a company and a school or university, in the fiscal year both were there."""
    formed = partnerships_formed(kinds=(COMPANIES, SCHOOLS))
    return _by_year(((at, area, 1) for _idea, area, at in formed), cumulative=False, by_area=True)


def points_issued():
    return _by_year(((at, "", points) for at, points in points_earned()), cumulative=False)


def soundings():
    """Market soundings (サウンディング調査) published as calls for proposals, cumulative from the fiscal year each
    was published (calls app)."""
    return _by_year(((at, "", 1) for at in soundings_held()), cumulative=True)


COMPUTERS = {
    "cocreation-initiatives": cocreation,
    "startup-entrepreneurs-supported": startups_supported,
    "creator-laboratory-participants": partial(check_ins, "creator-lab", cumulative=True),
    "online-medicine-seminar-attendees": partial(check_ins, "online-medicine-seminar", cumulative=False),
    "online-career-seminars": partial(events_held, "online-career-seminar"),
    "oze-cocreation-initiatives": oze_initiatives,
    "business-school-community-partnerships": partnerships,
    "seminar-participants": partial(check_ins, "seminar", cumulative=False),
    "help-given": partial(check_ins, "help", cumulative=False),
    "points-issued": points_issued,
    "sounding-surveys": soundings,
}

# How each indicator is counted (the indicator's page and decision 0017 say the same): rule and source.
RULES = {
    "cocreation-initiatives": _(
        "Ideas born at a 未来共創ワークショップ session that reached the pilot stage or later, counted in the fiscal "
        "year they first did; cumulative. Source: the ideas' stage history on this platform."),
    "startup-entrepreneurs-supported": _(
        "Startups that took part in a startup programme, counted in the year of their first participation; "
        "cumulative. Source: the programmes' participants on this platform."),
    "creator-laboratory-participants": _(
        "People checked in at events of the kind 「クリエイターラボラトリー」, counted in the fiscal year of the "
        "check-in (a person who comes twice counts twice); cumulative. Source: the events' check-ins."),
    "online-medicine-seminar-attendees": _(
        "People checked in at events of the kind 「オンライン診療セミナー」, per fiscal year of the check-in. "
        "Source: the events' check-ins."),
    "online-career-seminars": _(
        "Events of the kind 「オンラインキャリア教育セミナー」 held (not cancelled, already over), per fiscal "
        "year of their start. Source: the events on this platform."),
    "oze-cocreation-initiatives": _(
        "Ideas placed in 片品村, or whose title, text or a theme mentions 尾瀬, that reached the pilot stage or "
        "later, counted in the fiscal year they first did; cumulative. Source: the ideas' stage history."),
    "business-school-community-partnerships": _(
        "Published ideas whose side has both a company (or startup) and a university or school: the "
        "organisation the idea was posted for, and the organisations its team members belong to. Each idea "
        "counts once, in the fiscal year both were first there. Source: teams and organisations on this "
        "platform."),
    "seminar-participants": _(
        "People checked in at events of the kind 「セミナー」, per fiscal year of the check-in. Source: the "
        "events' check-ins."),
    "help-given": _(
        "People checked in at the time slots of help requests (お手伝い), per fiscal year of the check-in. "
        "Source: the help slots' check-ins."),
    "points-issued": _(
        "Points given by the issuers, per fiscal year (a reversed earning still counts: it was issued). "
        "Source: the points ledger."),
    "sounding-surveys": _(
        "Calls for proposals of the kind 「サウンディング」 published on this platform (/calls/), counted in the "
        "fiscal year they were published; cumulative. Calls for private proposals (民間提案) are not counted. "
        "Source: the calls for proposals on this platform."),
}


def compute_all() -> dict[str, int]:
    """Recompute every computed indicator that has a computer; {slug: rows stored}. Idempotent."""
    done = {}
    for indicator in Indicator.objects.filter(method=Indicator.Method.COMPUTED, slug__in=COMPUTERS):
        done[indicator.slug] = computed_store(indicator, COMPUTERS[indicator.slug]())
    return done
