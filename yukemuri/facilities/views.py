"""公共施設一覧: the pages (prefecture, municipality, facility) and the files in the standard layout."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.regions.models import Municipality

from .opendata import HEADER, facilities_csv, facilities_json
from .selectors import facilities_in, facility_counts, facility_detail, facility_list


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.select_related("prefecture").filter(code=code).first()
    if municipality is None:
        raise Http404(_("No municipality has the code %(code)s.") % {"code": code})
    return municipality


def index(request):
    counts = facility_counts()
    municipalities = Municipality.objects.filter(pk__in=counts).order_by("code")
    return render(request, "facilities/index.html", {
        "total": facility_list().count(), "header": HEADER,
        "municipalities": [(m, counts[m.pk]) for m in municipalities],
    })


def municipality(request, code):
    place = _municipality(code)
    return render(request, "facilities/municipality.html", {
        "municipality": place, "facilities": facilities_in(place)})


def detail(request, pk):
    facility = facility_detail(pk)
    if facility is None:
        raise Http404(_("No such facility."))
    return render(request, "facilities/detail.html", {"facility": facility})


def _csv(facilities, filename: str) -> HttpResponse:
    response = HttpResponse(facilities_csv(facilities), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(facilities) -> JsonResponse:
    response = JsonResponse(facilities_json(facilities), safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def all_csv(request):
    return _csv(facility_list(), "public_facility.csv")


def all_json(request):
    return _json(facility_list())


def municipality_csv(request, code):
    return _csv(facilities_in(_municipality(code)), f"{code}_public_facility.csv")


def municipality_json(request, code):
    return _json(facilities_in(_municipality(code)))
