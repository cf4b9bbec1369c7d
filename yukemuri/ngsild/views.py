"""The NGSI-LD API (ETSI GS CIM 009, as FIWARE Orion-LD speaks it), read-only, at /ngsi-ld/v1/."""

import json
from functools import wraps

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from . import geo, qlang
from .context import CORE, REL, accepts, context_url, document, link_header
from .entities import TYPES, all_attributes
from .errors import NgsiError, bad
from .selectors import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Query,
    entity_by_id,
    is_uri,
    key_values,
    parse_id,
    parse_int,
    query_entities,
    type_counts,
)

OPTIONS = {"keyValues", "simplified", "normalized", "sysAttrs", "concise"}


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def endpoint(view):
    """GET (and HEAD) only, answers in problem details on any NgsiError; no tenant but the default one."""
    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            if request.method not in ("GET", "HEAD"):
                raise NgsiError("OperationNotSupported", "This NGSI-LD API is read-only",
                                "only GET is answered here; changes are published to a broker (push mode)",
                                status=405)
            if "\x00" in request.path or any("\x00" in v for values in request.GET.lists() for v in values[1]):
                raise bad("Invalid request", "no parameter may contain a NUL character")
            if request.headers.get("NGSILD-Tenant"):
                raise NgsiError("NoMultiTenantSupport", "No tenants here", "send no NGSILD-Tenant header")
            kind = accepts(request.headers.get("Accept", ""))
            if kind is None:
                raise NgsiError("NotAcceptable", "Not acceptable",
                                "application/json, application/ld+json or application/geo+json", status=406)
            request.ngsi_kind = kind
            response = view(request, *args, **kwargs)
        except NgsiError as error:
            response = error.response()
            if error.status == 405:
                response["Allow"] = "GET, HEAD"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Link, NGSILD-Results-Count"
        return response
    return wrapped


def _answer(request, body, *, geo_body=None) -> HttpResponse:
    """`body` as JSON-LD (with @context in it), or JSON (the context in a Link header)."""
    base = _base(request)
    kind = request.ngsi_kind
    if kind == "geo" and geo_body is not None:
        response = HttpResponse(json.dumps(geo_body, ensure_ascii=False), content_type="application/geo+json")
        response["Link"] = link_header(base)
        return response
    if kind == "ld":
        if isinstance(body, list):
            body = [{**item, "@context": context_url(base)} if isinstance(item, dict) else item for item in body]
        elif isinstance(body, dict):
            body = {**body, "@context": context_url(base)}
        return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/ld+json")
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")
    response["Link"] = link_header(base)
    return response


def _names(text: str | None, what: str) -> list[str] | None:
    if text is None:
        return None
    names = [qlang.term(n.strip()) for n in text.replace("|", ",").split(",") if n.strip()]
    if not names or len(names) > 100:
        raise bad(f"Invalid {what}", f"{what} is a comma-separated list of names")
    return names


def _options(request) -> set[str]:
    options = {o for o in request.GET.get("options", "").split(",") if o}
    if not options <= OPTIONS:
        raise bad("Invalid options", f"options may be {', '.join(sorted(OPTIONS))}")
    fmt = request.GET.get("format")
    if fmt:
        if fmt not in ("keyValues", "simplified", "normalized", "concise"):
            raise bad("Invalid format", "format may be normalized, concise, keyValues or simplified")
        options.add(fmt)
    return options


def _shape(entity: dict, attrs: list[str] | None, options: set[str]) -> dict:
    if attrs is not None:
        entity = {k: v for k, v in entity.items() if k in ("id", "type") or k in attrs}
    if options & {"keyValues", "simplified"}:
        return key_values(entity)
    return entity


def _feature(entity: dict, shaped: dict) -> dict:
    location = entity.get("location")
    properties = {k: v for k, v in shaped.items() if k != "id"}
    return {"id": entity["id"], "type": "Feature", "geometry": location["value"] if location else None,
            "properties": properties}


def _check_params(request, allowed: set[str]) -> None:
    unknown = set(request.GET) - allowed
    if unknown:
        raise bad("Unknown parameter", f"not a parameter of this operation: {', '.join(sorted(unknown))[:200]}")
    for name, values in request.GET.lists():
        if len(values) > 1:
            raise bad("Repeated parameter", f"{name} is given more than once")


ENTITY_PARAMS = {"type", "id", "idPattern", "q", "attrs", "georel", "geometry", "coordinates", "geoproperty",
                 "geoQ", "limit", "offset", "count", "options", "format", "csf", "lang",
                 "local"}  # local=true (Orion-LD: no federation): everything here is local already


