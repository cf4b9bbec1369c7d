"""Load a prefecture's region data from a folder holding prefecture.toml and municipalities.csv.

Every row is checked before anything is written; then everything is written in one transaction,
so a file with one bad row changes nothing. Loading the same folder twice changes nothing.
"""

import csv
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .codes import check_digit, is_valid_code
from .models import Area, Boundary, Municipality, PopulationCount, Prefecture
from .population import parse
from .selectors import forget_memos

CSV_COLUMNS = ["code", "name", "kana", "romaji", "kind", "area", "lat_approx", "lon_approx"]
KINDS = {choice.value for choice in Municipality.Kind}


class RegionDataError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadResult:
    prefecture: Prefecture
    created: int
    updated: int


def _float(value: str):
    return float(value) if value not in ("", None) else None


def read_region_folder(folder: Path) -> tuple[dict, list[dict]]:
    folder = Path(folder)
    problems = []
    try:
        meta = tomllib.loads((folder / "prefecture.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegionDataError([_("%(path)s is missing.") % {"path": folder / "prefecture.toml"}]) from None
    except tomllib.TOMLDecodeError as exc:
        raise RegionDataError([f"prefecture.toml: {exc}"]) from None
    for key in ("code", "name"):
        if not meta.get(key):
            problems.append(_("prefecture.toml: '%(key)s' is required.") % {"key": key})
    if meta.get("code") and not is_valid_code(str(meta["code"])):
        problems.append(_("prefecture.toml: %(code)s is not a valid local government code.") % {"code": meta["code"]})
    area_names = [a.get("name") for a in meta.get("areas", [])]
    try:
        with open(folder / "municipalities.csv", encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ("code", "name", "kind") if c not in (reader.fieldnames or [])]
            if missing:
                problems.append(_("municipalities.csv lacks the columns: %(cols)s") % {"cols": ", ".join(missing)})
                raise RegionDataError(problems)
            rows = list(reader)
    except FileNotFoundError:
        raise RegionDataError([_("%(path)s is missing.") % {"path": folder / "municipalities.csv"}]) from None
    seen = set()
    prefix = str(meta.get("code", ""))[:2]
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        where = f"municipalities.csv:{line}"
        fmt = {"where": where, "code": code, "prefix": prefix, "kind": row.get("kind"), "area": row.get("area")}
        if not is_valid_code(code):
            problems.append(_("%(where)s: %(code)s is not a valid local government code.") % fmt)
        elif code[:2] != prefix:
            problems.append(_("%(where)s: %(code)s does not belong to prefecture %(prefix)s.") % fmt)
        if code in seen:
            problems.append(_("%(where)s: %(code)s appears twice.") % fmt)
        seen.add(code)
        if row.get("kind") not in KINDS:
            problems.append(_("%(where)s: unknown kind %(kind)s.") % fmt)
        if row.get("area") and row["area"] not in area_names:
            problems.append(_("%(where)s: area %(area)s is not listed in prefecture.toml.") % fmt)
        try:
            _float(row.get("lat_approx", "")), _float(row.get("lon_approx", ""))
        except ValueError:
            problems.append(_("%(where)s: latitude and longitude must be numbers.") % fmt)
    if problems:
        raise RegionDataError(problems)
    return meta, rows


@transaction.atomic
def load_region_folder(folder: Path) -> LoadResult:
    meta, rows = read_region_folder(folder)
    prefecture, _created = Prefecture.objects.update_or_create(
        code=str(meta["code"]),
        defaults={"name": meta["name"], "kana": meta.get("kana", ""), "romaji": meta.get("romaji", "")},
    )
    areas = {}
    for order, area in enumerate(meta.get("areas", []), start=1):
        areas[area["name"]], _created = Area.objects.update_or_create(
            prefecture=prefecture,
            name=area["name"],
            defaults={"kana": area.get("kana", ""), "romaji": area.get("romaji", ""), "sort_order": order},
        )
    created = updated = 0
    for row in rows:
        values = {
            "prefecture": prefecture,
            "name": row["name"].strip(),
            "kana": row.get("kana", "").strip(),
            "romaji": row.get("romaji", "").strip(),
            "kind": row["kind"],
            "area": areas.get(row.get("area")),
            "latitude": _float(row.get("lat_approx", "")),
            "longitude": _float(row.get("lon_approx", "")),
        }
        existing = Municipality.objects.filter(code=row["code"].strip()).first()
        if existing is None:
            Municipality.objects.create(code=row["code"].strip(), **values)
            created += 1
        elif any(getattr(existing, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(existing, k, v)
            existing.save()
            updated += 1
    transaction.on_commit(forget_memos)
    return LoadResult(prefecture=prefecture, created=created, updated=updated)


def load_population(data: bytes, *, source: str = "") -> int:
    """Store the counts of a 地域・年齢別人口 file (replacing those of the same municipality and date); the number of
    (municipality, date) pairs stored. Raises RegionDataError with every problem, storing nothing, when any."""
    parsed = parse(data)
    problems = list(parsed.problems)
    known = dict(Municipality.objects.filter(code__in={code for code, _ in parsed.counts}).values_list("code", "id"))
    problems += [f"{code}: no such municipality (load the prefecture first)"
                 for code in sorted({code for code, _ in parsed.counts} - set(known))]
    if problems:
        raise RegionDataError(problems)
    with transaction.atomic():
        for (code, when), bands in parsed.counts.items():
            PopulationCount.objects.filter(municipality_id=known[code], as_of=when).delete()
            PopulationCount.objects.bulk_create([
                PopulationCount(municipality_id=known[code], as_of=when, age_band=band, count=count, source=source)
                for band, count in sorted(bands.items())
            ])
    return len(parsed.counts)


# The credit 国土数値情報 asks for wherever its boundaries are shown (a folder's prefecture.toml may name another).
N03_CREDIT = "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"


def _six_digit(code) -> str:
    """N03_007 holds the five-digit code; the sixth is its check digit."""
    code = str(code or "").strip()
    if len(code) == 5 and code.isdigit():
        return code + str(check_digit(code))
    return code


def read_boundaries(path: Path) -> dict[str, list]:
    """{six-digit code: MultiPolygon coordinates} from a 国土数値情報 N03 GeoJSON file (several features of one
    municipality — islands, exclaves — are joined). Raises RegionDataError naming every problem."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RegionDataError([f"{Path(path).name}: {exc}"]) from None
    problems, found = [], {}
    for number, feature in enumerate(data.get("features", []) if isinstance(data, dict) else [], start=1):
        props, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
        code = _six_digit(props.get("N03_007"))
        if not is_valid_code(code):
            problems.append(_("feature %(n)s: %(code)s is not a valid local government code.") % {"n": number, "code": code})
            continue
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        if kind == "Polygon":
            coordinates = [coordinates]
        elif kind != "MultiPolygon":
            problems.append(_("feature %(n)s: a Polygon or MultiPolygon is expected.") % {"n": number})
            continue
        found.setdefault(code, []).extend(coordinates)
    if not found and not problems:
        problems.append(_("%(name)s holds no boundaries.") % {"name": Path(path).name})
    if problems:
        raise RegionDataError(problems)
    return found


@transaction.atomic
def load_boundaries(path: Path, *, source: str = N03_CREDIT) -> int:
    """Store the boundaries of a GeoJSON file for the municipalities already loaded; the number stored or changed.
    Every feature must name a loaded municipality, or nothing is stored. Loading the same file twice changes
    nothing."""
    outlines = read_boundaries(path)
    known = {m.code: m for m in Municipality.objects.filter(code__in=outlines)}
    missing = sorted(set(outlines) - set(known))
    if missing:
        raise RegionDataError([f"{code}: no such municipality (load the prefecture first)" for code in missing])
    existing = {b.municipality_id: b for b in Boundary.objects.filter(municipality__in=known.values())}
    changed = 0
    for code, polygons in outlines.items():
        municipality = known[code]
        boundary = existing.get(municipality.pk)
        if boundary is None:
            Boundary.objects.create(municipality=municipality, polygons=polygons, source=source)
        elif boundary.polygons != polygons or boundary.source != source:
            boundary.polygons, boundary.source = polygons, source
            boundary.save()
        else:
            continue
        changed += 1
    if changed:
        transaction.on_commit(forget_memos)
    return changed
