"""Pages of the area visions: the list by area, an area's (or municipality's) current vision with its follow-up,
the versions and their comparison, and the stewards' pages. Thin: rules in rules.py, writes in services.py."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.fiscal import current_fiscal_year
from yukemuri.core.permissions import allowed, require
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.people.models import User

from . import selectors, services
from .forms import CompareForm, NewVisionForm, ReviewForm, StewardForm, UpdateForm, VisionForm
from .services import STEWARDS_ONLY


def vision_index(request):
    return render(request, "visions/index.html", {
        "entries": selectors.by_area(), "can_add": allowed(request.user, "visions.add_vision")})


def _place(key, code=None):
    area = selectors.area_by_key(key)
    if area is None:
        raise Http404(_("There is no such area."))
    municipality = None
    if code is not None:
        municipality = selectors.municipality_in(area, code)
        if municipality is None:
            raise Http404(_("There is no such municipality in this area."))
    return area, municipality


def _vision(pk):
    vision = selectors.vision_by_pk(pk)
    if vision is None or vision.current is None:
        raise Http404(_("There is no such vision."))
    return vision


def vision_show(request, key, code=None):
    """The current version of a place's vision, the follow-up of its themes, updates and reviews."""
    area, municipality = _place(key, code)
    vision = selectors.vision_of(area, municipality)
    if vision is None or vision.current is None:
        return render(request, "visions/none.html", {
            "area": area, "municipality": municipality, "can_add": allowed(request.user, "visions.add_vision"),
            "municipal": selectors.municipal_visions(area) if municipality is None else []}, status=404)
    return render(request, "visions/detail.html", {
        "vision": vision, "revision": vision.current, "follow_up": selectors.follow_up(vision),
        "updates": selectors.updates_of(vision, limit=5), "reviews": selectors.reviews_of(vision),
        "stewards": selectors.stewards_of(vision),
        "municipal": selectors.municipal_visions(area) if municipality is None else [],
        "can_steward": allowed(request.user, "visions.steward", vision),
        "can_name": allowed(request.user, "visions.name_steward", vision),
        "this_year": current_fiscal_year()})


def revisions(request, pk):
    vision = _vision(pk)
    return render(request, "visions/revisions.html", {"vision": vision, "revisions": selectors.revisions_of(vision)})


def revision_show(request, pk, number):
    vision = _vision(pk)
    revision = selectors.revision_of(vision, number)
    if revision is None:
        raise Http404(_("There is no such version."))
    return render(request, "visions/revision.html", {"vision": vision, "revision": revision})


def compare(request, pk):
    """Two versions side by side as a list of changes. Without parameters: the previous version to the current."""
    vision = _vision(pk)
    numbers = list(selectors.revisions_of(vision).values_list("number", flat=True))
    data = request.GET if request.GET else {"a": max(vision.version - 1, 1), "b": vision.version}
    form = CompareForm(data, numbers=numbers)
    comparison = None
    if form.is_valid():
        comparison = selectors.compare(selectors.revision_of(vision, form.cleaned_data["a"]),
                                       selectors.revision_of(vision, form.cleaned_data["b"]))
    return render(request, "visions/compare.html", {"vision": vision, "form": form, "comparison": comparison},
                  status=200 if form.is_valid() else 400)


@login_required
def vision_new(request):
    require(request.user, "visions.add_vision", message=_("Visions are started by municipal staff."))
    form = NewVisionForm(request.POST or None, initial={"area": id_from(request.GET.get("area"))})
    return submit_form(request, form, partial(services.vision_create, by=request.user),
                       success=_("The vision is published as version 1."),
                       page=lambda: render(request, "visions/form.html", {"form": form, "vision": None}))


@login_required
def vision_edit(request, pk):
    vision = _vision(pk)
    require(request.user, "visions.steward", vision, _(STEWARDS_ONLY))
    form = VisionForm(request.POST or None, area=vision.area, initial=VisionForm.initial_from(vision.current))
    return submit_form(request, form, partial(services.vision_revise, vision=vision, by=request.user),
                       success=lambda r: _("Version %(n)d is published.") % {"n": r.number},
                       to=lambda r: f"{_compare_url(vision)}?a={r.number - 1}&b={r.number}",
                       page=lambda: render(request, "visions/form.html", {"form": form, "vision": vision}))


def _compare_url(vision):
    from django.urls import reverse

    return reverse("vision_compare", args=[vision.pk])


def updates(request, pk):
    vision = _vision(pk)
    can = allowed(request.user, "visions.steward", vision)
    form = UpdateForm(request.POST or None, initial={"written_on": timezone.localdate()}) if can else None
    if request.method == "POST":
        require(request.user, "visions.steward", vision, _(STEWARDS_ONLY))
        return submit_form(request, form, partial(services.update_write, vision=vision, by=request.user),
                           success=_("The update is published."), to=lambda u: request.path,
                           page=lambda: _updates_page(request, vision, form))
    return _updates_page(request, vision, form)


def _updates_page(request, vision, form):
    return render(request, "visions/updates.html", {"vision": vision, "updates": selectors.updates_of(vision),
                                                    "form": form})


def review(request, pk, year):
    """A year's review: public once published; a steward sees the draft (prefilled) and edits it."""
    vision = _vision(pk)
    if not 2000 <= year <= current_fiscal_year():
        raise Http404(_("There is no review for this year."))
    can = allowed(request.user, "visions.steward", vision)
    draft = services.review_draft(vision, year)
    if not can and not draft.is_published:
        raise Http404(_("This year's review is not published yet."))
    form = None
    if can:
        form = ReviewForm(request.POST or None, initial={
            "moved": draft.moved, "stalled": draft.stalled, "next_steps": draft.next_steps})
    if request.method == "POST":
        require(request.user, "visions.steward", vision, _(STEWARDS_ONLY))
        publish = "publish" in request.POST
        return submit_form(request, form, partial(services.review_save, vision=vision, by=request.user, year=year,
                                                  publish=publish),
                           success=_("The review is published.") if publish else _("The draft is saved."),
                           to=lambda r: request.path,
                           page=lambda: _review_page(request, vision, draft, form))
    return _review_page(request, vision, draft, form)


def _review_page(request, vision, draft, form):
    return render(request, "visions/review.html", {"vision": vision, "review": draft, "form": form})


@login_required
def stewards(request, pk):
    vision = _vision(pk)
    require(request.user, "visions.name_steward", vision, _("Stewards are named by municipal staff."))
    form = StewardForm(request.POST or None)
    return submit_form(request, form, partial(services.steward_name, vision=vision, by=request.user),
                       success=_("The steward is named."), to=lambda s: request.path,
                       page=lambda: render(request, "visions/stewards.html", {
                           "vision": vision, "form": form, "stewards": selectors.stewards_of(vision)}))


@require_POST
@login_required
def steward_remove(request, pk, person_pk):
    vision = _vision(pk)
    person = User.objects.filter(pk=person_pk).first()
    if person is None:
        raise Http404(_("There is no such person."))
    attempt(request, partial(services.steward_remove, vision=vision, by=request.user, person=person),
            _("The steward is removed."))
    return redirect("vision_stewards", pk=vision.pk)
