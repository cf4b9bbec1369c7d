"""Tell people what happened, in the site and by an e-mail digest."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from yukemuri.core.tasks import enqueue_later

from .models import Notification


def notify(recipients, *, message: str, params: dict, url: str = "") -> int:
    """Leave a notification for each recipient. `message` is a gettext_noop msgid with %(name)s
    placeholders; params ending in `_label` are msgids translated for each reader too. Each person who had
    nothing waiting gets a digest scheduled; the digest then gathers everything new."""
    people = {person.pk: person for person in recipients if person is not None and person.is_active}
    if not people:
        return 0
    already_waiting = set(Notification.objects.filter(person_id__in=people, emailed_at__isnull=True)
                          .values_list("person_id", flat=True))
    Notification.objects.bulk_create(
        Notification(person_id=pk, message=message, params=params, url=url) for pk in people)
    delay = timedelta(minutes=settings.YUKEMURI["DIGEST_DELAY_MINUTES"])
    from . import tasks

    for pk in {pk for pk, person in people.items() if person.email_digest} - already_waiting:
        transaction.on_commit(lambda pk=pk: enqueue_later(tasks.send_digest, timezone.now() + delay, pk))
    return len(people)


def mark_read(person, ids=None) -> int:
    """Mark the person's notifications read (all, or just `ids`)."""
    unread = Notification.objects.filter(person=person, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
