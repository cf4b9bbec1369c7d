"""The `stream` fixture: checks that a write records its action in its own transaction, and that what
listens to the stream hears of it only after commit (and never of a rollback)."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from yukemuri.actions import receivers, verbs
from yukemuri.actions.models import Action
from yukemuri.actions.signals import action_committed


class Rollback(Exception):
    pass


class Stream:
    def __init__(self, capture):
        self.capture = capture
        self.heard, self.bumps = [], []

    def hear(self, sender, action, verb, **kwargs):
        self.heard.append(action.verb)

    def assert_recorded(self, verb, change, state, *, actor=None, data=None):
        """`change()` makes the write, `state()` reads what it changes. First the write is rolled back: its
        action was there inside the transaction, and afterwards neither it nor the change is, and nobody heard.
        Then it commits: the action is there, and the receivers ran only once the transaction committed."""
        before_state, before_count = state(), Action.objects.count()
        of_verb = Action.objects.filter(verb=verb)
        before_verb = of_verb.count()
        with self.capture(execute=True):
            with pytest.raises(Rollback), transaction.atomic():
                change()
                assert state() != before_state
                assert of_verb.count() == before_verb + 1
                raise Rollback
        assert state() == before_state and Action.objects.count() == before_count
        assert self.heard == [] and self.bumps == []

        with self.capture(execute=True) as callbacks:
            change()
            assert of_verb.count() == before_verb + 1
            action = of_verb.order_by("-id").first()
            assert self.heard == [] and self.bumps == []  # not before commit
        assert callbacks
        assert state() != before_state
        assert self.heard.count(verb) == 1  # a write may record more than one verb (an answer and a join)
        assert len(self.bumps) == sum(verbs.get(heard).public for heard in self.heard)
        assert action.actor == actor
        for key, value in (data or {}).items():
            assert action.data[key] == value, key
        return action


@pytest.fixture
def stream(db, django_capture_on_commit_callbacks, monkeypatch):
    stream = Stream(django_capture_on_commit_callbacks)
    monkeypatch.setattr(receivers, "pagecache", SimpleNamespace(bump_now=lambda: stream.bumps.append(1)))
    action_committed.connect(stream.hear, weak=False, dispatch_uid="test-stream")
    yield stream
    action_committed.disconnect(dispatch_uid="test-stream")
