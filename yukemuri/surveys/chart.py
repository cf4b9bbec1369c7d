"""Geometry of the results' bar charts, computed here so the template only draws (no JavaScript). Coordinates
are strings with a dot: the template must not localise them (pt-BR would write 12,5 and break the SVG)."""

WIDTH, LABEL_H, BAR_H, GAP, BAR_MAX = 320, 16, 14, 10, 250


def _coord(value: float) -> str:
    return f"{value:.2f}"


def share_bars(rows: list[dict]) -> dict:
    """One bar per row ({"label", "pct", "low", "high"}: weighted share and its interval, in percent; None when
    suppressed), the interval drawn as a whisker. The scale is 0–100 %."""
    drawn, y = [], 0.0
    for row in rows:
        pct = row.get("pct")
        bar = {"label": row["label"], "pct": pct, "label_y": _coord(y + 12), "y": _coord(y + LABEL_H),
               "mid_y": _coord(y + LABEL_H + BAR_H / 2), "height": BAR_H}
        if pct is not None:
            low, high = max(0.0, row["low"]), min(100.0, row["high"])
            bar.update(width=_coord(max(1.0, BAR_MAX * pct / 100)), low_x=_coord(BAR_MAX * low / 100),
                       high_x=_coord(BAR_MAX * high / 100), text_x=_coord(BAR_MAX * high / 100 + 4),
                       text=f"{pct:.0f}%")
        drawn.append(bar)
        y += LABEL_H + BAR_H + GAP
    return {"bars": drawn, "width": WIDTH, "height": _coord(max(y, 1.0))}
