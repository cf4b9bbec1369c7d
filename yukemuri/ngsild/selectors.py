"""Reads of the NGSI-LD API: entities by id, by query (type, id, idPattern, q, attrs, geo), types and attributes.

The database does what it can (type, ids, q on columns, the geo-query's box, paging); the rest is checked on the
built entities: the exact geo test on (id, latitude, longitude) rows only, q on attributes that are no column on
every entity of the type (slower, still correct)."""

import re
from dataclasses import dataclass

from django.db.models import Q

from . import qlang
from .entities import TYPES, EntityType
from .errors import NgsiError, bad
from .geo import GeoQuery

MAX_LIMIT = 1000
MAX_SCAN = 5000  # entities built one by one for a q the database cannot answer (about 1 s of work)
DEFAULT_LIMIT = 20
URN = re.compile(r"urn:ngsi-ld:([A-Za-z]+):([0-9]{1,18})")


@dataclass
class Query:
    types: list[EntityType]
    ids: dict[str, set[int]] | None = None  # type name → pks
    id_pattern: re.Pattern | None = None
    q: object = None
    attrs: list[str] | None = None
    geo: GeoQuery | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def parse_id(entity_id: str) -> tuple[EntityType, int] | None:
    match = URN.fullmatch(entity_id)
    if not match or match.group(1) not in TYPES:
        return None
    return TYPES[match.group(1)], int(match.group(2))


def is_uri(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:\S+", text))


def entity_by_id(entity_id: str, base: str) -> dict | None:
    found = parse_id(entity_id)
    if found is None:
        return None
    entity_type, pk = found
    obj = entity_type.queryset().filter(pk=pk).first()
    return entity_type.entity(obj, base) if obj else None


def key_values(entity: dict) -> dict:
    out = {"id": entity["id"], "type": entity["type"]}
    for name, attr in entity.items():
        if isinstance(attr, dict):
            out[name] = attr.get("object") if attr.get("type") == "Relationship" else attr.get("value")
    return out


def _database(entity_type: EntityType, query: Query):
    """The queryset narrowed by the database, and whether the built entities must still be checked."""
    qs = entity_type.queryset()
    check_entities = False
    if query.ids is not None:
        qs = qs.filter(pk__in=sorted(query.ids.get(entity_type.name, set())))
    if query.q is not None:
        condition = qlang.to_q(query.q, entity_type, qs.model)
        if condition is None:
            check_entities = True
            if isinstance(query.q, qlang.Bool) and query.q.op == ";":  # the database still takes what it can
                for item in query.q.items:
                    part = qlang.to_q(item, entity_type, qs.model)
                    if part is not None:
                        qs = qs.filter(part)
        else:
            qs = qs.filter(condition)
    if query.attrs:
        wanted = [entity_type.has(a) for a in query.attrs if a in entity_type.attributes]
        if not wanted:
            return qs.none(), False
        if all(w is not False for w in wanted) and not any(w is None for w in wanted):
            combined = Q()
            for w in wanted:
                combined |= w
            qs = qs.filter(combined)
        elif any(w is False for w in wanted) and not any(w is None for w in wanted):
            check_entities = True
    if query.geo is not None:
        if not entity_type.geo[0]:
            return qs.none(), False
        qs = qs.filter(query.geo.database(*entity_type.geo))
    return qs, check_entities


def _matching_pks(entity_type: EntityType, qs, query: Query, check_entities: bool, base: str) -> list[int] | None:
    """The pks that pass the checks the database cannot make, in order; None when there is none to make."""
    if not check_entities and query.geo is None and query.id_pattern is None:
        return None
    if query.geo is not None and not entity_type.geo[0]:
        return []  # a type without a location matches no geo-query
    if check_entities:
        if qs.count() > MAX_SCAN:
            raise NgsiError("TooComplexQuery", "Too many entities to check",
                            f"this q names attributes that are checked entity by entity, on more than {MAX_SCAN:,} "
                            f"entities of type {entity_type.name} here: narrow it with a type, a column attribute "
                            "(e.g. municipalityCode) or a geo-query")
        pks = []
        for obj in qs.iterator(chunk_size=2000):
            entity = entity_type.entity(obj, base)
            values = key_values(entity)
            if query.q is not None and not qlang.matches(query.q, values):
                continue
            if query.attrs and not any(a in entity for a in query.attrs):
                continue
            if query.id_pattern is not None and not query.id_pattern.search(entity["id"]):
                continue
            if query.geo is not None and not _geo_ok(query.geo, entity):
                continue
            pks.append(obj.pk)
        return pks
    lat, lon = entity_type.geo if query.geo is not None else ("pk", "pk")
    pks = []
    for pk, latitude, longitude in qs.values_list("pk", lat, lon).iterator(chunk_size=5000):
        if query.id_pattern is not None and not query.id_pattern.search(entity_type.urn(pk)):
            continue
        if query.geo is not None and not query.geo.test(latitude, longitude):
            continue
        pks.append(pk)
    return pks


def _geo_ok(query: GeoQuery, entity: dict) -> bool:
    location = entity.get("location")
    if not location:
        return False
    lon, lat = location["value"]["coordinates"]
    return query.test(lat, lon)


def query_entities(query: Query, base: str, *, count: bool = False) -> tuple[list[dict], int | None]:
    """The page of entities the query asks for (across its types, in type then id order) and, when asked, how many
    there are in all."""
    results, total, skip, room = [], 0, query.offset, query.limit
    for entity_type in query.types:
        if not count and room == 0:
            break
        qs, check_entities = _database(entity_type, query)
        pks = _matching_pks(entity_type, qs, query, check_entities, base)
        if pks is None:
            last = entity_type is query.types[-1]  # the last type need not be counted to be skipped past
            size = qs.count() if (count or (skip and not last)) else None
            if size is not None and skip >= size:
                skip -= size
                total += size
                continue
            objs = list(qs[skip:skip + room]) if room else []
            total += size if size is not None else 0
        else:
            total += len(pks)
            if skip >= len(pks):
                skip -= len(pks)
                continue
            page = pks[skip:skip + room]
            objs = list(qs.filter(pk__in=page)) if page else []
        skip = 0
        room -= len(objs)
        results += [entity_type.entity(obj, base) for obj in objs]
    return results, total if count else None


def parse_int(name: str, text: str | None, default: int, high: int | None = None) -> int:
    if text is None or text == "":
        return default
    if not re.fullmatch(r"\d{1,9}", text):
        raise bad(f"Invalid {name}", f"{name} must be a whole number ≥ 0")
    value = int(text)
    if high is not None and value > high:
        raise bad(f"Invalid {name}", f"{name} may be at most {high}")
    return value


def type_counts() -> dict[str, int]:
    return {name: t.queryset().count() for name, t in TYPES.items()}
