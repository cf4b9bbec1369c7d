"""参加率 — how many people took part in the platform in a fiscal year, per 1,000 residents, by area and by age band.

Who took part: a person with an account who, in the fiscal year (April–March, Japan time), posted an issue, an
idea or a comment, supported an issue or an idea, or registered for or was checked in at an event (a help
request's time slot included: that is answering help). Each person counts once, in the area of their home
municipality and in the age band they gave on their profile.

Divided by: the residents of the municipalities that have a population count (地域・年齢別人口, the latest count of
each), in the same area or age band. A participant whose home municipality has no count (someone from elsewhere,
関係人口, or who gave none) is in no rate: the page says how many they are. A participant without an age band
counts by area, not by band.

Privacy: a cell of 1–9 people is shown as "fewer than 10", and so is its rate (rate × residents would give the
count back); when only one cell of a table is suppressed, the next smallest is suppressed too, so that the total
minus the others does not give it away.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from yukemuri.core.fiscal import fiscal_year_bounds
from yukemuri.core.models import Channel
from yukemuri.events.selectors import participant_ids as event_participants
from yukemuri.ideas.selectors import channel_counts as idea_channel_counts
from yukemuri.ideas.selectors import participant_ids as idea_participants
from yukemuri.issues.selectors import channel_counts as issue_channel_counts
from yukemuri.issues.selectors import participant_ids as issue_participants
from yukemuri.people.selectors import homes_and_bands
from yukemuri.regions.models import AgeBand
from yukemuri.regions.selectors import municipalities, population_as_of, population_by_band

SMALL = 10  # cells of fewer people than this are not shown


@dataclass
class Cell:
    label: str
    participants: int
    residents: int
    suppressed: bool = False

    @property
    def small(self) -> bool:
        """Suppressed for its own sake (1–9 people), not only to protect another cell."""
        return 0 < self.participants < SMALL

    @property
    def rate(self) -> Decimal | None:
        """Participants per 1,000 residents, to two decimals (half up); None with no residents."""
        if not self.residents:
            return None
        return (Decimal(self.participants) * 1000 / self.residents).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Table:
    year: int
    by_area: list[Cell]
    by_band: list[Cell]
    total: Cell
    outside: int  # participants in no rate: no home municipality with a population count
    no_band: int  # participants in a rate by area without an age band
    as_of: date | None


def participants(year: int) -> set[int]:
    start, end = fiscal_year_bounds(year)
    return issue_participants(start, end) | idea_participants(start, end) | event_participants(start, end)


def posts_by_channel(year: int) -> list[dict]:
    """Issues and ideas posted in the fiscal year per channel: online, with a supporter, on paper, by phone (what
    was entered for people without a device is counted apart; its authors count as participants like anyone)."""
    start, end = fiscal_year_bounds(year)
    issues, ideas = issue_channel_counts(start, end), idea_channel_counts(start, end)
    return [{"label": label, "issues": issues.get(value, 0), "ideas": ideas.get(value, 0)}
            for value, label in Channel.choices]


def participation(year: int, prefecture_code: str | None = None) -> Table:
    population = population_by_band(prefecture_code)
    area_of = {m.code: (m.area.name if m.area else "") for m in municipalities(prefecture_code)}
    area_residents: dict[str, int] = {}
    band_residents: dict[str, int] = {}
    for code, bands in population.items():
        area = area_of.get(code, "")
        area_residents[area] = area_residents.get(area, 0) + sum(bands.values())
        for band, count in bands.items():
            band_residents[band] = band_residents.get(band, 0) + count
    area_people: dict[str, int] = dict.fromkeys(area_residents, 0)
    band_people: dict[str, int] = dict.fromkeys(band_residents, 0)
    outside = no_band = 0
    for code, band in homes_and_bands(participants(year)).values():
        if code not in population:
            outside += 1
            continue
        area = area_of.get(code, "")
        area_people[area] += 1
        if band in band_people:
            band_people[band] += 1
        else:
            no_band += 1
    by_area = [Cell(area or _("Other"), area_people[area], area_residents[area])
               for area in sorted(area_residents, key=lambda name: (name == "", name))]
    by_band = [Cell(str(label), band_people.get(value, 0), band_residents.get(value, 0))
               for value, label in AgeBand.choices if value in band_residents]
    total = Cell(_("All"), sum(area_people.values()), sum(area_residents.values()))
    suppress([*by_area, total])
    suppress([*by_band, total])
    return Table(year=year, by_area=by_area, by_band=by_band, total=total, outside=outside, no_band=no_band,
                 as_of=population_as_of(prefecture_code))


def suppress(cells: list[Cell]) -> None:
    """Mark the cells of 1–9 people (the last cell is the table's total); when exactly one part is marked and the
    total is shown, mark the smallest other part too (0 is shown: it names nobody)."""
    *parts, total = cells
    for cell in cells:
        if 0 < cell.participants < SMALL:
            cell.suppressed = True
    hidden = [cell for cell in parts if cell.suppressed]
    if len(hidden) == 1 and not total.suppressed:
        others = sorted((cell for cell in parts if not cell.suppressed and cell.participants),
                        key=lambda cell: cell.participants)
        if others:
            others[0].suppressed = True


def small_count(count: int) -> str | int:
    """A count shown beside a table: "fewer than 10" for 1–9 people."""
    return _("fewer than 10") if 0 < count < SMALL else count
