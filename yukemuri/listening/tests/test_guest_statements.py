"""Statements by guests (listening/guests.py): a name or pseudonym and an address; the statement reaches the
moderators once the e-mail link is followed, and becomes the account's when the person proves the address."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from yukemuri.listening import services
from yukemuri.listening.models import Participant, Statement
from yukemuri.notifications import guests as shared
from yukemuri.people import services as people
from yukemuri.people.tests.factories import PersonFactory

from .test_conversations import SEEDS


@pytest.fixture
def conversation(coordinator, make_issue):
    return services.conversation_create(by=coordinator, title="空き家をどうする？", question="どう思いますか？",
                                        seeds=SEEDS, issue=make_issue(coordinator))


def test_without_an_account_the_form_asks_for_a_name_and_address_and_keeps_the_text(client, conversation):
    url = reverse("conversation_statement", args=[conversation.pk])
    page = client.post(url, {"text": "空き家で子ども食堂を開きたい"})
    assert page.status_code == 400
    assert "空き家で子ども食堂を開きたい" in page.content.decode() and not Statement.objects.filter(seed=False).exists()


def test_a_guest_statement_waits_for_its_link_then_for_the_moderators(client, conversation, coordinator,
                                                                         django_capture_on_commit_callbacks):
    url = reverse("conversation_statement", args=[conversation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"text": "空き家で子ども食堂を開きたい", "name": "みどり", "email": "Midori@example.jp",
                                   "consent": "on"})
    assert answer.status_code == 302
    statement = Statement.objects.get(seed=False)
    assert statement.guest_email == "midori@example.jp" and statement.status == Statement.Status.PENDING
    client.force_login(coordinator)
    assert "子ども食堂" not in client.get(reverse("conversation_moderate", args=[conversation.pk])).content.decode()
    client.logout()
    path = re.search(r"https?://[^/\s]+(/\S*guest/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(path).status_code == 200 and Statement.objects.get(pk=statement.pk).guest_confirmed_at is None
    client.post(path)
    assert Statement.objects.get(pk=statement.pk).guest_confirmed_at is not None
    client.force_login(coordinator)
    assert "子ども食堂" in client.get(reverse("conversation_moderate", args=[conversation.pk])).content.decode()


def test_the_account_that_proves_the_address_takes_the_statement(conversation, django_capture_on_commit_callbacks):
    participant = services.participant_for(conversation, key=None)
    statement = services.statement_add(participant=participant, text="駅前に休める場所がほしい", guest_name="みどり",
                                       guest_email="midori@example.jp")
    shared.confirm(*shared.read(shared.token("listening_statement", statement.pk, "midori@example.jp")))
    person = PersonFactory(email="midori@example.jp", email_verified=False)
    own = Participant.objects.create(conversation=conversation, person=person)  # the account took part already
    with django_capture_on_commit_callbacks(execute=True):
        people.email_verify(person=person)
    statement.refresh_from_db()
    assert statement.participant_id == own.pk and statement.guest_email == "" and statement.guest_name == ""
    assert shared.claim_everything(person=person)["listening"] == 0


def test_signed_in_people_add_statements_as_before(client, conversation, person):
    client.force_login(person)
    answer = client.post(reverse("conversation_statement", args=[conversation.pk]), {"text": "空き家で子ども食堂を開きたい"})
    assert answer.status_code == 302 and Statement.objects.get(seed=False).guest_email == ""
