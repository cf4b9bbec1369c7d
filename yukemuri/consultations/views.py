"""Consultation pages (相談): open slots, booking with the intake, my consultations, a consultation (the coordinator's
notes and hand-offs on it), the coordinator's slots, the space's caseload. Thin: selectors, services, rules."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import require
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.space.selectors import facilities as space_facilities
from yukemuri.space.selectors import space_by_slug
from yukemuri.teams.selectors import open_roles_with_ideas

from . import selectors, services
from .forms import IntakeForm, MatchingHandOffForm, NotesForm, ProfileForm, SlotFilterForm, SlotForm, TeamHandOffForm


def slots(request):
    """Open slots, by field and qualification (?field=…&qualification=…); anyone may look."""
    form = SlotFilterForm(request.GET or None)
    rows = []
    if form.is_bound and not form.is_valid():
        rows = []  # an unknown key: its error on the form and no list, never everything
    else:
        data = form.cleaned_data if form.is_bound else {}
        rows = list(selectors.open_slots(field=data.get("field"), qualification=data.get("qualification"))[:200])
    return render(request, "consultations/slots.html", {"form": form, "slots": rows})


def _slot_or_404(pk):
    slot = selectors.slot(pk)
    if slot is None:
        raise Http404(_("No such consultation slot."))
    return slot


def _consultation_or_404(request, pk):
    consultation = selectors.consultation(pk)
    if consultation is None or not request.user.has_perm("consultations.view_consultation", consultation):
        raise Http404(_("No such consultation."))
    return consultation


@login_required
def book(request, pk):
    slot = _slot_or_404(pk)
    require(request.user, "consultations.book_slot", slot, _("This slot cannot be booked any more."))
    form = IntakeForm(request.POST if request.method == "POST" else None)
    return submit_form(request, form, partial(services.book, by=request.user, slot=slot),
                       success=_("Booked. The coordinator will see your answers before you meet."),
                       to=lambda c: reverse("consultation_detail", args=[c.pk]),
                       page=lambda: render(request, "consultations/book.html", {"slot": slot, "form": form}))


@login_required
def mine(request):
    return render(request, "consultations/mine.html", {
        "consultations": list(selectors.consultations_of(request.user)[:200]), "now": timezone.now()})


@login_required
def detail(request, pk):
    """The consultation: the member sees the intake and may cancel; the coordinator (and the operator) also the
    private note, the follow-up and the hand-offs. One POST handler per form, chosen by its `form` field."""
    consultation = _consultation_or_404(request, pk)
    user = request.user
    can_write = user.has_perm("consultations.write_notes", consultation)
    can_hand_off = user.has_perm("consultations.hand_off", consultation)
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "notes": NotesForm(request.POST if posted == "notes" else None, initial={
            "private_note": consultation.private_note, "follow_up": consultation.follow_up,
            "follow_up_on": consultation.follow_up_on}) if can_write else None,
        "matching": MatchingHandOffForm(request.POST if posted == "matching" else None) if can_hand_off else None,
        "team": TeamHandOffForm(request.POST if posted == "team" else None,
                                roles=list(open_roles_with_ideas().select_related("idea")[:100]))
        if can_hand_off else None,
    }

    def page():
        return render(request, "consultations/detail.html", {
            "c": consultation, "slot": consultation.slot, "forms": forms,
            "sees_notes": user.has_perm("consultations.read_notes", consultation),
            "can_cancel": consultation.status == "booked"
            and user.has_perm("consultations.cancel_consultation", consultation)})

    actions = {
        "notes": (partial(services.notes_save, by=user, consultation=consultation), _("The note is saved.")),
        "matching": (partial(services.hand_to_matching, by=user, consultation=consultation),
                     _("Handed on to matching: the opening is listed with its candidates.")),
        "team": (partial(services.hand_to_team, by=user, consultation=consultation),
                 _("The member is invited to the team.")),
    }
    if posted in actions and forms.get(posted) is not None:
        action, said = actions[posted]
        return submit_form(request, forms[posted], action, success=said,
                           to=reverse("consultation_detail", args=[consultation.pk]), page=page)
    if request.method == "POST":
        require(user, "consultations.write_notes", consultation, _("Only the coordinator changes this."))
        return redirect("consultation_detail", consultation.pk)
    return page()


@login_required
@require_POST
def cancel(request, pk):
    consultation = _consultation_or_404(request, pk)
    attempt(request, partial(services.cancel, by=request.user, consultation=consultation),
            _("The consultation is cancelled."))
    return redirect("consultation_detail", consultation.pk)


@login_required
def coordinator(request):
    """A coordinator's own slots, with who booked each, and the form for a new slot."""
    profile = getattr(request.user, "coordinator_profile", None)
    space = profile.space if profile is not None else None
    require(request.user, "consultations.publish_slot", space,
            _("This page is for coordinators with a profile at a space."))
    rooms = [f for f in space_facilities().filter(space=space) if f.kind != "desk"]
    form = SlotForm(request.POST if request.method == "POST" else None, facilities=rooms)
    return submit_form(request, form, partial(services.slot_publish, by=request.user),
                       success=_("The slot is published."), to=reverse("consultation_coordinator"),
                       page=lambda: render(request, "consultations/coordinator.html", {
                           "profile": profile, "space": space, "form": form,
                           "manages": request.user.has_perm("consultations.manage_coordinators", space),
                           "slots": list(selectors.slots_of_coordinator(request.user)[:200])}))


@login_required
@require_POST
def slot_withdraw(request, pk):
    slot = _slot_or_404(pk)
    require(request.user, "consultations.change_slot", slot, _("Only the slot's coordinator or the operator."))
    attempt(request, partial(services.slot_withdraw, by=request.user, slot=slot), _("The slot is withdrawn."))
    return redirect("consultation_coordinator" if slot.coordinator_id == request.user.pk else "consultation_slots")


@login_required
def caseload(request, slug):
    """The space's consultations with their follow-ups, for its coordinators and operator."""
    space = space_by_slug(slug)
    if space is None:
        raise Http404(_("No such space."))
    require(request.user, "consultations.read_notes", space, _("Only the space's coordinators and operator."))
    return render(request, "consultations/caseload.html", {
        "space": space, "consultations": list(selectors.caseload(space)[:300]),
        "profiles": list(selectors.profiles_of(space)),
        "manages": request.user.has_perm("consultations.manage_coordinators", space)})


@login_required
def coordinators(request, slug):
    """The operator sets a coordinator's profile at the space (?person=<id> starts from that one's profile).
    The service allows only the operator (and administrators): coordinators do not edit their own."""
    space = space_by_slug(slug)
    if space is None:
        raise Http404(_("No such space."))
    require(request.user, "consultations.manage_coordinators", space, _("Only the space's operator manages coordinators."))
    people = selectors.coordinators_for(space)
    initial = {}
    chosen = request.GET.get("person", "")
    profile = selectors.profile_of(number, space) if (number := id_from(chosen)) is not None else None
    if profile is not None:
        initial = {"person": profile.person_id, "qualifications": list(profile.qualifications.all()),
                   "fields": list(profile.fields.all()), "introduction": profile.introduction,
                   "active": profile.active}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial, people=people)
    return submit_form(request, form, partial(services.profile_save, by=request.user, space=space),
                       success=_("The profile is saved."),
                       to=reverse("consultation_coordinators", args=[space.slug]),
                       page=lambda: render(request, "consultations/coordinators.html", {
                           "space": space, "form": form, "profiles": list(selectors.all_profiles_of(space))}))
