"""record(): declared verbs only, inside a transaction, receivers after commit and isolated from each other."""

import pytest
from django.db import transaction

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.actions.services import record
from yukemuri.actions.signals import action_committed


def test_an_unknown_verb_raises_and_writes_nothing(person):
    with pytest.raises(verbs.UnknownVerb):
        record(actor=person, verb="idea.teleported", target=person)
    assert not Action.objects.exists()


def test_verbs_are_declared_once_with_a_label():
    with pytest.raises(ValueError):
        verbs.declare(verbs.POST_HIDDEN, "again", public=True)
    assert all(str(verb.label) for verb in verbs.REGISTRY.values())
    assert {name for name, _label in verbs.choices()} == set(verbs.REGISTRY)


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_raises(django_db_blocker):
    from yukemuri.people.tests.factories import PersonFactory

    someone = PersonFactory()
    with pytest.raises(RuntimeError):
        record(actor=someone, verb=verbs.EMAIL_VERIFIED, target=someone)
    assert not Action.objects.exists()
    with transaction.atomic():
        record(actor=someone, verb=verbs.EMAIL_VERIFIED, target=someone)
    assert Action.objects.count() == 1


def test_a_failing_receiver_neither_undoes_the_write_nor_silences_the_others(person, django_capture_on_commit_callbacks):
    heard = []

    def broken(sender, **kwargs):
        raise RuntimeError("boom")

    def listening(sender, action, **kwargs):
        heard.append(action.pk)

    action_committed.connect(broken, weak=False, dispatch_uid="test-broken")
    action_committed.connect(listening, weak=False, dispatch_uid="test-listening")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            action = record(actor=None, verb=verbs.ROLE_GRANTED, target=person, data={"role": "moderator"})
    finally:
        action_committed.disconnect(dispatch_uid="test-broken")
        action_committed.disconnect(dispatch_uid="test-listening")
    assert heard == [action.pk] and Action.objects.get().actor is None


def test_the_record_outlives_its_target(person, make_idea):
    idea = make_idea(person, title="消える案")
    action = record(actor=person, verb=verbs.IDEA_STATUS_CHANGED, target=idea, on_behalf_of="草津町役場")
    idea.delete()
    action.refresh_from_db()
    assert action.target is None and action.target_repr == "消える案" and action.on_behalf_of == "草津町役場"


def test_the_older_moderation_log_is_copied_into_the_stream(person, moderator, make_idea):
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from yukemuri.moderation.models import ModerationAction

    copying = importlib.import_module("yukemuri.actions.migrations.0002_copy_moderation_log")
    idea = make_idea(person)
    ModerationAction.objects.create(content_type=ContentType.objects.get_for_model(idea), object_id=idea.pk,
                                    moderator=moderator, action="hide", reason="以前の判断")
    copying.copy(apps, None)
    copied = Action.objects.get(data__copied_from="moderation")
    assert (copied.verb, copied.actor, copied.target, copied.data["reason"]) == (
        verbs.POST_HIDDEN, moderator, idea, "以前の判断")
    copying.uncopy(apps, None)
    assert not Action.objects.filter(data__copied_from="moderation").exists()
