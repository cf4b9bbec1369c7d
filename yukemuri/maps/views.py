"""/map/: the map of one layer, drawn on the server, with its list alternative on the same page."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.core.filters import active_filters

from .forms import LAYERS, MapFilterForm
from .selectors import layer_map


def _filters(form) -> dict:
    """The filters in use, but the layer: the tabs choose it, and it alone does not open the filter panel."""
    return {name: value for name, value in active_filters(form).items() if name != "layer"}


def map_page(request):
    """?layer=issues|ideas|events|help|facilities and the lists' filters. A wrong value answers 400 with the
    form saying what is wrong (never a 500)."""
    form = MapFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "maps/map.html", {
            "form": form, "filters": _filters(form), "layers": LAYERS,
            "problem": _("The map cannot be shown with these filters. Please correct them."),
        }, status=400)
    data = form.cleaned_data
    params = request.GET.copy()
    params.pop("municipality", None)
    params["layer"] = data["layer"]
    return render(request, "maps/map.html", {
        "form": form, "filters": _filters(form), "layers": LAYERS, "layer": data["layer"],
        "layer_label": dict(LAYERS)[data["layer"]], "map": layer_map(data["layer"], data),
        "base_query": params.urlencode(), "municipality": data.get("municipality"),
    })
