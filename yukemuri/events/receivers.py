"""Events listen to the action stream: a person who confirms an e-mail address takes over the registrations
made as a guest under it (docs/decisions/0009-action-stream.md)."""

from django.dispatch import receiver

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed

from . import services


@receiver(action_committed, dispatch_uid="events-claim-guest-registrations")
def claim_guest_registrations(sender, action, verb, **kwargs):
    if verb.name != verbs.EMAIL_VERIFIED or action.actor is None:
        return
    services.guest_registrations_claim(person=action.actor)
