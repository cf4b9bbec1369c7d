"""The supporters' pages (/support/): find or register a person, enter for them with their consent; the staff
pages: a phone call, returned paper forms, the log and the counts per channel; printable forms and posters."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import permission_required
from yukemuri.core.qr import qr_svg
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, filtered_page, submit_form
from yukemuri.events.selectors import event_detail
from yukemuri.help.selectors import request_detail
from yukemuri.ideas.selectors import idea_detail
from yukemuri.listening import selectors as listening

from . import selectors, services
from .forms import (
    BallotEntryForm,
    CallForm,
    ClaimForm,
    FindForm,
    LogFilterForm,
    PaperEntryForm,
    PersonForm,
    PostEntryForm,
    PrintForm,
    RegistrationEntryForm,
    SupportEntryForm,
)
from .models import AssistedEntry

ENTER = "support.enter_on_behalf"
REFUSED = _("Only supporters and staff enter for others.")
supporters_only = permission_required(ENTER, message=REFUSED)
staff_only = permission_required("support.see_log", message=_("Only staff see this page."))


def _person_or_404(reference):
    assisted = selectors.by_reference(reference)
    if assisted is None:
        raise Http404(_("No one has this reference number."))
    return assisted


def _when(event) -> str:
    return timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M")


def _event_or_error(pk):
    event = event_detail(pk)
    if event is None:  # gone since the form was shown
        raise ValidationError({"event": _("There is no such event.")})
    return event


def _event_choices():
    return [(event.pk, f"{_when(event)} {event.title}") for event in selectors.upcoming_events()[:200]]


def _slot_choices():
    return [(slot.event_id, f"{help_request.title} — {_when(slot.event)}")
            for help_request, slot in selectors.help_slots()[:200]]


@login_required
@supporters_only
def home(request):
    """Find a person by reference, or by name within a municipality; what I entered lately."""
    form = FindForm(request.GET or None)
    found = selectors.find(**form.cleaned_data) if form.is_bound and form.is_valid() else None
    return render(request, "support/home.html", {
        "form": form, "found": found, "mine": selectors.entries_by(request.user)[:20],
        "is_staff_view": request.user.has_perm("support.see_log")})


@login_required
@supporters_only
def person_new(request):
    form = PersonForm(request.POST or None, initial={"municipality": request.GET.get("municipality", "")})

    def done(result):
        assisted, code = result
        messages.info(request, _("Registered with reference number %(reference)s. Write it and the claim code "
                                 "%(code)s on the person's slip: with them they can take over their account "
                                 "later. The code is shown only now.") % {
                                     "reference": assisted.reference, "code": code})
        return redirect("support_person", assisted.reference)

    return submit_form(request, form, partial(services.person_register, by=request.user), to=done,
                       page=lambda: render(request, "support/person_form.html", {"form": form}))


@login_required
@supporters_only
def person_show(request, reference):
    assisted = _person_or_404(reference)
    return render(request, "support/person.html", {
        "assisted": assisted, "entries": selectors.entries_for(assisted.person)[:100]})


@login_required
@supporters_only
@require_POST
def claim_code_renew(request, reference):
    assisted = _person_or_404(reference)
    attempt(request, lambda: services.claim_code_renew(by=request.user, for_whom=assisted),
            lambda code: _("New claim code: %(code)s. Write it on the person's slip; the old one no longer "
                           "works.") % {"code": code}, level=messages.INFO)
    return redirect("support_person", assisted.reference)


def _entry_page(request, assisted, form, action, *, heading, intro=""):
    return submit_form(
        request, form, partial(action, by=request.user, for_whom=assisted),
        success=lambda entry: _("Entered for %(name)s: %(what)s.") % {
            "name": assisted.full_name, "what": entry.target_repr},
        to=lambda entry: redirect("support_person", assisted.reference),
        page=lambda: render(request, "support/entry.html", {
            "assisted": assisted, "form": form, "heading": heading, "intro": intro}))


@login_required
@supporters_only
def enter_issue(request, reference):
    assisted = _person_or_404(reference)
    return _entry_page(request, assisted, PostEntryForm(request.POST or None), services.enter_issue,
                       heading=_("Enter an issue"))


@login_required
@supporters_only
def enter_idea(request, reference):
    assisted = _person_or_404(reference)
    return _entry_page(request, assisted, PostEntryForm(request.POST or None), services.enter_idea,
                       heading=_("Enter an idea"))


@login_required
@supporters_only
def enter_support(request, reference):
    assisted = _person_or_404(reference)
    form = SupportEntryForm(request.POST or None)

    def support(*, idea, **kwargs):
        found = idea_detail(idea, request.user)
        if found is None:
            raise ValidationError({"idea": _("There is no published idea with this number.")})
        return services.enter_support(idea=found, **kwargs)

    return _entry_page(request, assisted, form, support, heading=_("Support an idea"))


def _registration(request, reference, choices, *, label, heading):
    assisted = _person_or_404(reference)
    form = RegistrationEntryForm(request.POST or None, events=choices, label=label)

    def register(*, event, **kwargs):
        return services.enter_registration(event=_event_or_error(event), **kwargs)

    return _entry_page(request, assisted, form, register, heading=heading)


@login_required
@supporters_only
def enter_registration(request, reference):
    return _registration(request, reference, _event_choices(), label=_("Event"),
                         heading=_("Register for an event"))


@login_required
@supporters_only
def enter_help(request, reference):
    return _registration(request, reference, _slot_choices(), label=_("Help request and time slot"),
                         heading=_("Sign up to help"))


@login_required
@supporters_only
def vote_choose(request, reference):
    assisted = _person_or_404(reference)
    return render(request, "support/vote_choose.html", {
        "assisted": assisted, "conversations": listening.open_conversations()[:100]})


@login_required
@supporters_only
def enter_votes(request, reference, conversation):
    assisted = _person_or_404(reference)
    found = listening.conversation_by_id(conversation)
    if found is None or not found.is_open:
        raise Http404(_("No open conversation with this number."))
    form = BallotEntryForm(request.POST or None, statements=listening.accepted_statements(found))
    return _entry_page(request, assisted, form, partial(services.enter_votes, conversation=found),
                       heading=_("Votes in “%(title)s”") % {"title": found.title}, intro=found.question)


@login_required
@permission_required("support.take_calls", message=_("Only staff take calls."))
def phone(request):
    form = CallForm(request.POST or None, events=_event_choices())

    def call(*, event=None, **kwargs):
        return services.enter_call(by=request.user, event=_event_or_error(event) if event else None, **kwargs)

    return submit_form(request, form, call,
                       success=lambda entry: _("The call is logged: %(what)s.") % {"what": entry.target_repr},
                       to="support_phone", page=lambda: render(request, "support/phone.html", {"form": form}))


@login_required
@permission_required("support.enter_paper_forms", message=_("Only staff enter paper forms."))
def paper(request):
    """Returned paper forms, one after another: after each, an empty form of the same kind, cursor on its number."""
    kind = request.GET.get("kind", AssistedEntry.Kind.IDEA)
    form = PaperEntryForm(request.POST or None, initial={"kind": kind if kind in ("idea", "issue") else "idea"})
    return submit_form(
        request, form, partial(services.enter_paper_form, by=request.user),
        success=lambda entry: _("Form %(number)s entered: %(what)s. Next form.") % {
            "number": entry.consent_form_number, "what": entry.target_repr},
        to=lambda entry: redirect(f"{request.path}?kind={entry.kind}"),
        page=lambda: render(request, "support/paper.html", {
            "form": form, "entered": selectors.entries().filter(channel="paper")[:10]}))


@login_required
@staff_only
def log(request):
    form = LogFilterForm(request.GET)
    page = filtered_page(form, selectors.entries(), per_page=50)
    return render(request, "support/log.html", {"form": form, "page": page, "entries": list(page.object_list),
                                                "filters": form.active_filters()})


@login_required
@staff_only
def report(request):
    counts = selectors.entry_counts()
    kinds = [{"label": label, "cells": [counts.get((channel, kind), 0) for channel in ("supporter", "phone", "paper")]}
             for kind, label in AssistedEntry.Kind.choices]
    return render(request, "support/report.html", {"channels": selectors.channel_table(), "kinds": kinds})


def print_form(request, kind):
    """A blank A4 form to print (an issue or an idea), numbered; its QR code leads to the online form."""
    if kind not in ("issue", "idea"):
        raise Http404(_("No such form."))
    form = PrintForm(request.GET or None)
    start, copies = 1, 1
    if form.is_bound and form.is_valid():
        start, copies = form.cleaned_data["start"] or 1, form.cleaned_data["copies"] or 1
    online = request.build_absolute_uri(f"/{kind}s/new/")
    prefix = "I" if kind == "issue" else "D"
    return render(request, "support/print_form.html", {
        "kind": kind, "form": form, "online": online,
        "qr": qr_svg(online, _("QR code: the online form")),
        "numbers": [f"{prefix}-{number:05d}" for number in range(start, start + copies)],
        "status": 400 if form.is_bound and not form.is_valid() else 200,
    }, status=400 if form.is_bound and not form.is_valid() else 200)


def poster_event(request, pk):
    event = event_detail(pk)
    if event is None:
        raise Http404(_("No such event."))
    url = request.build_absolute_uri(event.get_absolute_url())
    return render(request, "support/poster.html", {
        "title": event.title, "when": [event.starts_at], "place": event.venue_name or event.municipality,
        "text": event.description, "url": url, "qr": qr_svg(url, _("QR code: the event's page"))})


def poster_help(request, pk):
    help_request = request_detail(pk)
    if help_request is None or not request.user.has_perm("help.view", help_request):
        raise Http404(_("No such help request."))
    url = request.build_absolute_uri(help_request.get_absolute_url())
    return render(request, "support/poster.html", {
        "title": help_request.title, "when": [slot.event.starts_at for slot in help_request.slots.all()],
        "place": help_request.place_name or help_request.municipality.display_name,
        "text": help_request.description, "url": url,
        "qr": qr_svg(url, _("QR code: the help request's page"))})


@limit("signup", form=True)
def claim(request):
    """Take over the account a supporter made: reference, claim code, your own e-mail and password."""
    if request.user.is_authenticated:
        return redirect("me")
    form = ClaimForm(request.POST or None)
    return submit_form(request, form, services.claim,
                       success=_("The account is yours: we sent a link to confirm your address. Log in with your "
                                 "e-mail address and password."),
                       to="login", page=lambda: render(request, "support/claim.html", {"form": form}))
