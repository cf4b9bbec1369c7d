"""CKAN アクションAPI — a read-only subset of CKAN's action API (v3), so that catalogue aggregators
(the national データカタログ, CKAN harvesters, ckanapi) can harvest yukemuri as they harvest a CKAN site.

Answers have CKAN's envelope: `{"help": …, "success": true, "result": …}`, and errors CKAN's types and
statuses: 404 Not Found Error, 409 Validation Error, 400 Bad Request for an unknown action. CKAN's clients
send POST with a JSON body as often as GET with parameters; both are read, neither writes.
"""

import json
from datetime import UTC

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from .catalog import CC_BY_4, LICENSE_ID, Dataset, cached_datasets, publisher_name

MAX_ROWS = 1000  # CKAN's ckan.search.rows_max default
ORGANIZATION = "yukemuri"


class ActionError(Exception):
    def __init__(self, status: int, error: dict):
        super().__init__(error)
        self.status, self.error = status, error


def _not_found(message: str = "Not found") -> ActionError:
    return ActionError(404, {"__type": "Not Found Error", "message": message})


def _invalid(**fields) -> ActionError:
    return ActionError(409, {"__type": "Validation Error", **{k: [v] for k, v in fields.items()}})


def _natural(params: dict, name: str, default: int) -> int:
    value = params.get(name, default)
    if value in ("", None):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _invalid(**{name: "Invalid integer"}) from None
    if number < 0:
        raise _invalid(**{name: "Must be a natural number"})
    return number


def _timestamp(value) -> str | None:
    # CKAN's own form: ISO 8601, UTC, without an offset.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() if value else None


def organization(base: str) -> dict:
    name = str(publisher_name())
    return {"id": ORGANIZATION, "name": ORGANIZATION, "title": name, "display_name": name, "type": "organization",
            "state": "active", "is_organization": True, "approval_status": "approved", "description": "",
            "image_url": "", "created": None, "package_count": len(cached_datasets(base))}


def package(d: Dataset, base: str) -> dict:
    org = organization(base)
    org.pop("package_count")
    resources = [{"id": f"{d.name}.{r.format.lower()}", "package_id": d.name, "url": r.url, "format": r.format,
                  "mimetype": r.media_type, "name": f"{d.title_ja} ({r.format})", "position": i,
                  "state": "active", "url_type": None, "description": "", "last_modified": _timestamp(d.modified)}
                 for i, r in enumerate(d.distributions)]
    tags = [{"name": k, "display_name": k, "state": "active", "vocabulary_id": None} for k in d.keywords]
    return {
        "id": d.name, "name": d.name, "title": d.title_ja, "notes": d.notes_ja,
        # ckanext-fluent's fields, which multilingual harvesters read.
        "title_translated": {"ja": d.title_ja, "en": d.title_en}, "notes_translated": {"ja": d.notes_ja,
                                                                                      "en": d.notes_en},
        "url": d.page, "license_id": LICENSE_ID, "license_title": "Creative Commons Attribution 4.0",
        "license_url": CC_BY_4, "isopen": True, "private": False, "state": "active", "type": "dataset",
        "metadata_created": _timestamp(d.issued), "metadata_modified": _timestamp(d.modified),
        "author": None, "maintainer": str(publisher_name()), "version": None,
        "owner_org": ORGANIZATION, "organization": org, "tags": tags, "num_tags": len(tags),
        "resources": resources, "num_resources": len(resources), "groups": [], "extras": [],
        "spatial_codes": [code for code, _name in d.spatial],
    }


def _matches(d: Dataset, words: list[str]) -> bool:
    text = " ".join([d.name, d.title_ja, d.title_en, d.notes_ja, d.notes_en, *d.keywords]).casefold()
    return all(word in text for word in words)


def package_list(params, base):
    """Return the names of the site's datasets (CKAN: package_list, with limit and offset)."""
    names = sorted(d.name for d in cached_datasets(base))
    offset = _natural(params, "offset", 0)
    limit = _natural(params, "limit", len(names))
    return names[offset:offset + limit]


def package_show(params, base):
    """Return the metadata of a dataset and its resources (CKAN: package_show, by id or name)."""
    wanted = params.get("id") or params.get("name_or_id")
    if not wanted:
        raise _invalid(name_or_id="Missing value")
    for d in cached_datasets(base):
        if d.name == str(wanted):
            return package(d, base)
    raise _not_found()


def package_search(params, base):
    """Search the datasets (CKAN: package_search): every word of q in the name, titles, notes or tags;
    rows (at most 1000) and start page the results."""
    rows = min(_natural(params, "rows", 10), MAX_ROWS)
    start = _natural(params, "start", 0)
    q = str(params.get("q") or "").strip()
    words = [] if q in ("", "*:*") else q.casefold().split()
    found = [d for d in sorted(cached_datasets(base), key=lambda d: d.name) if _matches(d, words)]
    return {"count": len(found), "sort": "name asc", "facets": {}, "search_facets": {},
            "results": [package(d, base) for d in found[start:start + rows]]}


def organization_list(params, base):
    """Return the names of the organisations, or their dictionaries with all_fields (CKAN: organization_list)."""
    all_fields = str(params.get("all_fields", "")).lower() in ("true", "1", "yes")
    return [organization(base)] if all_fields else [ORGANIZATION]


def organization_show(params, base):
    """Return an organisation (CKAN: organization_show, by id or name)."""
    if not params.get("id"):
        raise _invalid(id="Missing value")
    if params["id"] != ORGANIZATION:
        raise _not_found("Organization not found")
    return organization(base)


def status_show(params, base):
    """Return what this CKAN-compatible API is (CKAN: status_show)."""
    return {"site_title": str(publisher_name()), "site_url": base, "ckan_version": "2.10.0",
            "api_version": 3, "extensions": [], "locale_default": "ja"}


ACTIONS = {f.__name__: f for f in (package_list, package_show, package_search, organization_list,
                                   organization_show, status_show)}


def help_show(params, base):
    """Return the help text of an action (CKAN: help_show)."""
    action = ACTIONS.get(str(params.get("name", "")))
    if action is None and params.get("name") != "help_show":
        raise _not_found("Action function not found")
    return (action or help_show).__doc__


ACTIONS["help_show"] = help_show


def _params(request) -> dict:
    params = request.GET.dict()
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            raise ActionError(400, {"__type": "Bad Request", "message": "Bad request - JSON Error: could not "
                                                                        "read the request's body"})
        params.update(body)
    return params


@csrf_exempt  # CKAN's clients POST their (read) calls without a token; nothing here writes
def action(request, name):
    base = request.build_absolute_uri("/").rstrip("/")
    help_url = base + reverse("ckan_action", args=["help_show"]) + f"?name={name}"
    try:
        if request.method not in ("GET", "HEAD", "POST"):
            raise ActionError(400, {"__type": "Bad Request", "message": "Bad request - only GET and POST"})
        function = ACTIONS.get(name)
        if function is None:
            raise ActionError(400, {"__type": "Bad Request", "message": f"Bad request - Action name not known: "
                                                                       f"{name}"})
        result = function(_params(request), base)
    except ActionError as e:
        return JsonResponse({"help": help_url, "success": False, "error": e.error}, status=e.status,
                            json_dumps_params={"ensure_ascii": False})
    response = JsonResponse({"help": help_url, "success": True, "result": result}, safe=False,
                            json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
