"""The listening report under real concurrency (PostgreSQL): one analysis at a time per conversation, and
the cap on new participants from one address holds when they arrive together."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import override_settings

from yukemuri.listening import report, services
from yukemuri.listening.models import Conversation, Participant

from .test_conversations import SEEDS, camps

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")


@pytest.fixture
def conversation(transactional_db, coordinator, make_issue, monkeypatch):
    made = services.conversation_create(by=coordinator, title="空き家をどうする？", question="どう思いますか？", seeds=SEEDS,
                                        issue=make_issue(coordinator))
    with monkeypatch.context() as quiet:  # no analysis after each of the setup's votes
        quiet.setattr(report, "request_analysis", lambda conversation_id: False)
        camps(made)
    return made


def together(n, work):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run(i):
        try:
            barrier.wait()
            results.append(work(i))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_two_simultaneous_recomputes_run_the_analysis_once(conversation, monkeypatch):
    calls = []
    built = report.build

    def slow_build(conv):
        calls.append(1)
        time.sleep(0.5)  # long enough for the other call to arrive while this one runs
        return built(conv)

    monkeypatch.setattr(report, "build", slow_build)
    assert sorted(together(2, lambda i: report.recompute(conversation.pk))) == [False, True]
    assert calls == [1]
    stored = Conversation.objects.get(pk=conversation.pk)
    assert not stored.is_stale and stored.analysis["k"] == 2 and stored.analysis_started_at is None


def test_simultaneous_new_participants_from_one_address_stay_under_the_cap(conversation):
    with override_settings(YUKEMURI={**settings.YUKEMURI, "LISTENING_NEW_PARTICIPANTS": "4/h"}):
        def join(i):
            try:
                return services.participant_for(conversation, key=None, address="203.0.113.9").pk
            except services.TooManyParticipants:
                return None

        made = together(10, join)
    assert len([pk for pk in made if pk]) == 4
    assert Participant.objects.filter(conversation=conversation).exclude(address="").count() == 4
