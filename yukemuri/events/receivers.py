"""Events listen to the action stream (docs/decisions/0009-action-stream.md):

- a person who proves an e-mail address takes over the registrations made as a guest under it, through the
  shared guest mechanism (notifications/guests.py);
- a change of an event's time or place tells the people registered (a notice of kind EVENTS, as each chose;
  guests an e-mail). A help slot's change is told by the help app, which knows the request (help/receivers.py).
"""

from django.dispatch import receiver
from django.utils import timezone

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.notifications import guests

from . import selectors, services, tasks

# The fields whose change may send someone to the wrong place at the wrong time; other edits tell no one.
TIME_AND_PLACE = ("starts_at", "ends_at", "time_note", "venue_name", "address", "online_url")


@receiver(action_committed, dispatch_uid="events-tell-changed")
def tell_changed(sender, action, verb, **kwargs):
    if verb.name != verbs.EVENT_UPDATED or not set(action.data) & set(TIME_AND_PLACE):
        return
    event = selectors.event_list().filter(pk=action.target_id).first()
    if event is None or event.status != event.Status.SCHEDULED or event.ends_at <= timezone.now():
        return
    if selectors.origin_of(event) is not None:  # a help slot: its request tells its people
        return
    tasks.notify_changed.enqueue(event.pk, action.pk, action.actor_id)


def connect() -> None:
    guests.register_claim("events", lambda *, person, email: services.guest_registrations_claim(person=person))
