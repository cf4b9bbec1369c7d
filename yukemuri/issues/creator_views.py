"""The creators page: people who offer creative work, and the issues asking for it."""

from django.shortcuts import render

from yukemuri.core.views_helpers import filtered_page
from yukemuri.people.creator_forms import CreatorFilterForm
from yukemuri.people.selectors import creator_list

from .selectors import open_creator_briefs


def creator_index(request):
    form = CreatorFilterForm(request.GET)
    page = filtered_page(form, creator_list(), per_page=24)
    return render(request, "people/creators.html", {
        "form": form, "page": page, "creators": list(page.object_list), "filters": form.active_filters(),
        "briefs": list(open_creator_briefs()[:6]),
    })
