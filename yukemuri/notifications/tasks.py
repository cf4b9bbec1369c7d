"""The e-mail digest of notifications, sent by the task queue in the reader's language."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from yukemuri.core.tasks import RETRY_DELAYS, enqueue_later, retry_later
from yukemuri.people.models import User
from yukemuri.people.selectors import may_email

from .mail import STALE_CLAIM, one_line, resend_unsent
from .models import Notification
from .selectors import due_for_digest
from .unsubscribe import unsubscribe_token

logger = logging.getLogger(__name__)

LISTED = 30  # notices written out in one e-mail; the rest are counted


def _unclaimed(queryset, now):
    return queryset.filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lte=now - STALE_CLAIM))


def _claim(person) -> list[Notification]:
    """Claim the person's notices that no digest carries yet (one transaction: two senders never both
    take a notice)."""
    now = timezone.now()
    with transaction.atomic():
        items = list(_unclaimed(due_for_digest(person), now).select_for_update())
        Notification.objects.filter(pk__in=[i.pk for i in items]).update(email_claimed_at=now)
    return items


def _message(person, items) -> EmailMessage:
    site = settings.YUKEMURI["SITE_URL"].rstrip("/")
    with translation.override(person.preferred_language):
        subject = ngettext("yukemuri: %(count)d new notice", "yukemuri: %(count)d new notices",
                           len(items)) % {"count": len(items)}
        lines = [f"・{one_line(item.text)}\n  {site}{item.url}" if item.url else f"・{one_line(item.text)}"
                 for item in items[-LISTED:]]
        if len(items) > LISTED:
            lines.append(_("… and %(count)d earlier notices on the site.") % {"count": len(items) - LISTED})
        stop = site + reverse("digest_unsubscribe", args=[unsubscribe_token(person)])
        body = "\n".join([_("Hello %(name)s,") % {"name": person.display_name}, "", *lines, "",
                          _("All your notices: %(link)s") % {"link": site + reverse("notifications")},
                          _("To stop these e-mails: %(link)s") % {"link": stop}])
    # RFC 8058: mail programs may offer one-click unsubscribe, posting to the same address.
    headers = {"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailMessage(subject, body, None, [person.email], headers=headers)


@task()
def send_digest(person_id: int, attempt: int = 0) -> int:
    """Send one e-mail with everything the person has not been e-mailed about yet; returns how many.
    Nothing is sent to people who turned the digest off: their notices wait on the site.

    The notices are claimed, then sent, and only then marked e-mailed: when the mail server is down the
    claim is given back and the digest tried again later (and by the sweep); running twice sends once."""
    person = User.objects.filter(pk=person_id, is_active=True, email_digest=True).first()
    if person is None or not may_email(person):  # an unconfirmed address gets nothing: notices wait on the site
        return 0
    items = _claim(person)
    if not items:
        return 0
    ids = [item.pk for item in items]
    try:
        _message(person, items).send()
    except Exception:
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(email_claimed_at=None)
        retry_later(send_digest, person_id, attempt=attempt)
        raise
    Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now(), email_claimed_at=None)
    # Notices that arrived while this one was being sent found a digest "waiting" and scheduled none.
    if _unclaimed(due_for_digest(person), timezone.now()).exists():
        delay = timedelta(minutes=settings.YUKEMURI["DIGEST_DELAY_MINUTES"])
        enqueue_later(send_digest, timezone.now() + delay, person_id)
    return len(items)


def send_due_digests() -> int:
    """The sweep (for backends that cannot defer, and for cron, should the worker or the mail server have
    been down): send every waiting digest now, and every other e-mail whose sending failed. Returns how
    many notices went out by e-mail."""
    now = timezone.now()
    people = set(_unclaimed(Notification.objects.filter(emailed_at__isnull=True, person__email_digest=True), now)
                 .values_list("person_id", flat=True))
    sent = 0
    for pk in people:
        try:
            sent += send_digest.call(pk, len(RETRY_DELAYS))  # no retries queued: the next sweep is the retry
        except Exception:  # one failing digest must not stop the others; the next sweep retries it
            logger.warning("The digest of person %s could not be sent; the next sweep tries again.", pk, exc_info=True)
    resend_unsent()
    return sent
