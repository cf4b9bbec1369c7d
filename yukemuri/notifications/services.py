"""Tell people what happened, in the site and by a digest (e-mail), as each person chose per kind."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from yukemuri.core.tasks import enqueue_later

from .choices import CHOOSABLE, channels_of, digest_time, email_after
from .models import Channel, NoticeChoice, NoticeKind, Notification


def notify(recipients, *, kind: NoticeKind, message: str, params: dict, url: str = "", email: bool = True) -> int:
    """Leave a notification of `kind` for each recipient who has not turned that kind off. `message` is a
    gettext_noop msgid with %(name)s placeholders; params ending in `_label` are msgids translated for each
    reader too. Each notice is due for a digest when the person's channel says (soon, the next daily or weekly
    digest, never); a digest is scheduled for that time unless one is already due by then. `email=False`: on the
    site only, whatever the channel (the sender e-mails the same thing itself, e.g. a survey's invitation)."""
    people = {person.pk: person for person in recipients if person is not None and person.is_active}
    channels = {pk: channel for pk, channel in channels_of(list(people), kind).items() if channel != Channel.NONE}
    if not channels:
        return 0
    now = timezone.now()
    due = {pk: email_after(channel, now) if email else None for pk, channel in channels.items()}
    earliest_waiting = dict(Notification.objects.filter(person_id__in=channels, emailed_at__isnull=True,
                                                        email_after__isnull=False)
                            .values("person_id").annotate(first=Min("email_after")).values_list("person_id", "first"))
    Notification.objects.bulk_create(
        Notification(person_id=pk, kind=kind, message=message, params=params, url=url, email_after=due[pk],
                     created_at=now) for pk in channels)
    from . import tasks

    for pk, after in due.items():
        if after is None or not people[pk].email_digest:
            continue
        when, waiting = digest_time(after, now), earliest_waiting.get(pk)
        if waiting is not None and digest_time(waiting, now) <= when:
            continue  # a digest due no later than this one carries it (and then schedules the next)
        transaction.on_commit(lambda pk=pk, when=when: enqueue_later(tasks.send_digest, when, pk))
    return len(channels)


PER_DAY_WINDOW = timedelta(days=1)


def notify_new(recipients, *, kind: NoticeKind, message: str, params: dict, url: str, again_once_seen: bool = False,
               per_day: int | None = None) -> int:
    """notify() for the recipients not told this yet — the same kind, message and address — so a task run twice
    (a retry) tells no one twice. `again_once_seen`: a notice read or e-mailed no longer counts (an event that
    changes again is told again; while one notice waits, it stands for every change). `per_day`: people who got
    that many notices of this kind in the last 24 hours are skipped (a cap for notices sent to many at once).

    The people's rows are locked in order, so two senders at once neither both tell someone nor both pass the
    cap."""
    from yukemuri.people.models import User

    wanted = {person.pk: person for person in recipients if person is not None and person.is_active}
    with transaction.atomic():
        list(User.objects.select_for_update().filter(pk__in=list(wanted)).order_by("pk").values_list("pk"))
        told = Notification.objects.filter(person_id__in=list(wanted), kind=kind, message=message, url=url)
        if again_once_seen:
            told = told.filter(read_at__isnull=True, emailed_at__isnull=True)
        skip = set(told.values_list("person_id", flat=True))
        if per_day is not None:
            recent = (Notification.objects.filter(person_id__in=list(wanted), kind=kind,
                                                  created_at__gt=timezone.now() - PER_DAY_WINDOW)
                      .values("person_id").annotate(count=Count("id")).filter(count__gte=per_day))
            skip |= {row["person_id"] for row in recent}
        return notify([person for pk, person in wanted.items() if pk not in skip], kind=kind, message=message,
                      params=params, url=url)


def choices_save(*, person, choices: dict[str, str]) -> None:
    """Save the person's channel per kind (kinds that cannot be turned off are ignored). Notices already
    waiting keep their time; the new choice applies to the next ones."""
    allowed = {kind.value for kind in CHOOSABLE}
    with transaction.atomic():
        for kind, channel in choices.items():
            if kind in allowed and channel in Channel.values:
                NoticeChoice.objects.update_or_create(person=person, kind=kind, defaults={"channel": channel})


def mark_read(person, ids=None) -> int:
    """Mark the person's notifications read (all, or just `ids`)."""
    unread = Notification.objects.filter(person=person, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
