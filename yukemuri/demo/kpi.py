"""Indicators (デモ): seed 001's 33 KPIs with their baselines and targets, a few values entered as staff would
(with their source), and the values the platform computes from the demo's own data. Loading twice changes
nothing: the indicators are made once by slug, a value only when that year has none, and computing replaces."""

from decimal import Decimal

from yukemuri.kpi import services as kpi
from yukemuri.kpi.compute import compute_all
from yukemuri.kpi.selectors import indicator_detail, values_of

# slug, split, year, value, source: published figures of the kind staff would enter (demo values, marked as such)
VALUES = [
    ("renewable-energy", "", 2021, "6100000", "群馬県 再生可能エネルギー導入状況（デモ）"),
    ("renewable-energy", "", 2022, "6350000", "群馬県 再生可能エネルギー導入状況（デモ）"),
    ("people-moving-in", "", 2021, "1010", "群馬県 移住相談・移住者数調査（デモ）"),
    ("people-moving-in", "", 2022, "1035", "群馬県 移住相談・移住者数調査（デモ）"),
    ("healthy-life-expectancy", "男性", 2019, "72.50", "厚生労働科学研究（デモ）"),
    ("healthy-life-expectancy", "女性", 2019, "75.50", "厚生労働科学研究（デモ）"),
    ("greenhouse-gas-emissions", "", 2020, "14200", "温室効果ガス排出量算定（デモ）"),
    ("pupils-ict-literacy", "", 2022, "90.4", "県学習状況調査（デモ）"),
]


def load_kpi_demo(staff) -> int:
    """`staff`: the demo's municipal staff member who enters the values."""
    created = kpi.load_indicators()
    for slug, split, year, value, source in VALUES:
        indicator = indicator_detail(slug)
        if any(row.year == year and row.split == split for row in values_of(indicator)):
            continue
        kpi.value_enter(indicator=indicator, by=staff, year=year, value=Decimal(value), split=split, source=source)
        created += 1
    compute_all()
    return created
