"""Sending e-mail exactly once, and header-safe subjects.

Every e-mail a task sends is claimed first (a notice's `email_claimed_at`, or an OutgoingEmail row) and
marked sent only once the mail server took it. A failed send gives the claim back, so a retry sends it;
a task that runs twice (a worker crashed, the task was taken up again) finds it sent and sends nothing.
"""

import logging
import time
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, transaction
from django.utils import timezone

from yukemuri.core.forms import one_line  # noqa: F401 — subjects and digest lines: a title's line break must not stop them
from yukemuri.core.tasks import RETRY_DELAYS

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# A claim older than this belongs to a sender that died mid-way (sending takes seconds).
STALE_CLAIM = timedelta(minutes=15)
MAX_ATTEMPTS = 10  # then the sweep stops trying (e.g. an address the server refuses for good)


def claim(key: str, *, task, args) -> OutgoingEmail | None:
    """Claim the e-mail `key` for sending; None when it was sent already or another sender holds a fresh
    claim. `task` and `args` say how to send it again (the sweep uses them)."""
    now = timezone.now()
    with transaction.atomic():
        OutgoingEmail.objects.get_or_create(key=key, defaults={"task_path": task.module_path, "args": list(args)})
        row = OutgoingEmail.objects.select_for_update().get(key=key)
        if row.sent_at is not None or (row.claimed_at is not None and row.claimed_at > now - STALE_CLAIM):
            return None
        row.claimed_at, row.attempts = now, row.attempts + 1
        row.save(update_fields=["claimed_at", "attempts"])
    return row


def send_once(key: str, message, *, task, args) -> bool:
    """Send `message` (an EmailMessage) unless the e-mail `key` was sent already; returns whether it sent.
    A failure to send gives the claim back and is raised, for the task to retry."""
    row = claim(key, task=task, args=args)
    if row is None:
        return False
    try:
        message.send()
    except BaseException as exc:
        OutgoingEmail.objects.filter(pk=row.pk, sent_at__isnull=True).update(
            claimed_at=None, last_error=f"{type(exc).__name__}: {exc}"[:500])
        raise
    _mark_sent(row.pk)
    return True


# How long a sender keeps trying to record a sent e-mail while the database is away: well inside STALE_CLAIM.
MARK_SENT_PATIENCE = timedelta(minutes=5)


def _mark_sent(pk: int) -> None:
    """The mail server took the e-mail: record it, waiting out a database restart (seconds). Given up at once,
    the claim would expire after STALE_CLAIM and the sweep send the e-mail a second time (bench/load.py found
    this: an e-mail sent while PostgreSQL stopped went out twice)."""
    pause, give_up = 0.5, time.monotonic() + MARK_SENT_PATIENCE.total_seconds()
    while True:
        try:
            OutgoingEmail.objects.filter(pk=pk).update(sent_at=timezone.now(), claimed_at=None, last_error="")
            return
        except DatabaseError:
            if time.monotonic() + pause > give_up or transaction.get_connection().in_atomic_block:
                raise
            logger.warning("E-mail %s was sent but the database is away; recording it again in %.1f s.", pk, pause)
            time.sleep(pause)
            pause = min(pause * 2, 30)
            close_old_connections()


def resend_unsent() -> int:
    """The sweep: run again the task of every e-mail that was claimed but never sent (a failed send, or a
    sender that died). Returns how many went out."""
    from django.utils.module_loading import import_string

    stale = timezone.now() - STALE_CLAIM
    waiting = (OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
               .exclude(claimed_at__gt=stale).values_list("task_path", "args").distinct())
    sent_before = OutgoingEmail.objects.filter(sent_at__isnull=False).count()
    for task_path, args in {(path, tuple(args)) for path, args in waiting}:
        try:
            # No retries queued from here: the next sweep is the retry.
            import_string(task_path).call(*args, attempt=len(RETRY_DELAYS))
        except Exception:  # one failing address must not stop the others; its row records why
            logger.warning("E-mail task %s%r failed again; the next sweep tries again.", task_path, args, exc_info=True)
    return OutgoingEmail.objects.filter(sent_at__isnull=False).count() - sent_before
