"""An e-mail the mail server took while the database was restarting is recorded as sent when the database is
back, so the sweep does not send it again (bench/load.py found it going out twice)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import OperationalError
from django.db.models import QuerySet

from yukemuri.funding.tasks import send_pledge_instructions
from yukemuri.notifications import mail as outgoing
from yukemuri.notifications.models import OutgoingEmail


@pytest.fixture
def database_away(monkeypatch):
    """Marking an e-mail sent fails `times[0]` times with the error of a PostgreSQL shutting down."""
    times = [1]
    real_update = QuerySet.update

    def update(self, **kwargs):
        if self.model is OutgoingEmail and kwargs.get("sent_at") is not None and times[0] > 0:
            times[0] -= 1
            raise OperationalError("FATAL: the database system is shutting down")
        return real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update)
    monkeypatch.setattr(outgoing.time, "sleep", lambda seconds: None)
    return times


def send(key):
    return outgoing.send_once(key, EmailMessage("subject", "body", None, ["hana@example.jp"]),
                              task=send_pledge_instructions, args=[1])


@pytest.mark.django_db(transaction=True)  # outside a transaction, as a task runs: the retry needs a new connection
def test_an_email_sent_while_the_database_restarts_is_recorded_when_it_is_back(database_away):
    database_away[0] = 3
    assert send("load-1") is True
    row = OutgoingEmail.objects.get(key="load-1")
    assert row.sent_at is not None and row.claimed_at is None and database_away[0] == 0
    OutgoingEmail.objects.filter(pk=row.pk).update(created_at=row.created_at - timedelta(hours=1))
    assert outgoing.resend_unsent() == 0
    assert send("load-1") is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_database_that_stays_away_is_not_waited_for_beyond_the_patience(database_away, monkeypatch):
    monkeypatch.setattr(outgoing, "MARK_SENT_PATIENCE", timedelta(0))
    with pytest.raises(OperationalError):
        send("load-2")
    row = OutgoingEmail.objects.get(key="load-2")
    assert row.sent_at is None and row.claimed_at is not None  # the sweep takes it up after STALE_CLAIM
    assert len(mail.outbox) == 1
