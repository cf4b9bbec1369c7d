"""The digest of notifications, sent by the task queue through the channels (channels.py) in the reader's
language, at the time each notice's kind and the person's choice make it due (choices.py)."""

import logging

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import task

from yukemuri.core.tasks import RETRY_DELAYS, enqueue_later, retry_later
from yukemuri.people.models import User

from .channels import LISTED, registered
from .choices import digest_time
from .mail import STALE_CLAIM, resend_unsent
from .models import Notification
from .selectors import due_for_digest

logger = logging.getLogger(__name__)

__all__ = ["LISTED", "send_digest", "send_due_digests"]


def _unclaimed(queryset, now):
    return queryset.filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lte=now - STALE_CLAIM))


def _claim(person) -> list[Notification]:
    """Claim the person's due notices that no digest carries yet (one transaction: two senders never both
    take a notice)."""
    now = timezone.now()
    with transaction.atomic():
        items = list(_unclaimed(due_for_digest(person, now), now).select_for_update())
        Notification.objects.filter(pk__in=[i.pk for i in items]).update(email_claimed_at=now)
    return items


@task()
def send_digest(person_id: int, attempt: int = 0) -> int:
    """Send one digest with every notice of the person that is due and not yet sent; returns how many.
    Nothing is sent to people who turned the digest off: their notices wait on the site. Notices kept for a
    later daily or weekly digest stay; the next digest is scheduled for them.

    The notices are claimed, then sent, and only then marked e-mailed: when the mail server is down the
    claim is given back and the digest tried again later (and by the sweep); running twice sends once."""
    person = User.objects.filter(pk=person_id, is_active=True, email_digest=True).first()
    channels = [channel for channel in registered() if person is not None and channel.accepts(person)]
    if not channels:  # e.g. an unconfirmed address gets nothing: notices wait on the site
        return 0
    items = _claim(person)
    if items:
        ids = [item.pk for item in items]
        try:
            for channel in channels:
                channel.send(person, items)
        except Exception:
            Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(email_claimed_at=None)
            retry_later(send_digest, person_id, attempt=attempt)
            raise
        Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now(), email_claimed_at=None)
    _schedule_next(person_id)
    return len(items)


def _schedule_next(person_id: int) -> None:
    """Notices that arrived while this digest was being sent, or are due later (a daily or weekly choice),
    found a digest "waiting" and scheduled none: schedule the next one at the earliest of them. Scheduling
    twice is harmless: a digest that finds nothing due sends nothing."""
    now = timezone.now()
    waiting = _unclaimed(Notification.objects.filter(person_id=person_id, emailed_at__isnull=True,
                                                     email_after__isnull=False), now)
    first = waiting.aggregate(first=Min("email_after"))["first"]
    if first is not None:
        enqueue_later(send_digest, digest_time(first, now), person_id)


def send_due_digests() -> int:
    """The sweep (for backends that cannot defer, and for cron, should the worker or the mail server have
    been down): send every waiting digest now, and every other e-mail whose sending failed. Returns how
    many notices went out by e-mail."""
    now = timezone.now()
    people = set(_unclaimed(Notification.objects.filter(emailed_at__isnull=True, email_after__lte=now,
                                                        person__email_digest=True), now)
                 .values_list("person_id", flat=True))
    sent = 0
    for pk in people:
        try:
            sent += send_digest.call(pk, len(RETRY_DELAYS))  # no retries queued: the next sweep is the retry
        except Exception:  # one failing digest must not stop the others; the next sweep retries it
            logger.warning("The digest of person %s could not be sent; the next sweep tries again.", pk, exc_info=True)
    resend_unsent()
    return sent
