"""Services of help requests (お手伝い募集): draft, publish, change and close a request, add and change its time
slots (each an events.Event of kind `help`, made and changed through the events services), mark disaster support.

The hosts — members of the host organisation, or the staff member who posted without one — and staff manage a
request; drafts are theirs alone. A change to a published request or slot tells the people signed up (receivers.py,
after commit).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import allowed, require
from yukemuri.events import services as events
from yukemuri.events.models import EventKind
from yukemuri.organisations.services import is_member

from . import matching as suggestions
from .models import HelpRequest, HelpSlot

REQUEST_FIELDS = (
    "language", "title", "description", "kind", "place_name", "latitude", "longitude", "online", "languages",
    "accessibility_note", "safety_note", "points", "goods", "meal", "experience", "travel_covered", "travel_note",
)
Status = HelpRequest.Status


def _check_host(by, host) -> None:
    """A host is a verified organisation the poster belongs to; without one, only staff post."""
    if host is None:
        require(by, "help.mark_disaster", None, _("Only staff can post a help request without an organisation."))
        return
    if not host.verified:
        raise ValidationError({"host": _("Only verified organisations can ask for help.")})
    if not is_member(person=by, organisation=host) and not allowed(by, "help.mark_disaster"):
        raise PermissionDenied(_("You can only ask for help on behalf of organisations you belong to."))


def _check_fields(fields) -> None:
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"unknown help request fields: {sorted(unknown)}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise ValidationError({"title": _("Give the request a title.")})
    if "kind" in fields and fields["kind"] not in HelpRequest.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of help.")})
    if (fields.get("latitude") is None) != (fields.get("longitude") is None) and (
            "latitude" in fields or "longitude" in fields):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})


@transaction.atomic
def request_create(*, by, municipality, host=None, skills=(), **fields) -> HelpRequest:
    """Draft a request; it is seen by its hosts and staff only until it is published."""
    require(by, "help.post", None, _("Only verified organisations and staff can ask for help."))
    _check_host(by, host)
    _check_fields(fields)
    if municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality where the help is needed.")})
    help_request = HelpRequest.objects.create(host=host, created_by=by, municipality=municipality, **fields)
    _set_skills(help_request, skills)
    action_record(actor=by, verb=verbs.HELP_CREATED, target=help_request, data={"host": host.pk if host else None},
                  on_behalf_of=host.name if host else None)
    return help_request


def _set_skills(help_request, names) -> None:
    from yukemuri.topics.models import Skill

    help_request.skills.set(Skill.objects.get_or_create_many([n for n in names if n.strip()]))


def _locked(help_request) -> HelpRequest:
    return HelpRequest.objects.select_for_update().get(pk=help_request.pk)


@transaction.atomic
def request_update(*, request: HelpRequest, by, municipality=None, skills=None, **fields) -> HelpRequest:
    """Change a request. When it is published, the people signed up for its slots are told what changed."""
    require(by, "help.manage", request, _("Only the request's hosts can change it."))
    _check_fields(fields)
    locked = _locked(request)
    if locked.status == Status.CLOSED:
        raise ValidationError(_("This request is closed."))
    before = {name: getattr(locked, name) for name in REQUEST_FIELDS} | {"municipality": locked.municipality_id,
                                                                         "skills": _skill_names(locked)}
    for name, value in fields.items():
        setattr(locked, name, value)
    if municipality is not None:
        locked.municipality = municipality
    locked.save()
    if skills is not None:
        _set_skills(locked, skills)
    after = {name: getattr(locked, name) for name in REQUEST_FIELDS} | {"municipality": locked.municipality_id,
                                                                        "skills": _skill_names(locked)}
    changes = diff(before, after)
    for slot in locked.slots.select_related("event", "opening"):
        suggestions.mirror(slot)
    if changes:
        action_record(actor=by, verb=verbs.HELP_UPDATED, target=locked,
                      data={"changes": changes, "tell": locked.status == Status.PUBLISHED})
    return locked


def _skill_names(help_request) -> list[str]:
    return sorted(help_request.skills.values_list("name", flat=True))


@transaction.atomic
def request_publish(*, request: HelpRequest, by) -> HelpRequest:
    """Draft → published: anyone can read it and sign up. It needs at least one time slot."""
    require(by, "help.manage", request, _("Only the request's hosts can publish it."))
    locked = _locked(request)
    if locked.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if not locked.slots.exists():
        raise ValidationError(_("Add at least one time slot before publishing."))
    locked.status, locked.published_at = Status.PUBLISHED, timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _set_registration(locked, by, registration_opens_at=None)  # the slots' sign-up opens with the request
    action_record(actor=by, verb=verbs.HELP_PUBLISHED, target=locked, data={"old": Status.DRAFT, "new": locked.status})
    return locked


@transaction.atomic
def request_close(*, request: HelpRequest, by) -> HelpRequest:
    """Close a request: it leaves the list of open requests and takes no more sign-ups here. Tickets already
    given stay valid (the hosts still check people in)."""
    require(by, "help.manage", request, _("Only the request's hosts can close it."))
    locked = _locked(request)
    if locked.status == Status.CLOSED:
        return locked
    old = locked.status
    locked.status = Status.CLOSED
    locked.save(update_fields=["status", "updated_at"])
    if old == Status.PUBLISHED:  # a draft's slots never opened
        _set_registration(locked, by, registration_closes_at=timezone.now())  # on the events pages too
    for slot in locked.slots.select_related("event", "opening"):
        suggestions.mirror(slot)  # its openings close: nobody is suggested for a closed request
    action_record(actor=by, verb=verbs.HELP_CLOSED, target=locked, data={"old": old, "new": locked.status})
    return locked


@transaction.atomic
def disaster_mark(*, request: HelpRequest, by, disaster: bool = True) -> HelpRequest:
    """災害支援: staff put a request first in the list and on /help/disaster/ (or take it off)."""
    require(by, "help.mark_disaster", request, _("Only staff can mark disaster support."))
    locked = _locked(request)
    if locked.disaster == disaster:
        return locked
    locked.disaster = disaster
    locked.save(update_fields=["disaster", "updated_at"])
    action_record(actor=by, verb=verbs.HELP_DISASTER_MARKED, target=locked, data={"old": not disaster, "new": disaster})
    return locked


def _set_registration(help_request, by, **window) -> None:
    """Open or close sign-up on the slots still to come (their events' registration window)."""
    for slot in help_request.slots.select_related("event").filter(event__starts_at__gt=timezone.now()):
        if not by.has_perm("events.manage_event", slot.event):
            raise PermissionDenied(_("Only the request's hosts can change time slots."))
        events.event_update(event=slot.event, by=by, **window)


def _slot_fields(help_request: HelpRequest) -> dict:
    fields = {
        "title": help_request.title[:120],
        "description": help_request.description,
        "venue_name": help_request.place_name or help_request.municipality.name,
        "latitude": help_request.latitude, "longitude": help_request.longitude,
        "accessibility_note": help_request.accessibility_note, "fee": "無料",
    }
    return fields


def _check_slot(starts_at, ends_at, helpers) -> None:
    if starts_at is None or ends_at is None:
        raise ValidationError({"starts_at": _("Give the date and times of the slot.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if helpers is None or helpers < 1:
        raise ValidationError({"helpers": _("Ask for at least one helper.")})


@transaction.atomic
def slot_add(*, request: HelpRequest, by, starts_at, ends_at, helpers: int) -> HelpSlot:
    """A time slot: an event of kind `help` whose capacity is the helpers needed (events runs sign-ups)."""
    require(by, "help.manage", request, _("Only the request's hosts can add time slots."))
    _check_slot(starts_at, ends_at, helpers)
    locked = _locked(request)
    if locked.status == Status.CLOSED:
        raise ValidationError(_("This request is closed."))
    organisations = [locked.host] if locked.host and is_member(person=by, organisation=locked.host) else []
    event = events.event_create(
        by=by, kind=EventKind.objects.get(slug="help"), place={"municipality": locked.municipality},
        organisations=organisations, starts_at=starts_at, ends_at=ends_at, capacity=helpers,
        # A draft's slot takes no sign-up, even on its event page, until the request is published.
        registration_opens_at=starts_at if locked.status == Status.DRAFT else None, **_slot_fields(locked))
    slot = HelpSlot.objects.create(request=locked, event=event)
    suggestions.mirror(slot)
    action_record(actor=by, verb=verbs.HELP_SLOT_ADDED, target=locked,
                  data={"event": event.pk, "starts_at": starts_at.isoformat(), "helpers": helpers})
    return slot


@transaction.atomic
def slot_update(*, slot: HelpSlot, by, starts_at, ends_at, helpers: int) -> HelpSlot:
    """Change a slot's times or helpers needed. More helpers give the new places to the waiting list, in order
    (events); the people signed up are told of a change of time."""
    require(by, "help.manage", slot.request, _("Only the request's hosts can change time slots."))
    _check_slot(starts_at, ends_at, helpers)
    event = slot.event
    before = {"starts_at": event.starts_at, "ends_at": event.ends_at, "helpers": event.capacity}
    if by.has_perm("events.manage_event", event):
        events.event_update(event=event, by=by, starts_at=starts_at, ends_at=ends_at, capacity=helpers)
    else:
        raise PermissionDenied(_("Only the request's hosts can change time slots."))
    after = {"starts_at": starts_at, "ends_at": ends_at, "helpers": helpers}
    changes = diff(before, after)
    if changes:
        action_record(actor=by, verb=verbs.HELP_UPDATED, target=slot.request,
                      data={"changes": changes, "slot": event.pk, "tell": slot.request.status == Status.PUBLISHED})
    slot.event.refresh_from_db()
    suggestions.mirror(slot)
    return slot


def attendance_points_due(*, person) -> int:
    """Points for every help slot the person attended that have not been given yet: help given as a guest and
    then taken over with an account (events.guest_registrations_claim), or a check-in whose receiver never ran
    (the process stopped between the commit and the receiver). The key is the registration's, so nothing is given
    twice. Returns how many earnings were made or found."""
    from yukemuri.events.selectors import checked_in

    from .receivers import award

    attended = list(checked_in(events=HelpSlot.objects.values("event_id"), person=person))
    slots = {slot.event_id: slot for slot in HelpSlot.objects.filter(event_id__in=[r.event_id for r in attended])
             .select_related("request__host", "request__municipality")}
    return sum(award(slots[r.event_id].request, r, person) is not None for r in attended)
