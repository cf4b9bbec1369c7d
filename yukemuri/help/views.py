"""Help pages (お手伝い): the public list and disaster list, a request with its slots and sign-up, the hosts' pages.

Sign-up posts to the events app's registration view (a slot is an event): one button for a signed-in person,
name and e-mail with consent for a guest; tickets, the waiting list and check-in are the events pages'.
"""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.attachments.forms import then_attach
from yukemuri.attachments.selectors import gallery, with_first_photos
from yukemuri.core.permissions import require
from yukemuri.core.views_helpers import attempt, filtered_page, submit_form
from yukemuri.events.forms import GuestRegistrationForm
from yukemuri.events.selectors import registration_of, registrations_for
from yukemuri.events.services import registration_window_error
from yukemuri.translations.selectors import reading

from . import matching, selectors, services
from .forms import HelpFilterForm, HelpRequestForm, SlotForm, request_initial, slot_initial


def _list(request, queryset, template, extra=None):
    form = HelpFilterForm(request.GET)
    page = filtered_page(form, queryset)
    return render(request, template, {
        "form": form, "page": page, "requests": with_first_photos(page.object_list), "filters": form.active_filters(),
        "can_post": request.user.has_perm("help.post"),
        "mine": list(selectors.requests_managed_by(request.user)[:20]), **(extra or {}),
    })


def help_index(request):
    return _list(request, selectors.public_requests(), "help/index.html")


def help_disaster(request):
    return _list(request, selectors.public_requests().filter(disaster=True), "help/disaster.html")


def _request_or_404(request, pk, perm="help.view"):
    help_request = selectors.request_detail(pk)
    # A draft is its hosts' alone: for anyone else it does not exist.
    if help_request is None or not request.user.has_perm("help.view", help_request):
        raise Http404(_("No such help request."))
    if perm != "help.view":
        require(request.user, perm, help_request, _("Only the request's hosts can do this."))
    return help_request


def help_show(request, pk, failed=None):
    """The request and its slots, each with a sign-up form; `failed` = (slot's event, bound guest form with
    errors) shows that form again, open, with what was typed (status 400)."""
    help_request = _request_or_404(request, pk)
    slots = []
    for slot in help_request.slots.all():
        event = slot.event
        slots.append({
            "slot": slot, "event": event, "registration": registration_of(event, request.user),
            "closed_reason": (_("This request is closed.") if help_request.status == "closed"
                              else _("This request is not published yet.") if help_request.status == "draft"
                              else registration_window_error(event)),
            # One form per slot, each with its own ids (several on one page).
            "guest_form": GuestRegistrationForm(auto_id=f"id_slot{slot.pk}_%s"),
        })
        if failed and failed[0].pk == event.pk:
            failed[1].auto_id = f"id_slot{slot.pk}_%s"
            slots[-1]["guest_form"] = failed[1]
    return render(request, "help/detail.html", {
        "help": help_request, "slots": slots,
        "reading": reading(help_request, request.LANGUAGE_CODE, original="original" in request.GET),
        "can_manage": request.user.has_perm("help.manage", help_request),
        "can_mark_disaster": request.user.has_perm("help.mark_disaster", help_request),
        **gallery(help_request, request.user),
    }, status=400 if failed else 200)


def guest_form_page(request, event, form):
    """A guest's sign-up for a slot with errors: shown again on the help request's page (events asks)."""
    slot = selectors.slot_for_event(event.pk)
    if slot is None:
        return None
    return help_show(request, slot.request_id, failed=(event, form))


@login_required
def help_new(request):
    require(request.user, "help.post", None, _("Only verified organisations and staff can ask for help."))
    form = HelpRequestForm(request.POST or None, request.FILES or None, user=request.user, initial={"points": 0})
    return submit_form(request, form, then_attach(form, partial(services.request_create, by=request.user),
                                                  by=request.user),
                       success=_("The request is saved as a draft. Add its time slots, then publish it."),
                       to=lambda created: redirect("help_slot_new", created.pk),
                       page=lambda: render(request, "help/form.html", {"form": form}))


@login_required
def help_edit(request, pk):
    help_request = _request_or_404(request, pk, "help.manage")
    form = HelpRequestForm(request.POST or None, request.FILES or None, user=request.user, editing=True,
                           initial=request_initial(help_request))
    return submit_form(request, form, then_attach(form, partial(services.request_update, request=help_request,
                                                                by=request.user), by=request.user),
                       success=_("Your changes are saved."), to=help_request,
                       page=lambda: render(request, "help/form.html", {"form": form, "help": help_request}))


@require_POST
@login_required
def help_publish(request, pk):
    help_request = _request_or_404(request, pk, "help.manage")
    attempt(request, lambda: services.request_publish(request=help_request, by=request.user),
            _("The request is published."))
    return redirect(help_request)


@require_POST
@login_required
def help_close(request, pk):
    help_request = _request_or_404(request, pk, "help.manage")
    attempt(request, lambda: services.request_close(request=help_request, by=request.user),
            _("The request is closed."))
    return redirect(help_request)


@require_POST
@login_required
def help_disaster_mark(request, pk):
    help_request = _request_or_404(request, pk, "help.mark_disaster")
    attempt(request, lambda: services.disaster_mark(request=help_request, by=request.user,
                                                    disaster=request.POST.get("disaster") == "1"),
            _("Your changes are saved."))
    return redirect(help_request)


@login_required
def slot_new(request, pk):
    help_request = _request_or_404(request, pk, "help.manage")
    form = SlotForm(request.POST or None)
    return submit_form(request, form, partial(services.slot_add, request=help_request, by=request.user),
                       success=_("The time slot is added."), to=help_request,
                       page=lambda: render(request, "help/slot_form.html", {"form": form, "help": help_request}))


def _slot_or_404(help_request, slot_pk):
    slot = selectors.slot_of(help_request, slot_pk)
    if slot is None:
        raise Http404(_("No such time slot."))
    return slot


@login_required
def slot_edit(request, pk, slot):
    help_request = _request_or_404(request, pk, "help.manage")
    found = _slot_or_404(help_request, slot)
    form = SlotForm(request.POST or None, initial=slot_initial(found))
    return submit_form(request, form, partial(services.slot_update, slot=found, by=request.user),
                       success=_("Your changes are saved."), to=help_request,
                       page=lambda: render(request, "help/slot_form.html", {
                           "form": form, "help": help_request, "slot": found}))


@login_required
def signups(request, pk):
    """The hosts' view: who signed up for each slot, with the events app's check-in desk and attendance list."""
    help_request = _request_or_404(request, pk, "help.manage")
    slots = [{"slot": slot, "event": slot.event, "registrations": list(registrations_for(slot.event))}
             for slot in help_request.slots.all()]
    return render(request, "help/signups.html", {"help": help_request, "slots": slots})


@login_required
def slot_suggestions(request, pk, slot):
    """Suggested helpers for a slot, with reasons (matching); the host invites one or declines them."""
    help_request = _request_or_404(request, pk, "help.manage")
    found = _slot_or_404(help_request, slot)
    if request.method == "POST":
        person_id = request.POST.get("person", "")
        answer = request.POST.get("answer", "")
        attempt(request, lambda: matching.host_answer(slot=found, by=request.user, person_id=person_id,
                                                      answer=answer),
                _("Invited: they are told and answer in their suggestions.") if answer == "invite"
                else _("Declined: they will not be suggested again for this slot."))
        return redirect("help_slot_suggestions", pk, slot)
    return render(request, "help/suggestions.html", {
        "help": help_request, "slot": found, "suggested": matching.suggested_for(found),
    })
