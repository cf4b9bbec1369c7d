"""The staff page of the whole action stream and each person's own activity. Both only read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from yukemuri.core.filters import paginate
from yukemuri.core.permissions import permission_required

from . import selectors
from .forms import ActionFilterForm

PER_PAGE = 50


@login_required
@permission_required("actions.view_all", message=gettext_lazy("Only staff and moderators can see the actions of everyone."))
def staff_actions(request):
    form = ActionFilterForm(request.GET or None, target_types=selectors.target_types())
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {name: value for name, value in form.cleaned_data.items() if value}
    actions = selectors.actions_list(**filters) if not form.errors else selectors.actions_list().none()
    page = paginate(actions, request.GET.get("page"), PER_PAGE)
    return render(request, "actions/staff_actions.html", {
        "form": form, "filters": filters or form.errors, "page": page, "actions": page.object_list,
    })


@login_required
def my_activity(request):
    page = paginate(selectors.actions_of(request.user), request.GET.get("page"), PER_PAGE)
    return render(request, "actions/my_activity.html", {"page": page, "actions": page.object_list})
