"""Geo-queries (ETSI GS CIM 009, 4.10) on points: `near` (maxDistance / minDistance in metres) from a Point, and
`within`, `intersects`, `disjoint` a Polygon, `equals` a Point. The database narrows to a bounding box; the
exact test (great-circle distance, point in polygon) runs on the few rows left."""

import json
import math
from dataclasses import dataclass

from django.db.models import Q

from .errors import NgsiError, bad

EARTH = 6_371_008.8  # metres, the mean radius
MAX_POINTS = 1000


@dataclass
class GeoQuery:
    georel: str
    geometry: str
    coordinates: list
    max_distance: float | None = None
    min_distance: float | None = None

    def box(self) -> tuple[float, float, float, float] | None:
        """(south, north, west, east) that every match lies in, or None (no useful box)."""
        if self.georel == "near":
            if self.max_distance is None:
                return None
            lon, lat = self.coordinates
            dlat = math.degrees(self.max_distance / EARTH)
            cos = math.cos(math.radians(lat))
            dlon = 180.0 if cos < 1e-6 else min(180.0, dlat / cos)
            return lat - dlat, lat + dlat, lon - dlon, lon + dlon
        if self.georel in ("within", "intersects") and self.geometry == "Polygon":
            ring = self.coordinates[0]
            return (min(p[1] for p in ring), max(p[1] for p in ring), min(p[0] for p in ring),
                    max(p[0] for p in ring))
        if self.georel in ("equals", "intersects") and self.geometry == "Point":
            lon, lat = self.coordinates
            return lat, lat, lon, lon
        return None

    def database(self, lat_path: str, lon_path: str) -> Q:
        q = Q(**{f"{lat_path}__isnull": False, f"{lon_path}__isnull": False})
        box = self.box()
        if box:
            south, north, west, east = box
            q &= Q(**{f"{lat_path}__gte": south, f"{lat_path}__lte": north})
            if west >= -180 and east <= 180:  # a box across the antimeridian: the exact test decides
                q &= Q(**{f"{lon_path}__gte": west, f"{lon_path}__lte": east})
        return q

    def test(self, lat: float, lon: float) -> bool:
        if self.georel == "near":
            far = distance(lat, lon, self.coordinates[1], self.coordinates[0])
            return ((self.max_distance is None or far <= self.max_distance)
                    and (self.min_distance is None or far >= self.min_distance))
        if self.geometry == "Point":
            same = abs(lat - self.coordinates[1]) < 1e-9 and abs(lon - self.coordinates[0]) < 1e-9
            return not same if self.georel == "disjoint" else same
        inside = in_polygon(lon, lat, self.coordinates)
        return not inside if self.georel == "disjoint" else inside


def distance(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH * math.asin(min(1.0, math.sqrt(a)))


def _in_ring(x, y, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def in_polygon(x, y, rings) -> bool:
    """In the outer ring and in none of the holes (even-odd rule, on longitude/latitude as planar)."""
    return _in_ring(x, y, rings[0]) and not any(_in_ring(x, y, hole) for hole in rings[1:])


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _position(value) -> list[float]:
    if not (isinstance(value, list) and len(value) in (2, 3) and all(_number(v) for v in value)):
        raise bad("Invalid coordinates", "a position is [longitude, latitude]")
    lon, lat = value[0], value[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise bad("Invalid coordinates", "longitude must be within ±180 and latitude within ±90")
    return [float(lon), float(lat)]


def parse(georel: str | None, geometry: str | None, coordinates: str | None, geoproperty: str | None):
    """The geo-query of a request, or None when it has none; a BadRequestData when it is half there or wrong."""
    if not (georel or geometry or coordinates):
        return None
    if not (georel and geometry and coordinates):
        raise bad("Incomplete geo-query", "georel, geometry and coordinates go together")
    if geoproperty and geoproperty != "location":
        raise NgsiError("OperationNotSupported", "Only the location GeoProperty can be queried")
    relation, *modifiers = georel.split(";")
    if relation not in ("near", "within", "intersects", "disjoint", "equals", "contains", "overlaps"):
        raise bad("Invalid georel", f"“{relation}” is not a geo relation")
    if relation in ("contains", "overlaps"):
        raise NgsiError("OperationNotSupported", f"“{relation}” is not supported: every location here is a Point")
    if geometry not in ("Point", "Polygon"):
        raise NgsiError("OperationNotSupported", "geometry may be Point or Polygon")
    if len(coordinates) > 100_000:
        raise bad("Invalid coordinates", "too long")
    try:
        parsed = json.loads(coordinates)
    except (ValueError, RecursionError):
        raise bad("Invalid coordinates", "coordinates must be a JSON array, e.g. [139.06,36.39]") from None
    query = GeoQuery(relation, geometry, [])
    if geometry == "Point":
        query.coordinates = _position(parsed)
    else:
        if not (isinstance(parsed, list) and parsed and all(isinstance(r, list) for r in parsed)):
            raise bad("Invalid coordinates", "a Polygon is a list of linear rings")
        if sum(len(r) for r in parsed) > MAX_POINTS:
            raise bad("Invalid coordinates", f"a polygon may have at most {MAX_POINTS} positions")
        rings = [[_position(p) for p in ring] for ring in parsed]
        if any(len(ring) < 4 or ring[0] != ring[-1] for ring in rings):
            raise bad("Invalid coordinates", "each ring needs four positions or more, the last equal to the first")
        query.coordinates = rings
    if relation == "near":
        if geometry != "Point":
            raise bad("Invalid geo-query", "near needs a Point")
        for modifier in modifiers:
            name, sep, value = modifier.partition("==")
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if not sep or name not in ("maxDistance", "minDistance") or not math.isfinite(number) or number < 0:
                raise bad("Invalid georel", "near takes maxDistance==<metres> and/or minDistance==<metres>")
            setattr(query, "max_distance" if name == "maxDistance" else "min_distance", number)
        if query.max_distance is None and query.min_distance is None:
            raise bad("Invalid georel", "near needs maxDistance or minDistance")
    elif modifiers:
        raise bad("Invalid georel", f"“{relation}” takes no modifier")
    if relation == "within" and geometry != "Polygon":
        raise bad("Invalid geo-query", "within needs a Polygon")
    return query
