"""GET /api/v1/map: one layer of the map as GeoJSON (RFC 7946), filtered like /map/; errors are RFC 9457."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from yukemuri.core.api import BadRequest, check_params, choice_query, id_query, municipality_query, responses, text_query
from yukemuri.core.problem import form_errors_to_problem
from yukemuri.regions.selectors import boundaries

from .forms import MapFilterForm
from .selectors import layer_map

router = Router(tags=["map"])
FIELDS = MapFilterForm.base_fields


class Feature(Schema):
    type: str
    geometry: dict | None
    properties: dict


class LayerOut(Schema):
    type: str
    layer: str
    count: int
    limited: bool
    attribution: list[str]
    features: list[Feature]


def _point_features(request, layer_map_):
    for item in layer_map_.items:
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [item.longitude, item.latitude]} if item.has_point else None,
            "properties": {
                "kind": layer_map_.layer, "id": item.key.rsplit("-", 1)[1], "title": item.title,
                "url": request.build_absolute_uri(item.url), "state": item.state, "answer": item.answer or None,
                "municipality": item.municipality.code if item.municipality else None,
                "also_concerns": [m.code for m in item.shared], "place": item.place_label,
            },
        }


def _municipality_features(layer_map_):
    _token, outlines, _sources = boundaries()
    for region in layer_map_.regions:
        yield {
            "type": "Feature",
            "geometry": {"type": "MultiPolygon", "coordinates": outlines.get(region.code, [])},
            "properties": {"kind": "municipality", "code": region.code, "name": region.name, "count": region.count},
        }


@router.get("/map", response=responses(LayerOut), summary="One layer of the map (GeoJSON)")
def map_layer(request, layer: str = choice_query(FIELDS["layer"], "issues (default), ideas, events, help or facilities."),
              municipality: str = municipality_query(), area: int | None = id_query(),
              theme: str = text_query(40, "A theme's name (issues and ideas)."),
              sdg: int | None = Query(None, ge=1, le=17), status: str = choice_query(FIELDS["status"]),
              stage: str = choice_query(FIELDS["stage"])):
    """What /map/ shows as a GeoJSON FeatureCollection: a feature per thing of the layer (a Point where a place is
    marked, no geometry otherwise; `also_concerns` lists the other municipalities of a 広域 post), then one per
    municipality with its boundary and `count`, the things without a marked place that concern it. `attribution`
    is the boundaries' credit, to show with them. Filters as on /map/; theme, sdg, status (issues) and stage (ideas)
    apply to issues and ideas only."""
    check_params(request, set(FIELDS))
    form = MapFilterForm(request.GET)
    if not form.is_valid():
        raise BadRequest(_("Some parameters are not valid."), errors=form_errors_to_problem(form))
    found = layer_map(form.cleaned_data["layer"], form.cleaned_data)
    features = [*_point_features(request, found), *_municipality_features(found)]
    return {"type": "FeatureCollection", "layer": found.layer, "count": len(found.items), "limited": found.limited,
            "attribution": found.sources, "features": features}
