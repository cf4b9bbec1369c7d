"""Pages of the startup registry. Views parse and authorise; services.py keeps the rules."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport
from yukemuri.core.permissions import require
from yukemuri.core.ratelimits import post_limit
from yukemuri.core.views_helpers import filtered_page, submit_form

from . import selectors, services
from .exports import CSV_HEADER, csv_row
from .forms import (
    FundingRoundForm,
    ParticipationForm,
    ProgrammeForm,
    ProgressUpdateForm,
    StartupCreateForm,
    StartupFilterForm,
    StartupProfileForm,
    StartupRegisterForm,
)
from .models import FundingRound, ProgressUpdate


def startup_index(request):
    form = StartupFilterForm(request.GET)
    queryset = selectors.startup_list()
    page = filtered_page(form, queryset, per_page=24)
    filtered = form.filter(queryset) if form.is_valid() else queryset.none()
    return render(request, "startups/index.html", {
        "form": form, "page": page, "startups": list(page.object_list), "filters": form.active_filters(),
        "total_raised": selectors.total_raised(filtered),
        "can_manage": request.user.has_perm("startups.manage_programmes"),
    })


def startup_export(request):
    """The registry (or the filtered part of it) as CSV, UTF-8 with a BOM so Excel opens it right."""
    form = StartupFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for errors in form.errors.values() for e in errors), status=400,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="startups.csv"'
    response.write("\ufeff")
    writer = csvexport.writer(response)
    writer.writerow(CSV_HEADER)
    base = request.build_absolute_uri("/").rstrip("/")
    for startup in form.filter(selectors.startup_list()):
        writer.writerow(csv_row(startup, base))
    return response


def _startup_or_404(pk):
    startup = selectors.startup_detail(pk)
    if startup is None:
        raise Http404(_("No such startup."))
    return startup


def startup_show(request, pk):
    startup = _startup_or_404(pk)
    can_edit = request.user.has_perm("startups.change_startup", startup)
    return render(request, "startups/detail.html", {
        "startup": startup,
        "rounds": list(selectors.rounds_of(startup, include_private=can_edit)),
        "updates": list(selectors.updates_of(startup)),
        "can_edit": can_edit,
        "can_manage": request.user.has_perm("startups.manage_programmes"),
    })


def _editable(request, pk):
    startup = _startup_or_404(pk)
    require(request.user, "startups.change_startup", startup,
            message=_("Only members of the startup, coordinators and staff can change it."))
    return startup


def _form_page(request, form, title: str, startup=None, lead: str = ""):
    return lambda: render(request, "startups/form.html", {"form": form, "title": title, "startup": startup,
                                                          "lead": lead})


@login_required
@post_limit
def startup_new(request):
    """Register a startup: one of the person's startup organisations, or a new one."""
    organisations = selectors.registrable_organisations(request.user)
    if request.GET.get("new") or not organisations.exists():
        form = StartupCreateForm(request.POST or None)
        action = partial(services.startup_create, by=request.user)
    else:
        form = StartupRegisterForm(request.POST or None, organisations=organisations)
        action = partial(services.startup_register, by=request.user)
    return submit_form(request, form, action,
                       success=_("The startup is in the registry. Add its rounds and progress next."),
                       page=lambda: render(request, "startups/new.html", {
                           "form": form, "creating": isinstance(form, StartupCreateForm)}))


@login_required
@post_limit
def startup_edit(request, pk):
    startup = _editable(request, pk)
    form = StartupProfileForm(request.POST or None, initial={
        "stage": startup.stage, "sector": startup.sector, "pitch": startup.pitch, "founded_on": startup.founded_on,
    })
    return submit_form(request, form, partial(services.startup_update, startup=startup, by=request.user),
                       success=_("The profile is saved."), to=startup,
                       page=_form_page(request, form, _("Edit the profile"), startup))


@login_required
@post_limit
def round_new(request, pk):
    startup = _editable(request, pk)
    form = FundingRoundForm(request.POST or None)
    return submit_form(request, form, partial(services.funding_round_add, startup=startup, by=request.user),
                       success=_("The round is recorded."), to=reverse("startup_detail", args=[startup.pk]) + "#rounds",
                       page=_form_page(request, form, _("Add a funding round"), startup,
                              _("Public rounds count in the money raised shown in the registry and its open data.")))


@require_POST
@login_required
def round_delete(request, pk, round_pk):
    funding_round = get_object_or_404(FundingRound.objects.select_related("startup__organisation"),
                                      pk=round_pk, startup_id=pk)
    services.funding_round_delete(funding_round=funding_round, by=request.user)
    messages.info(request, _("The round is removed."))
    return redirect(reverse("startup_detail", args=[pk]) + "#rounds")


@login_required
@post_limit
def update_new(request, pk):
    startup = _editable(request, pk)
    form = ProgressUpdateForm(request.POST or None)
    return submit_form(request, form, partial(services.progress_post, startup=startup, by=request.user),
                       success=_("Your update is posted."), to=reverse("startup_detail", args=[startup.pk]) + "#updates",
                       page=_form_page(request, form, _("Post a progress update"), startup))


@require_POST
@login_required
def update_delete(request, pk, update_pk):
    update = get_object_or_404(ProgressUpdate.objects.select_related("startup__organisation"),
                               pk=update_pk, startup_id=pk)
    services.progress_delete(update=update, by=request.user)
    messages.info(request, _("The update is removed."))
    return redirect(reverse("startup_detail", args=[pk]) + "#updates")


@login_required
@post_limit
def participation_new(request, pk):
    startup = _startup_or_404(pk)
    require(request.user, "startups.manage_programmes", message=_("Only coordinators and staff record programme results."))
    form = ParticipationForm(request.POST or None)
    return submit_form(request, form, partial(services.participation_set, startup=startup, by=request.user),
                       success=_("The programme is recorded."), to=reverse("startup_detail", args=[startup.pk]) + "#programmes",
                       page=_form_page(request, form, _("Record a programme"), startup))


@login_required
@post_limit
def programme_new(request):
    require(request.user, "startups.manage_programmes", message=_("Only coordinators and staff manage programmes."))
    form = ProgrammeForm(request.POST or None)
    return submit_form(request, form, partial(services.programme_create, by=request.user),
                       success=_("The programme is added."), to="startup_list",
                       page=_form_page(request, form, _("Add a programme")))
