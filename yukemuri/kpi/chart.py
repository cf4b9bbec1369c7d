"""Geometry of the KPI bar charts, computed here so the template only draws (no JavaScript needed).

Coordinates are strings with a dot (never localised: pt-BR would write 12,5 and break the SVG); the numbers people
read — tick labels and bar values — are formatted in the active language (Django's formats: 1.500 in pt-BR, 0,5 in
es), so build a chart inside the request or under `translation.override`.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 300, 44, 36, 16


@dataclass
class Bar:
    label: str
    value: float | None
    x: float
    y: float
    width: float
    height: float
    target: float | None
    target_y: float | None


def bars(rows) -> dict:
    """Bars for the cumulative count per fiscal year, with the target of the years that have one."""
    top = max([1, *(row.cumulative for row in rows), *(row.target or 0 for row in rows)])
    top = ((top + 9) // 10) * 10  # round the scale up to a ten
    plot_h = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(rows), 1)

    def y(value):
        return TOP + plot_h * (1 - value / top)

    result = [Bar(label=f"FY{row.year}", value=row.cumulative, x=LEFT + slot * i + slot * 0.2, y=y(row.cumulative),
                  width=slot * 0.6, height=plot_h * row.cumulative / top, target=row.target,
                  target_y=y(row.target) if row.target else None) for i, row in enumerate(rows)]
    ticks = [(_tick(value), y(value)) for value in range(0, top + 1, max(top // 5, 1))]
    return {"bars": result, "ticks": ticks, "width": WIDTH, "height": HEIGHT, "left": LEFT,
            "base": HEIGHT - BOTTOM, "label_y": HEIGHT - BOTTOM + 20}


def _scale_top(top: float) -> float:
    """A round top for the scale: 1, 2 or 5 times a power of ten, at or above `top`."""
    if top <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 5, 10):
        if top <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover (the loop always returns)


def value_bars(years: list[int], values: dict[int, float], targets: dict[int, float], *, fiscal: bool = True) -> dict:
    """Bars for an indicator's values per year (one split, the whole prefecture), with target marks. Coordinates
    are strings with a dot: the template must not localise them (pt-BR would write 12,5 and break the SVG)."""
    top = _scale_top(max([0.0, *values.values(), *targets.values()]))
    plot_h = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(years), 1)

    def y(value):
        return _coord(TOP + plot_h * (1 - value / top))

    result = []
    for i, year in enumerate(years):
        value, target = values.get(year), targets.get(year)
        result.append(Bar(label=f"FY{year}" if fiscal else str(year), value=value, x=_coord(LEFT + slot * i + slot * 0.2),
                          y=y(value or 0), width=_coord(slot * 0.6), height=_coord(plot_h * (value or 0) / top),
                          target=target, target_y=None if target is None else y(target)))
    ticks = [(_tick(top * i / 5), y(top * i / 5)) for i in range(6)]
    return {"bars": result, "ticks": ticks, "width": WIDTH, "height": HEIGHT, "left": LEFT,
            "tick_x": LEFT - 6, "base": HEIGHT - BOTTOM, "label_y": HEIGHT - BOTTOM + 20}


def _coord(value: float) -> str:
    return f"{value:.2f}"


def _tick(value: float) -> str:
    """Short enough for the 44 px left margin: 2M, 2.5k, 75, 0.5 — in the active language's number format
    (2,5k and 0,5 in pt-BR and es). Up to two decimals: scale steps are 1, 2 or 5 times a power of ten."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return local_number(value / size) + suffix
    return local_number(value)


def local_number(value: float, places: int = 2) -> str:
    """A number as the active language writes it, grouped, without trailing zeros: 1,234.5 / 1.234,5."""
    rounded = round(float(value), places)
    whole = rounded == int(rounded)
    return number_format(int(rounded) if whole else rounded, decimal_pos=None if whole else _places(rounded),
                         force_grouping=True)


def _places(value: float) -> int:
    text = f"{value:.4f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass
class Row:
    label: str
    value: float | None  # None: not shown (suppressed, or nothing to divide by)
    text: str  # what the bar's end says: the value, or why there is none
    y: str
    width: str


ROW_H, LABEL_W, ROWS_TOP = 28, 150, 8


def row_bars(items: list[tuple[str, float | None, str]]) -> dict:
    """Horizontal bars, one per (label, value, text) — room for long area names at 360 px; the scale is round."""
    top = _scale_top(max([0.0, *(v for _l, v, _t in items if v is not None)]))
    plot_w = WIDTH - LABEL_W - 60
    rows = [Row(label=label, value=value, text=text, y=_coord(ROWS_TOP + ROW_H * i),
                width=_coord(plot_w * (value or 0) / top)) for i, (label, value, text) in enumerate(items)]
    height = ROWS_TOP * 2 + ROW_H * len(items) + 20
    ticks = [(_tick(top * i / 4), _coord(LABEL_W + plot_w * i / 4)) for i in range(5)]
    return {"rows": rows, "ticks": ticks, "width": WIDTH, "height": height, "left": LABEL_W,
            "bar_h": ROW_H - 10, "tick_y": height - 4, "base": height - 20}
