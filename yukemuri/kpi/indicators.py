"""The plan's KPI 「地域ビジョンから生まれた共創の取組件数」(cumulative), computed from the data.

An 取組 counts from the day an idea born at a workshop session first reached the pilot stage or a later one.
Japanese fiscal years run from April to March (令和5年度 = FY2023 = 2023-04-01 … 2024-03-31).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from yukemuri.core.fiscal import fiscal_year
from yukemuri.ideas.selectors import first_reached

# Seed 001 (群馬県 地方創生 SDGs 未来都市計画): targets of the cumulative count.
TARGETS = {2023: 29, 2025: 45}
FIRST_YEAR = 2021  # the first 未来共創ワークショップ


@dataclass
class YearRow:
    year: int
    new: int = 0
    cumulative: int = 0
    target: int | None = None
    by_area: dict[str, int] = field(default_factory=dict)  # cumulative per area


@dataclass
class Indicator:
    rows: list[YearRow]
    areas: list[str]
    total: int


def cocreation_initiatives(today: date | None = None) -> Indicator:
    today = today or timezone.localdate()
    reached = first_reached(from_workshops=True)  # [(idea id, area name, aware datetime)]
    last_year = max([fiscal_year(today), *TARGETS])
    years = range(min([FIRST_YEAR, *(fiscal_year(timezone.localdate(at)) for _i, _a, at in reached)]), last_year + 1)
    rows = {year: YearRow(year=year, target=TARGETS.get(year)) for year in years}
    areas = sorted({area for _idea, area, _at in reached})
    for _idea, area, at in reached:
        row = rows[fiscal_year(timezone.localdate(at))]
        row.new += 1
        row.by_area[area] = row.by_area.get(area, 0) + 1
    running, by_area = 0, dict.fromkeys(areas, 0)
    for year in years:
        row = rows[year]
        running += row.new
        for area in areas:
            by_area[area] += row.by_area.get(area, 0)
        row.cumulative, row.by_area = running, dict(by_area)
    shown = [row for row in rows.values() if row.year <= fiscal_year(today) or row.target]
    return Indicator(rows=shown, areas=areas, total=running)
