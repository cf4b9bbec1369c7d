"""Geometry of the KPI bar chart, computed here so the template only draws (no JavaScript needed)."""

from dataclasses import dataclass

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 300, 44, 36, 16


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    target: int | None
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
    ticks = [(value, y(value)) for value in range(0, top + 1, max(top // 5, 1))]
    return {"bars": result, "ticks": ticks, "width": WIDTH, "height": HEIGHT, "left": LEFT,
            "base": HEIGHT - BOTTOM, "label_y": HEIGHT - BOTTOM + 20}
