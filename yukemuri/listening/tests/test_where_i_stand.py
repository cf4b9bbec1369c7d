"""'Where do I stand' (issue 18): after enough votes a participant — with or without an account — sees their
dot on the opinion map and what their group agreed with; the page reads only, and nobody else's page or
download carries who stands where."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from yukemuri.listening import report, services
from yukemuri.listening.models import Participant, Vote

from .test_conversations import SEEDS, camps


@pytest.fixture
def conversation(coordinator, make_issue):
    return services.conversation_create(by=coordinator, title="空き家をどうする？", question="空き家について",
                                        seeds=SEEDS, issue=make_issue(coordinator))


def page(client, conversation):
    with translation.override("en"):
        return client.get(reverse("conversation_me", args=[conversation.pk]))


def test_a_participant_without_an_account_sees_their_dot_and_their_groups_statements(client, conversation):
    people = camps(conversation)
    report.refresh(conversation)
    me = people[0]  # agrees with the first four statements
    client.cookies[f"listen{conversation.pk}"] = me.key
    participants, votes = Participant.objects.count(), Vote.objects.count()
    response = page(client, conversation)
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    position = conversation.__class__.objects.get(pk=conversation.pk).analysis["positions"][str(me.pk)]
    assert f'cx="{position[0]}" cy="{position[1]}" r="11"' in body  # the ring on their dot
    assert ">You</text>" in body and 'aria-labelledby="me-caption"' in body
    group = report.standing(conversation.__class__.objects.get(pk=conversation.pk), me)["group"]
    assert f"You are in group {group['label']}" in body
    assert "People like you agreed with" in body and SEEDS[0] in body.split("People like you agreed with")[1]
    assert (Participant.objects.count(), Vote.objects.count()) == (participants, votes)  # GET never writes
    other = people[1]  # the other camp sees the other group
    client.cookies[f"listen{conversation.pk}"] = other.key
    assert f"You are in group {group['label']}" not in page(client, conversation).content.decode()


def test_a_signed_in_participant_is_found_by_their_account(client, conversation, person):
    camps(conversation)
    mine = services.participant_for(conversation, key=None, person=person)
    for index, statement in enumerate(conversation.statements.order_by("pk")):
        services.vote(participant=mine, statement=statement, value=1 if index < 4 else -1)
    report.refresh(conversation)
    client.force_login(person)
    assert ">You</text>" in page(client, conversation).content.decode()


def test_too_few_votes_say_how_many_more_and_a_newcomer_is_not_made(client, conversation):
    camps(conversation)
    participants = Participant.objects.count()
    body = page(client, conversation).content.decode()
    assert "Vote on 7 more statements" in body and ">You</text>" not in body  # min_votes is 7
    assert Participant.objects.count() == participants
    light = services.participant_for(conversation, key=None)
    for statement in list(conversation.statements.order_by("pk"))[:3]:
        services.vote(participant=light, statement=statement, value=1)
    report.refresh(conversation)
    client.cookies[f"listen{conversation.pk}"] = light.key
    assert "Vote on 4 more statements" in page(client, conversation).content.decode()


def test_enough_votes_before_the_map_is_recomputed_say_so(client, conversation):
    people = camps(conversation)
    client.cookies[f"listen{conversation.pk}"] = people[0].key
    body = page(client, conversation).content.decode()  # nothing computed yet
    assert "Your dot appears once the map is next computed" in body


def test_no_page_or_download_for_others_carries_positions(client, conversation):
    camps(conversation)
    stored = report.refresh(conversation).analysis
    assert len(stored["positions"]) == 10
    assert "positions" not in report.public(stored)
    data = json.loads(client.get(reverse("conversation_report_json", args=[conversation.pk])).content)
    assert "positions" not in data
