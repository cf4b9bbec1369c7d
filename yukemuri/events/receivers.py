"""Events hand their guest registrations to the shared guest mechanism (notifications/guests.py): a person who
proves an e-mail address takes over the registrations made as a guest under it."""

from yukemuri.notifications import guests

from . import services


def connect() -> None:
    guests.register_claim("events", lambda *, person, email: services.guest_registrations_claim(person=person))
