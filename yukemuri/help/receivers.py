"""Help listens to the action stream, after commit (docs/decisions/0009-action-stream.md):

- a change to a published request or slot tells the people signed up (a notice; guests an e-mail);
- a newly published request tells the people near it who opted in (a task: tasks.tell_nearby);
- a check-in at a help slot earns the helper the request's points (idempotent by the registration).
"""

import logging

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.events.models import Registration
from yukemuri.events.selectors import registration_by_id, registrations_for
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from . import selectors, tasks
from .models import HelpRequest

logger = logging.getLogger(__name__)

CHANGED = gettext_noop("The help request “%(title)s” you signed up for has changed.")
ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def attendance_key(registration_id: int) -> str:
    return f"help-attendance-{registration_id}"


@receiver(action_committed, dispatch_uid="help-tell-signed-up")
def tell_signed_up(sender, action, verb, **kwargs):
    if verb.name != verbs.HELP_UPDATED or not action.data.get("tell"):
        return
    help_request = HelpRequest.objects.filter(pk=action.target_id).first()
    if help_request is None:
        return
    slots = help_request.slots.select_related("event")
    if action.data.get("slot"):
        slots = slots.filter(event_id=action.data["slot"])
    registrations = [r for slot in slots for r in registrations_for(slot.event) if r.status in ACTIVE]
    people = [r.person for r in registrations if r.person_id and r.person_id != action.actor_id]
    guests = [r.pk for r in registrations if r.is_guest]
    with transaction.atomic():
        notify(people, kind=NoticeKind.HELP, message=CHANGED, url=help_request.get_absolute_url(),
               params={"title": help_request.title})
        if guests:
            transaction.on_commit(lambda: tasks.tell_guests_changed.enqueue(help_request.pk, action.pk, guests))


@receiver(action_committed, dispatch_uid="help-tell-nearby")
def tell_nearby_published(sender, action, verb, **kwargs):
    # Many people may hear of it: the task does the work, outside the request that published it.
    if verb.name == verbs.HELP_PUBLISHED:
        tasks.tell_nearby.enqueue(action.target_id)


@receiver(action_committed, dispatch_uid="help-attendance-points")
def earn_for_attendance(sender, action, verb, **kwargs):
    """Checked in at a help slot: the request's points from its host's issuer, or else its municipality's.
    A guest has no wallet: nothing is given now; the checked-in registration keeps the attendance for a claim
    once the guest has an account (points_for_claimed_attendance)."""
    if verb.name != verbs.EVENT_CHECKED_IN:
        return
    slot = selectors.slot_for_event(action.data.get("event"))
    if slot is None:
        return
    registration = registration_by_id(action.target_id)
    if registration is None or registration.person is None or registration.checked_in_at is None:
        return
    award(slot.request, registration, registration.person)


def award(help_request, registration, person):
    from yukemuri.points import services as points
    from yukemuri.points.selectors import issuer_for

    if not help_request.points:
        return None
    issuer = issuer_for(organisation=help_request.host, municipality=help_request.municipality)
    if issuer is None:
        return None
    with transaction.atomic():
        return points.earn(issuer=issuer, person=person, amount=help_request.points,
                           reason=help_request.title[:200], key=attendance_key(registration.pk), by=None)


@receiver(action_committed, dispatch_uid="help-suggestion-accepted")
def sign_up_accepted(sender, action, verb, **kwargs):
    """A person said yes to a slot the host invited them to: they are signed up for it (a seat, or the waiting
    list when it filled up meanwhile), as if they had pressed the slot's button."""
    from django.core.exceptions import ValidationError

    from yukemuri.events import services as events
    from yukemuri.matching.models import Suggestion

    if verb.name != verbs.MATCH_ANSWERED or action.data.get("new") != Suggestion.Status.ACCEPTED:
        return
    slot = selectors.slot_for_opening(action.data.get("opening"))
    if slot is None or action.actor is None:
        return
    try:
        events.register(event=slot.event, person=action.actor, language=action.actor.preferred_language or "ja")
    except ValidationError as exc:  # already signed up, or sign-up closed: nothing more to do
        logger.info("help: no sign-up after a yes to slot %s: %s", slot.pk, exc.messages)


@receiver(action_committed, dispatch_uid="help-claim-guest-attendance")
def points_for_claimed_attendance(sender, action, verb, **kwargs):
    """A person took over what they did as a guest (they confirmed their e-mail address): help they gave then
    earns its points now."""
    if verb.name != verbs.EVENT_GUEST_CLAIMED or not action.data.get("attended") or action.actor is None:
        return
    from .services import attendance_points_due

    attendance_points_due(person=action.actor)
