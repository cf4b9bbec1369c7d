"""利用料金 — the fee rule of a co-creation space's hourly members, as a pure function (no Django).

The rule (docs/decisions/0030-space-fees-and-invoices.md):

- A visit is a (check-in, check-out) pair of aware datetimes. Visits are split at local midnight (the zone given,
  Asia/Tokyo for the site): each part belongs to its calendar day, and each day has its own cap (「1日上限」).
- Within a day, overlapping visits are merged (a person is charged for time, not for check-ins), the time is
  counted in whole minutes (the desk's clock; the seconds of each day's total are dropped), and every started hour
  of the day's total is charged: 1 h 0 min = 1 hour, 1 h 1 min = 2 hours, two visits of 20 minutes = 1 hour.
  Summing before rounding never charges more than rounding each visit would, and a member who steps out for
  lunch is not charged a second started hour for it.
- The day's charge is min(hours × hourly price, daily cap). A day with less than one minute costs nothing.
- Monthly members have an hourly price of 0: their visits are recorded, with 0 yen a day.

Consequences the property tests check: never negative, never above the cap, monotone (a longer or an extra
visit never lowers any day's charge).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


class FeeError(ValueError):
    """A visit that cannot be charged: naive times, or an end before the start."""


@dataclass(frozen=True)
class FeeRule:
    """What a plan charges per visit: yen per started hour and the cap per day (None: no cap)."""

    hourly_price: int = 0
    daily_cap: int | None = None

    def __post_init__(self):
        if self.hourly_price < 0 or (self.daily_cap is not None and self.daily_cap < 0):
            raise FeeError("prices cannot be negative")


def _split_at_midnight(start: datetime, end: datetime, zone: tzinfo) -> Iterable[tuple[date, datetime, datetime]]:
    start, end = start.astimezone(zone), end.astimezone(zone)
    while start < end:
        next_midnight = datetime.combine(start.date() + timedelta(days=1), time(0), tzinfo=zone)
        part_end = min(end, next_midnight)
        yield start.date(), start, part_end
        start = part_end


def _merged_seconds(parts: list[tuple[datetime, datetime]]) -> float:
    total, current_start, current_end = 0.0, None, None
    for start, end in sorted(parts):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += (current_end - current_start).total_seconds()
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).total_seconds()
    return total


def minutes_per_day(visits: Iterable[tuple[datetime, datetime]], zone: tzinfo = TOKYO) -> dict[date, int]:
    """Whole minutes present per local calendar day, overlapping visits counted once."""
    parts: dict[date, list[tuple[datetime, datetime]]] = {}
    for start, end in visits:
        if start.tzinfo is None or end.tzinfo is None:
            raise FeeError("visit times must carry a time zone")
        if end < start:
            raise FeeError(f"a visit ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        if end == start:
            parts.setdefault(start.astimezone(zone).date(), [])
        for day, part_start, part_end in _split_at_midnight(start, end, zone):
            parts.setdefault(day, []).append((part_start, part_end))
    return {day: int(_merged_seconds(day_parts) // 60) for day, day_parts in sorted(parts.items())}


def charged_hours(minutes: int) -> int:
    """Every started hour counts: 0 → 0, 1–60 → 1, 61–120 → 2."""
    return math.ceil(minutes / 60) if minutes > 0 else 0


def day_charge(rule: FeeRule, minutes: int) -> int:
    """Yen for one day's minutes under the rule, capped."""
    charge = charged_hours(minutes) * rule.hourly_price
    return charge if rule.daily_cap is None else min(charge, rule.daily_cap)


def day_charges(rule: FeeRule, visits: Iterable[tuple[datetime, datetime]], zone: tzinfo = TOKYO) -> dict[date, int]:
    """Yen per local calendar day with a visit (0 for a monthly member's days)."""
    return {day: day_charge(rule, minutes) for day, minutes in minutes_per_day(visits, zone).items()}
