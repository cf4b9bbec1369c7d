"""E-mails about registrations, sent by the task queue (django-tasks), in the registrant's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Registration


def _link(registration: Registration) -> str:
    from django.urls import reverse

    with translation.override(registration.language):
        path = reverse("ticket", args=[registration.secret])
    return settings.YUKEMURI["SITE_URL"].rstrip("/") + path


def _when(event) -> str:
    return date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")


def _address(registration: Registration) -> str:
    return registration.guest_email or (registration.person.email if registration.person else "")


@task()
def send_guest_link(registration_id: int) -> bool:
    """A guest registered: send the link that confirms the registration and shows the ticket."""
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    with translation.override(registration.language):
        subject = _("Confirm your registration: %(title)s") % {"title": registration.event.title}
        body = _(
            "Hello %(name)s,\n\nTo confirm your registration for “%(title)s” (%(when)s), open this link and press "
            "the button:\n%(link)s\n\nThe same page shows your ticket afterwards. If you did not register, "
            "ignore this e-mail."
        ) % {"name": registration.guest_name, "title": registration.event.title,
             "when": _when(registration.event), "link": _link(registration)}
    send_mail(subject, body, None, [registration.guest_email])
    return True


@task()
def notify_promoted(registration_id: int) -> bool:
    """Someone cancelled: the first person waiting now has a seat."""
    registration = Registration.objects.select_related("event", "person").get(pk=registration_id)
    address = _address(registration)
    if not address or registration.status != Registration.Status.CONFIRMED:
        return False
    with translation.override(registration.language):
        subject = _("You have a seat: %(title)s") % {"title": registration.event.title}
        body = _(
            "A seat became free and it is yours: your registration for “%(title)s” (%(when)s) is now confirmed.\n\n"
            "Your ticket: %(link)s\n\nIf you can no longer come, please cancel on that page so the next person "
            "can take the seat."
        ) % {"title": registration.event.title, "when": _when(registration.event), "link": _link(registration)}
    send_mail(subject, body, None, [address])
    return True


@task()
def notify_cancelled(event_id: int) -> int:
    """The organisers cancelled the event: tell everyone holding a seat or waiting for one."""
    from .models import Event

    event = Event.objects.get(pk=event_id)
    sent = 0
    for registration in (Registration.objects.filter(event=event, status__in=[Registration.Status.CONFIRMED,
                                                                             Registration.Status.WAITLISTED])
                         .select_related("person")):
        address = _address(registration)
        if not address:
            continue
        with translation.override(registration.language):
            subject = _("Cancelled: %(title)s") % {"title": event.title}
            body = _("We are sorry: “%(title)s” (%(when)s) is cancelled.\n\n%(reason)s") % {
                "title": event.title, "when": _when(event), "reason": event.notes}
        send_mail(subject, body.strip(), None, [address])
        sent += 1
    return sent
