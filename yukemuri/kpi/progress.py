"""Progress of an indicator towards its nearest target — the rule, stated once:

- For each split (男性/女性 …), take the latest whole-prefecture value (the last year that has one).
- The nearest target is the first target in or after that year; when every target is past, the last one.
- The expected value for that year lies on the straight line from the baseline (year, value) to the target
  (year, value); from the target year on it is the target itself. A baseline without a value (「現在：－」)
  starts the line at 0: those indicators count from nothing.
- On track when the latest value is at or past the expected value (at or above it for 「以上」 targets, at or
  below it for 「以下」 ones); behind otherwise. A target in words (「2021年度より増加」) is shown, not judged.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ON_TRACK, BEHIND, NO_DATA, NOT_JUDGED, NO_TARGET = "on_track", "behind", "no_data", "not_judged", "no_target"
LABELS = {ON_TRACK: _("On track"), BEHIND: _("Behind"), NO_DATA: _("No value yet"),
          NOT_JUDGED: _("Target in words: not judged"), NO_TARGET: _("No target")}


@dataclass
class Progress:
    split: str
    status: str
    latest: object = None  # IndicatorValue
    target: object = None  # IndicatorTarget
    expected: Decimal | None = None

    @property
    def label(self):
        return LABELS[self.status]


def expected_value(base_year: int, base_value: Decimal, target_year: int, target_value: Decimal,
                   year: int) -> Decimal:
    """The straight line from the baseline to the target, at `year` (flat before the baseline, after the target)."""
    if year >= target_year or target_year <= base_year:
        return target_value
    if year <= base_year:
        return base_value
    return base_value + (target_value - base_value) * Decimal(year - base_year) / Decimal(target_year - base_year)


def judge(latest_value: Decimal, expected: Decimal, comparison: str) -> str:
    return ON_TRACK if (latest_value <= expected if comparison == "lte" else latest_value >= expected) else BEHIND


def progress_of(indicator, values) -> list[Progress]:
    """One Progress per split of the indicator's targets (or of its values when it has no target)."""
    baselines = {row.split: row for row in indicator.baselines.all()}
    targets = list(indicator.targets.all())
    whole = [row for row in values if not row.area]
    splits = sorted({t.split for t in targets}) or sorted({row.split for row in whole}) or [""]
    result = []
    for split in splits:
        mine = sorted((row for row in whole if row.split == split), key=lambda row: row.year)
        latest = mine[-1] if mine else None
        own = sorted((t for t in targets if t.split == split), key=lambda t: t.year)
        if not own:
            result.append(Progress(split, NO_TARGET, latest))
            continue
        year = latest.year if latest else None
        target = next((t for t in own if year is None or t.year >= year), own[-1])
        if latest is None:
            result.append(Progress(split, NO_DATA, None, target))
        elif target.value is None:
            result.append(Progress(split, NOT_JUDGED, latest, target))
        else:
            baseline = baselines.get(split) or baselines.get("")
            base_year = baseline.year if baseline else latest.year
            base_value = baseline.value if baseline and baseline.value is not None else Decimal(0)
            expected = expected_value(base_year, base_value, target.year, target.value, latest.year)
            result.append(Progress(split, judge(latest.value, expected, target.comparison), latest, target,
                                   expected))
    return result
