from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from yukemuri.ideas.selectors import idea_cards, idea_counts_by, with_idea_counts
from yukemuri.issues.selectors import issue_cards, issue_counts_by

from .codes import is_valid_code
from .selectors import municipality_by_code, prefectures_with_tree


def region_index(request):
    """Prefecture → areas → municipalities, with how many issues and ideas each area has."""
    counts = {
        "area": (issue_counts_by("area"), idea_counts_by("area")),
        "municipality": (issue_counts_by("municipality"), idea_counts_by("municipality")),
    }
    prefectures = list(prefectures_with_tree())
    for prefecture in prefectures:
        for area in prefecture.areas.all():
            area.issue_count, area.idea_count = (c.get(area.pk, 0) for c in counts["area"])
            for municipality in area.municipalities.all():
                municipality.issue_count, municipality.idea_count = (
                    c.get(municipality.pk, 0) for c in counts["municipality"]
                )
    return render(request, "regions/index.html", {"prefectures": prefectures})


def municipality_show(request, code):
    if not is_valid_code(code):
        raise Http404(_("%(code)s is not a valid local government code.") % {"code": code})
    municipality = municipality_by_code(code)
    if municipality is None:
        raise Http404(_("No municipality has the code %(code)s.") % {"code": code})
    issues = with_idea_counts(issue_cards().filter(municipality=municipality).order_by("-created_at", "-id")[:20])
    ideas = list(idea_cards().filter(municipality=municipality).order_by("-created_at", "-id")[:20])
    return render(request, "regions/municipality.html", {
        "municipality": municipality,
        "issues": issues,
        "ideas": ideas,
    })