@endpoint
def entities(request):
    _check_params(request, ENTITY_PARAMS)
    get = request.GET
    geo_params = {k: get.get(k) for k in ("georel", "geometry", "coordinates", "geoproperty")}
    if get.get("geoQ"):  # ngsildclient sends the geo-query as one parameter, georel=…&geometry=…&coordinates=…
        from django.http import QueryDict

        inner = QueryDict(get["geoQ"])
        geo_params = {k: inner.get(k) or geo_params[k] for k in geo_params}
    if get.get("csf"):
        raise NgsiError("OperationNotSupported", "Context source filters are not supported")
    types = _names(get.get("type"), "type")
    ids = _names(get.get("id"), "id")
    attrs = _names(get.get("attrs"), "attrs")
    query = Query(types=[TYPES[t] for t in types if t in TYPES] if types is not None else list(TYPES.values()),
                  attrs=attrs)
    if ids is not None:
        query.ids = {}
        for entity_id in ids:
            if not is_uri(entity_id):
                raise bad("Invalid id", f"“{entity_id[:100]}” is not a URI")
            found = parse_id(entity_id)
            if found:
                query.ids.setdefault(found[0].name, set()).add(found[1])
    if get.get("idPattern") is not None:
        query.id_pattern = qlang._pattern(get["idPattern"])
    if get.get("q") is not None:
        query.q = qlang.parse(get["q"])
    query.geo = geo.parse(geo_params["georel"], geo_params["geometry"], geo_params["coordinates"],
                          geo_params["geoproperty"])
    if types is None and ids is None and query.q is None and attrs is None and query.geo is None \
            and query.id_pattern is None:
        raise bad("Too broad a query", "give at least one of type, id, idPattern, q, attrs or a geo-query")
    count = get.get("count", "false")
    if count not in ("true", "false"):
        raise bad("Invalid count", "count is true or false")
    query.limit = parse_int("limit", get.get("limit"), DEFAULT_LIMIT, MAX_LIMIT)
    query.offset = parse_int("offset", get.get("offset"), 0)
    if query.limit == 0 and count != "true":
        raise bad("Invalid limit", "limit=0 goes with count=true")
    options = _options(request)
    found, total = query_entities(query, _base(request), count=count == "true")
    shaped = [_shape(e, attrs, options) for e in found]
    response = _answer(request, shaped, geo_body={"type": "FeatureCollection", "features": [
        _feature(e, s) for e, s in zip(found, shaped, strict=True)]})
    if total is not None:
        response["NGSILD-Results-Count"] = str(total)
    return response


@endpoint
def entity(request, entity_id):
    _check_params(request, {"attrs", "options", "format", "type", "geoproperty", "lang"})
    if not is_uri(entity_id):
        raise bad("Invalid id", "an entity id is a URI, e.g. urn:ngsi-ld:Event:1")
    found = entity_by_id(entity_id, _base(request))
    types = _names(request.GET.get("type"), "type")
    if found is None or (types is not None and found["type"] not in types):
        raise NgsiError("ResourceNotFound", "Entity not found", entity_id[:200])
    attrs = _names(request.GET.get("attrs"), "attrs")
    shaped = _shape(found, attrs, _options(request))
    return _answer(request, shaped, geo_body=_feature(found, shaped))


def _type_id(name: str) -> str:
    return qlang.DEFAULT_VOCAB + name


@endpoint
def types(request):
    _check_params(request, {"details"})
    counts = type_counts()
    present = [name for name, n in counts.items() if n]
    if request.GET.get("details") == "true":
        body = [{"id": _type_id(name), "type": "EntityType", "typeName": name,
                 "attributeNames": TYPES[name].attributes} for name in present]
    else:
        body = {"id": "urn:ngsi-ld:EntityTypeList:yukemuri", "type": "EntityTypeList", "typeList": present}
    return _answer(request, body)


@endpoint
def type_detail(request, name):
    _check_params(request, set())
    name = qlang.term(name)
    entity_type = TYPES.get(name)
    count = entity_type.queryset().count() if entity_type else 0
    if not count:
        raise NgsiError("ResourceNotFound", "No entity of this type", name[:200])
    kinds = {"location": ["GeoProperty"], "refRegionalIssue": ["Relationship"]}
    return _answer(request, {
        "id": _type_id(name), "type": "EntityTypeInformation", "typeName": name, "entityCount": count,
        "attributeDetails": [{"id": _type_id(a), "type": "Attribute", "attributeName": a,
                              "attributeTypes": kinds.get(a, ["Property"])} for a in entity_type.attributes]})


@endpoint
def attributes(request):
    _check_params(request, {"details"})
    counts = type_counts()
    found = {name: [t for t in owners if counts[t]] for name, owners in all_attributes().items()}
    found = {name: owners for name, owners in found.items() if owners}
    if request.GET.get("details") == "true":
        body = [{"id": _type_id(name), "type": "Attribute", "attributeName": name, "typeNames": owners}
                for name, owners in found.items()]
    else:
        body = {"id": "urn:ngsi-ld:AttributeList:yukemuri", "type": "AttributeList", "attributeList": list(found)}
    return _answer(request, body)


@endpoint
def attribute_detail(request, name):
    _check_params(request, set())
    name = qlang.term(name)
    owners = [TYPES[t] for t in all_attributes().get(name, [])]
    total, names = 0, []
    for entity_type in owners:
        qs = entity_type.queryset()
        has = entity_type.has(name)
        if has not in (None, False):
            qs = qs.filter(has)
        n = qs.count()
        if n:
            total += n
            names.append(entity_type.name)
    if not total:
        raise NgsiError("ResourceNotFound", "No entity has this attribute", name[:200])
    return _answer(request, {
        "id": _type_id(name), "type": "Attribute", "attributeName": name, "attributeCount": total,
        "attributeTypes": ["GeoProperty"] if name == "location" else
        ["Relationship"] if name.startswith("ref") else ["Property"], "typeNames": names})


@endpoint
def context(request, name):
    if name != "yukemuri.jsonld":
        raise NgsiError("ResourceNotFound", "No such @context", name[:200])
    response = HttpResponse(json.dumps(document(), ensure_ascii=False, indent=1), content_type="application/ld+json")
    return response


@endpoint
def not_found(request, rest=""):
    raise NgsiError("ResourceNotFound", "No such NGSI-LD resource here",
                    "this read-only API answers /entities, /types, /attributes and /jsonldContexts")


__all__ = ["CORE", "REL"]
