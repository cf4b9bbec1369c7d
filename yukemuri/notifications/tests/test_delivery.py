"""Digests are marked sent only once the mail server took them: a failure leaves them for the retry and
the sweep, and a digest task that runs twice sends one e-mail (issue 12, item 6)."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from yukemuri.notifications.models import Notification
from yukemuri.notifications.services import notify
from yukemuri.notifications.tasks import send_digest, send_due_digests

from .flaky_mail import mail_server_down


def _notice(person, title="案A"):
    notify([person], kind="other", message="“%(title)s” is closed.", params={"title": title}, url="/ideas/7/")


def test_a_digest_that_fails_to_send_stays_unsent_and_the_sweep_sends_it_once(settings, person):
    mail_server_down(settings, failures=1)
    _notice(person)
    mail.outbox.clear()
    with pytest.raises(SMTPException):
        send_digest.call(person.pk)
    notice = Notification.objects.get(person=person)
    assert notice.emailed_at is None and notice.email_claimed_at is None
    assert mail.outbox == []
    assert send_due_digests() == 1  # the server is back: the cron sweep sends it
    assert len(mail.outbox) == 1 and "案A" in mail.outbox[0].body
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    assert send_due_digests() == 0 and send_digest.call(person.pk) == 0
    assert len(mail.outbox) == 1


def test_the_sweep_goes_on_past_a_failing_digest(settings, person, other_person):
    mail_server_down(settings, failures=1)
    _notice(person)
    _notice(other_person)
    mail.outbox.clear()
    assert send_due_digests() == 1  # one of the two failed, the other went
    assert send_due_digests() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([person.email, other_person.email])


def test_a_digest_task_run_twice_sends_one_email(person):
    _notice(person)
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 1
    assert send_digest.call(person.pk) == 0
    assert len(mail.outbox) == 1


def test_notices_claimed_by_a_sender_that_is_still_sending_are_not_sent_again(person):
    _notice(person)
    Notification.objects.update(email_claimed_at=timezone.now())  # another worker is sending them now
    mail.outbox.clear()
    assert send_digest.call(person.pk) == 0 and send_due_digests() == 0
    # That worker died: after the claim goes stale the digest goes out.
    Notification.objects.update(email_claimed_at=timezone.now() - timedelta(hours=1))
    assert send_due_digests() == 1 and len(mail.outbox) == 1


def test_a_failed_digest_is_retried_by_the_task_queue(settings, person):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    mail_server_down(settings, failures=1)
    _notice(person)
    DBTaskResult.objects.all().delete()
    with pytest.raises(SMTPException):
        send_digest.call(person.pk)
    retry = DBTaskResult.objects.get()
    assert retry.task_path == "yukemuri.notifications.tasks.send_digest"
    assert retry.args_kwargs["args"] == [person.pk, 1]
    assert retry.run_after > timezone.now()
