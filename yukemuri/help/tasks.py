"""E-mails to guests signed up for a help slot, in each guest's language (people with an account get a notice)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from yukemuri.core.tasks import retry_later
from yukemuri.notifications.mail import one_line, send_once

from .models import HelpRequest

NEARBY = gettext_noop("New help request in %(place)s: “%(title)s”.")


def nearby_per_day() -> int:
    """At most this many "near me" notices reach one person in 24 hours; the others are on /help/."""
    return settings.YUKEMURI.get("HELP_NEARBY_PER_DAY", 3)


@task()
def tell_nearby(request_id: int) -> int:
    """A request was published: the people near it who opted in hear of it (selectors.nearby_people), each once
    (a retry tells no one twice) and within the cap per day. Returns how many were told."""
    from yukemuri.notifications.models import NoticeKind
    from yukemuri.notifications.services import notify_new

    from .selectors import nearby_people

    help_request = HelpRequest.objects.select_related("municipality").filter(pk=request_id).first()
    if help_request is None or not help_request.is_published or help_request.is_demo:
        return 0
    with translation.override(settings.LANGUAGE_CODE):  # the unprefixed address; the reader's language shows it
        url = help_request.get_absolute_url()
    return notify_new(nearby_people(help_request), kind=NoticeKind.HELP_NEARBY, message=NEARBY, url=url,
                      params={"title": help_request.title, "place": help_request.municipality.name},
                      per_day=nearby_per_day())


@task()
def tell_guests_changed(request_id: int, action_id: int, registration_ids: list, attempt: int = 0) -> int:
    """A published request or slot changed: each guest signed up hears it once (the key names the change)."""
    from yukemuri.events.selectors import registrations_by_ids

    help_request = HelpRequest.objects.filter(pk=request_id).first()
    if help_request is None:
        return 0
    sent, failure = 0, None
    title = one_line(help_request.title)
    for registration in registrations_by_ids(registration_ids).exclude(guest_email=""):
        with translation.override(registration.language):
            link = settings.YUKEMURI["SITE_URL"].rstrip("/") + reverse("help_detail", args=[request_id])
            subject = _("Changed: %(title)s") % {"title": title}
            body = _("The help request “%(title)s” you signed up for has changed. Please read it again:\n%(link)s\n\n"
                     "Your ticket: %(ticket)s") % {
                "title": title, "link": link,
                "ticket": settings.YUKEMURI["SITE_URL"].rstrip("/") + reverse("ticket", args=[registration.secret])}
        try:
            sent += send_once(f"help.changed:{action_id}:{registration.pk}",
                              EmailMessage(one_line(subject), body, None, [registration.guest_email]),
                              task=tell_guests_changed, args=[request_id, action_id, registration_ids])
        except Exception as exc:  # tell the others; this one is retried
            failure = exc
    if failure is not None:
        retry_later(tell_guests_changed, request_id, action_id, registration_ids, attempt=attempt)
        raise failure
    return sent
