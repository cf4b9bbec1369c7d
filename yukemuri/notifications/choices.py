"""Each person's choice per kind of notice, and when a digest is due for it (受け取り方の選択)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from .models import FIXED_KINDS, OPT_IN_KINDS, Channel, NoticeChoice, NoticeKind

# The kinds a person may choose for, in the order the settings page shows them.
CHOOSABLE = [kind for kind in NoticeKind if kind not in FIXED_KINDS]


def default_channel(kind: str) -> str:
    """The channel of a person who saved no choice for `kind`: NONE for the kinds one opts in to, else SOON."""
    return Channel.NONE if kind in OPT_IN_KINDS else Channel.SOON


def channels_of(person_ids, kind: str) -> dict[int, str]:
    """The channel of each person for `kind`: their choice, or the kind's default when none is saved; SOON for
    the kinds that cannot be turned off."""
    chosen = {} if kind in FIXED_KINDS else dict(
        NoticeChoice.objects.filter(person_id__in=person_ids, kind=kind).values_list("person_id", "channel"))
    return {pk: chosen.get(pk, default_channel(kind)) for pk in person_ids}


def opted_in(kind: str):
    """The ids of the people who chose a channel other than NONE for an opt-in kind (a subquery): whom a
    sender of such notices need consider at all."""
    return (NoticeChoice.objects.filter(kind=kind).exclude(channel=Channel.NONE).values("person_id"))


def choices_of(person) -> dict[str, str]:
    saved = dict(NoticeChoice.objects.filter(person=person).values_list("kind", "channel"))
    return {kind.value: saved.get(kind.value, default_channel(kind)) for kind in CHOOSABLE}


def _next_slot(now: datetime, *, weekly: bool) -> datetime:
    """The next digest hour (local time) after `now`; weekly, the next one on the digest weekday. A weekly
    digest thus gathers a week of notices, a daily one a day."""
    hour, weekday = settings.YUKEMURI.get("DIGEST_HOUR", 7), settings.YUKEMURI.get("DIGEST_WEEKDAY", 0)
    local = timezone.localtime(now)
    slot = timezone.make_aware(datetime.combine(local.date(), time(hour)), local.tzinfo)
    if slot <= local:
        slot += timedelta(days=1)
    if weekly:
        slot += timedelta(days=(weekday - slot.weekday()) % 7)
    return slot


def email_after(channel: str, now: datetime) -> datetime | None:
    """When a digest may carry a notice sent through `channel` at `now`; None: never (the site only). SOON
    notices ride with any digest, as before; the one scheduled for them waits DIGEST_DELAY_MINUTES to gather
    what follows (digest_time)."""
    if channel == Channel.SOON:
        return now
    if channel in (Channel.DAILY, Channel.WEEKLY):
        return _next_slot(now, weekly=channel == Channel.WEEKLY)
    return None


def digest_time(after: datetime, now: datetime) -> datetime:
    """When the digest for a notice due `after` runs (or, for one already due, runs at the latest)."""
    return after if after > now else now + timedelta(minutes=settings.YUKEMURI["DIGEST_DELAY_MINUTES"])
