"""E-mails about registrations, sent by the task queue (django-tasks), in the registrant's language.

Each e-mail is sent at most once (yukemuri.notifications.mail.send_once): a task that runs twice sends
nothing the second time, and one that fails on the mail server is tried again later (and by the sweep).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from yukemuri.core.tasks import retry_later
from yukemuri.notifications.mail import one_line, send_once
from yukemuri.people.selectors import may_email

from .models import Registration

CANCELLED = gettext_noop("“%(title)s”, which you registered for, is cancelled: %(reason)s")
CHANGED = gettext_noop("The time or place of “%(title)s”, which you registered for, has changed.")
HOLDING = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def _event_url(event) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # the unprefixed address; the reader's language shows it
        return event.get_absolute_url()


def _tell_people(event, message, *, params, again_once_seen=False, but=None) -> int:
    """A notice of kind EVENTS to each person with an account holding a seat or a waiting place (not `but`, the
    one who made the change), as each chose (/me/notifications/settings/); each once, so a retry tells no one twice."""
    from yukemuri.notifications.models import NoticeKind
    from yukemuri.notifications.services import notify_new

    people = [r.person for r in Registration.objects.filter(event=event, status__in=HOLDING, person__isnull=False)
              .exclude(person_id=but or 0).select_related("person")]
    return notify_new(people, kind=NoticeKind.EVENTS, message=message, params=params, url=_event_url(event),
                      again_once_seen=again_once_seen)


def _link(registration: Registration) -> str:
    from django.urls import reverse

    with translation.override(registration.language):
        path = reverse("ticket", args=[registration.secret])
    return settings.YUKEMURI["SITE_URL"].rstrip("/") + path


def _when(event) -> str:
    return date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")


def _address(registration: Registration) -> str:
    # A person's address only once they confirmed it (guests confirm theirs with the link we send them).
    return registration.guest_email or (registration.person.email if may_email(registration.person) else "")


def _send(key, subject, body, address, *, task, args, attempt) -> bool:
    # A title with a line break (typed before forms removed them, or imported) must not make the subject an
    # invalid header: Django would refuse to send the e-mail at all.
    message = EmailMessage(one_line(subject), body, None, [address])
    try:
        return send_once(key, message, task=task, args=args)
    except Exception:
        retry_later(task, *args, attempt=attempt)
        raise


@task()
def send_guest_link(registration_id: int, request: str = "", attempt: int = 0) -> bool:
    """A guest registered: send the link that confirms the registration and shows the ticket. `request`
    tells apart each time the guest asked for it (registering again sends the link again)."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not registration.guest_email:
        return False
    title = one_line(registration.event.title)
    with translation.override(registration.language):
        subject = _("Confirm your registration: %(title)s") % {"title": title}
        body = _(
            "Hello %(name)s,\n\nTo confirm your registration for “%(title)s” (%(when)s), open this link and press "
            "the button:\n%(link)s\n\nThe same page shows your ticket afterwards. If you did not register, "
            "ignore this e-mail."
        ) % {"name": registration.guest_name, "title": title,
             "when": _when(registration.event), "link": _link(registration)}
    return _send(f"events.guest_link:{registration_id}:{request}", subject, body, registration.guest_email,
                 task=send_guest_link, args=[registration_id, request], attempt=attempt)


@task()
def notify_promoted(registration_id: int, attempt: int = 0) -> bool:
    """Someone cancelled: the first person waiting now has a seat."""
    registration = Registration.objects.select_related("event", "person").filter(pk=registration_id).first()
    if registration is None:
        return False
    address = _address(registration)
    if not address or registration.status != Registration.Status.CONFIRMED:
        return False
    title = one_line(registration.event.title)
    with translation.override(registration.language):
        subject = _("You have a seat: %(title)s") % {"title": title}
        body = _(
            "A seat became free and it is yours: your registration for “%(title)s” (%(when)s) is now confirmed.\n\n"
            "Your ticket: %(link)s\n\nIf you can no longer come, please cancel on that page so the next person "
            "can take the seat."
        ) % {"title": title, "when": _when(registration.event), "link": _link(registration)}
    return _send(f"events.promoted:{registration_id}", subject, body, address,
                 task=notify_promoted, args=[registration_id], attempt=attempt)


@task()
def notify_cancelled(event_id: int, attempt: int = 0) -> int:
    """The organisers cancelled the event: tell everyone holding a seat or waiting for one — people with an
    account by a notice of kind EVENTS (their choice applies: 0023), guests by e-mail. Each is told once; when
    some sends fail the task is tried again for them (the others are not told twice). Returns the e-mails sent."""
    from .models import Event

    event = Event.objects.get(pk=event_id)
    title = one_line(event.title)
    _tell_people(event, CANCELLED, params={"title": title, "reason": one_line(event.notes)})
    sent, failure = 0, None
    for registration in Registration.objects.filter(event=event, status__in=HOLDING, person__isnull=True):
        address = registration.guest_email
        if not address:
            continue
        with translation.override(registration.language):
            subject = _("Cancelled: %(title)s") % {"title": title}
            body = _("We are sorry: “%(title)s” (%(when)s) is cancelled.\n\n%(reason)s") % {
                "title": title, "when": _when(event), "reason": event.notes}
        try:
            sent += send_once(f"events.cancelled:{event_id}:{registration.pk}",
                              EmailMessage(one_line(subject), body.strip(), None, [address]),
                              task=notify_cancelled, args=[event_id])
        except Exception as exc:  # tell the others; this one is retried below
            failure = exc
    if failure is not None:
        retry_later(notify_cancelled, event_id, attempt=attempt)
        raise failure
    return sent


@task()
def notify_changed(event_id: int, action_id: int, actor_id: int | None = None, attempt: int = 0) -> int:
    """The time or place of an event changed (receivers.tell_changed): people with an account get a notice of
    kind EVENTS — one while an earlier one still waits unread, for it stands for every change — and guests holding
    a place an e-mail per change (the key names the change, so a retry sends nothing twice). Returns the e-mails
    sent."""
    from .models import Event

    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.status != Event.Status.SCHEDULED:
        return 0
    title = one_line(event.title)
    _tell_people(event, CHANGED, params={"title": title}, again_once_seen=True, but=actor_id)
    sent, failure = 0, None
    for registration in Registration.objects.filter(event=event, status__in=HOLDING, person__isnull=True):
        with translation.override(registration.language):
            subject = _("Changed: %(title)s") % {"title": title}
            body = _("The time or place of “%(title)s”, which you registered for, has changed. It is now %(when)s"
                     " at %(where)s.\n\nYour ticket and the details: %(link)s") % {
                "title": title, "when": _when(event), "where": one_line(event.venue_name or event.address or
                                                                        event.online_url), "link": _link(registration)}
        try:
            sent += send_once(f"events.changed:{action_id}:{registration.pk}",
                              EmailMessage(one_line(subject), body, None, [registration.guest_email]),
                              task=notify_changed, args=[event_id, action_id, actor_id])
        except Exception as exc:  # tell the others; this one is retried below
            failure = exc
    if failure is not None:
        retry_later(notify_changed, event_id, action_id, actor_id, attempt=attempt)
        raise failure
    return sent
