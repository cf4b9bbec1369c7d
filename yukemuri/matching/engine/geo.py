"""Distances on the Earth, and the municipality centroids places are given by.

Distances are great-circle kilometres computed from unit vectors: the chord between two points gives
d = 2R·asin(chord / 2), which is exact at short range (two people in the same municipality are 0 km
apart) and costs one asin per pair when vectorised.
"""

import csv
from functools import lru_cache
from pathlib import Path

import numpy as np

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
MUNICIPALITIES_CSV = Path(__file__).resolve().parents[2] / "regions" / "data" / "gunma" / "municipalities.csv"


def unit_vectors(lat, lon) -> np.ndarray:
    """(n, 3) unit vectors of points given in degrees; NaN rows where the position is unknown."""
    lat = np.radians(np.asarray(lat, dtype=np.float64))
    lon = np.radians(np.asarray(lon, dtype=np.float64))
    cos_lat = np.cos(lat)
    return np.stack([cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)], axis=-1)


def chord_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distance between rows of two (n, 3) unit-vector arrays; NaN where either is unknown."""
    diff = a - b
    chord = np.sqrt(np.einsum("ij,ij->i", diff, diff))
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(chord * 0.5, 1.0))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance of two points in degrees (the same formula as the vectorised one)."""
    return float(chord_km(unit_vectors([lat1], [lon1]), unit_vectors([lat2], [lon2]))[0])


@lru_cache(maxsize=4)
def municipalities(path: Path = MUNICIPALITIES_CSV) -> dict[str, dict]:
    """Municipality code → {"name", "romaji", "area", "lat", "lon"} from a region CSV
    (columns code,name,kana,romaji,kind,area,lat_approx,lon_approx)."""
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["code"]] = {
                "name": row["name"], "romaji": row["romaji"], "area": row["area"],
                "lat": float(row["lat_approx"]), "lon": float(row["lon_approx"]),
            }
    return out
