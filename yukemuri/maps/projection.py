"""Boundaries and points projected to SVG coordinates, in Python (no tile server, no script).

An equirectangular projection scaled by cos(latitude) at the map's middle: for a prefecture (~200 km) it is within a
few per cent of a conformal one, and it needs no library. The projected boundaries are memoised per process: they
change only when a prefecture's boundaries are loaded (regions' loader), which forgets them.
"""

import math
import time
from dataclasses import dataclass

WIDTH = 600  # the viewBox width; the SVG scales to its container (360 px on a phone)
PAD = 12
MEMO_SECONDS = 300


@dataclass(frozen=True)
class Frame:
    """How WGS 84 degrees become viewBox units."""

    west: float
    north: float
    scale: float  # units per degree of longitude
    aspect: float  # cos(middle latitude)
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (PAD + (lon - self.west) * self.scale,
                PAD + (self.north - lat) * self.scale / self.aspect)

    def contains(self, lon: float, lat: float) -> bool:
        x, y = self.xy(lon, lat)
        return 0 <= x <= WIDTH and 0 <= y <= self.height


@dataclass(frozen=True)
class Shape:
    code: str
    path: str  # the SVG path's d
    label_x: float
    label_y: float


def frame_for(outlines: list[list]) -> Frame | None:
    """The frame that fits every ring of `outlines` (lists of MultiPolygon coordinates) into WIDTH."""
    lons = [pt[0] for polygons in outlines for polygon in polygons for ring in polygon for pt in ring]
    lats = [pt[1] for polygons in outlines for polygon in polygons for ring in polygon for pt in ring]
    if not lons:
        return None
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    aspect = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * PAD) / max(east - west, 1e-6)
    height = math.ceil((north - south) * scale / aspect) + 2 * PAD
    return Frame(west=west, north=north, scale=scale, aspect=aspect, height=height)


def _ring_area_centroid(points):
    """Signed area and centroid of a closed ring of (x, y) (the shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        xs, ys = zip(*points, strict=True)
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return area / 2, (cx / (3 * area), cy / (3 * area))


def shape(frame: Frame, code: str, polygons: list) -> Shape:
    """One municipality's outline as an SVG path; its label sits at the centroid of its largest ring."""
    parts, best = [], (0.0, (0.0, 0.0))
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            points = [frame.xy(lon, lat) for lon, lat, *_rest in ring]
            if len(points) < 3:
                continue
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
            if index == 0:
                area, centroid = _ring_area_centroid(points)
                if abs(area) > best[0]:
                    best = (abs(area), centroid)
    (label_x, label_y) = best[1]
    return Shape(code=code, path="".join(parts), label_x=round(label_x, 1), label_y=round(label_y, 1))


_memo: dict = {}


def projected(outlines: dict[str, list], key) -> tuple[Frame | None, dict[str, Shape]]:
    """(frame, {code: Shape}) for {code: MultiPolygon coordinates}, memoised under `key` (which says what was
    read: the codes and the boundaries' last change)."""
    cached = _memo.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    frame = frame_for(list(outlines.values()))
    shapes = {code: shape(frame, code, polygons) for code, polygons in outlines.items()} if frame else {}
    _memo.clear()  # one map at a time is enough: the key changes only when boundaries are loaded
    _memo[key] = (time.monotonic() + MEMO_SECONDS, (frame, shapes))
    return frame, shapes


def forget() -> None:
    _memo.clear()
