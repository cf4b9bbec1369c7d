"""Matching pages: my suggestions and conditions, candidates for an opening, volunteer days."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_purposes
from yukemuri.teams.models import RoleWanted

from . import services
from .forms import ConsultationForm, ProfileForm, VolunteerDayForm
from .models import Opening, Profile, Suggestion, VolunteerDay
from .reasons import sentences, skill_names
from .selectors import candidate_pool, rank_roles, ranked_people


def _with_reasons(suggestions):
    suggestions = list(suggestions)
    names = skill_names([s.why for s in suggestions])
    for suggestion in suggestions:
        suggestion.reasons = sentences(suggestion.why, names)
    return suggestions


@login_required
def my_suggestions(request):
    profile = Profile.objects.filter(person=request.user).first() or Profile(person=request.user)
    form = ProfileForm(request.POST or None, initial={
        "travel_km": profile.travel_km, "online_only": profile.online_only, "capacity": profile.capacity,
        "availability": profile.availability})
    if request.method == "POST" and form.is_valid():
        Profile.objects.update_or_create(person=request.user, defaults=form.cleaned_data)
        messages.success(request, _("Your conditions are saved."))
        return redirect("my_suggestions")
    rows = Suggestion.objects.filter(person=request.user).select_related("opening").order_by("-created_at", "-id")
    return render(request, "matching/my_suggestions.html", {
        "form": form,
        "consented": ConsentPurpose.MATCHING in consent_purposes(request.user),
        "offered": _with_reasons(rows.filter(status=Suggestion.Status.OFFERED)),
        "answered": list(rows.exclude(status=Suggestion.Status.OFFERED)[:30]),
    }, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def answer(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("opening"), pk=pk)
    status = request.POST.get("status", "")
    if not attempt(request, lambda: services.answer(suggestion=suggestion, by=request.user, status=status)):
        return redirect("my_suggestions")
    if status == Suggestion.Status.ACCEPTED:
        messages.success(request, _("Thank you! You are in: the team has been told."))
        if suggestion.opening.url:
            return redirect(suggestion.opening.url.split("#")[0])
    elif status == Suggestion.Status.DECLINED:
        messages.info(request, _("Understood: we will not suggest this again."))
    else:
        messages.info(request, _("Understood: we will ask again in a month or so."))
    return redirect("my_suggestions")


@login_required
def opening_candidates(request, pk):
    opening = get_object_or_404(Opening.objects.select_related("role__idea"), pk=pk)
    require(request.user, "matching.see_candidates", opening.role.idea if opening.role_id else None,
            _("Only the team, coordinators and staff see candidates."))
    rows = [{"person": person, "score": total, "reasons": reasons}
            for person, total, reasons in ranked_people(opening, pool=candidate_pool())]
    return render(request, "matching/candidates.html", {"opening": opening, "rows": rows})


@login_required
def role_candidates(request, pk):
    """Candidates for a role of an idea, reached from its team page: permission first, then ranked as the
    role is now. A GET writes nothing (the role's opening is mirrored when the matching runs)."""
    role = get_object_or_404(RoleWanted.objects.select_related("idea__municipality"), pk=pk)
    require(request.user, "matching.see_candidates", role.idea,
            _("Only the team, coordinators and staff see candidates."))
    opening = Opening(kind=Opening.Kind.ROLE, role=role, title=f"{role.idea.title} — {role.get_kind_display()}",
                      url=f"{role.idea.get_absolute_url()}#role-{role.pk}")  # for the page only, never saved
    rows = [{"person": person, "score": total, "reasons": reasons}
            for person, total, reasons in rank_roles([role], limit=10)[role.pk]]
    return render(request, "matching/candidates.html", {"opening": opening, "rows": rows})


@require_POST
@login_required
def run(request):
    require(request.user, "matching.run_matching", message=_("Only coordinators and staff run the matching."))
    made = services.suggest()
    messages.success(request, _("Matching ran: %(count)s new suggestions.") % {"count": len(made)})
    return redirect("coordinator")


@login_required
@limit("organise", form=True)
def consultation_new(request):
    require(request.user, "matching.run_matching", message=_("Only coordinators and staff run the matching."))
    form = ConsultationForm(request.POST or None)
    return submit_form(request, form, partial(services.consultation_open, by=request.user),
                       success=_("The consultation is open: run the matching to send suggestions."),
                       to=lambda opening: reverse("opening_candidates", args=[opening.pk]),
                       page=lambda: render(request, "matching/consultation_form.html", {"form": form}))


@login_required
@limit("organise", form=True)
def day_new(request):
    require(request.user, "matching.run_matching", message=_("Only coordinators and staff organise volunteer days."))
    form = VolunteerDayForm(request.POST or None)
    return submit_form(request, form, partial(services.volunteer_day_create, by=request.user),
                       success=_("The volunteer day is saved."), to=lambda day: f"/matching/days/{day.pk}/",
                       page=lambda: render(request, "matching/day_form.html", {"form": form}))


def day_detail(request, pk):
    day = get_object_or_404(VolunteerDay.objects.select_related("municipality"), pk=pk)
    tasks = list(day.tasks.select_related("opening").prefetch_related("skills", "opening__suggestions__person"))
    return render(request, "matching/day.html", {
        "day": day, "tasks": tasks, "may_run": request.user.has_perm("matching.run_matching")})


@require_POST
@login_required
def day_assign(request, pk):
    day = get_object_or_404(VolunteerDay, pk=pk)
    made = services.assign_day(day=day, by=request.user)
    messages.success(request, _("Matching ran: %(count)s new suggestions.") % {"count": len(made)})
    return redirect("volunteer_day", pk=day.pk)
