from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yukemuri.core.filters import PageOutOfRange, paginate
from yukemuri.core.ratelimits import post_limit

from . import services
from .forms import KindFilterForm, OrganisationForm
from .selectors import organisation_list


def organisation_index(request):
    form = KindFilterForm(request.GET)
    kind = form.cleaned_data.get("kind") if form.is_valid() else None
    try:
        page = paginate(organisation_list(kind), request.GET.get("page", 1), 30)
    except PageOutOfRange:
        raise Http404(_("There is no such page.")) from None
    return render(request, "organisations/index.html", {"form": form, "page": page})


@login_required
@post_limit
def organisation_new(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(creator=request.user, **form.cleaned_data)
        messages.success(
            request, _("Your organisation is registered. Staff will verify it soon; you can already post on its behalf.")
        )
        return redirect("organisation_detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form})
