"""Bursts of statements and comments from one account or one address, shown to moderators."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from yukemuri.listening import bursts, services
from yukemuri.listening.models import Opinion, Participant, Statement

SEEDS = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "若い世代の移住を増やしたい"]


@pytest.fixture
def conversation(coordinator):
    conversation = services.conversation_create(by=coordinator, title="空き家", question="空き家について", seeds=SEEDS)
    conversation.collect_opinions = True
    conversation.save(update_fields=["collect_opinions"])
    return conversation


def post_statements(conversation, participants, start, spacing, label):
    for i, participant in enumerate(participants):
        statement = services.statement_add(participant=participant, text=f"{label}の意見その{i}について")
        Statement.objects.filter(pk=statement.pk).update(created_at=start + spacing * i)


def test_posts_close_together_from_one_address_or_account_are_a_burst(conversation, person, other_person):
    now = timezone.now()
    # Five people without an account (the cookie cleared each time) from one address, a minute apart: a burst.
    guests = [services.participant_for(conversation, key=None, address="203.0.113.9") for _ in range(5)]
    post_statements(conversation, guests, now - timedelta(hours=2), timedelta(minutes=1), "同じ場所")
    # One account: four statements and one free comment within ten minutes: a burst.
    mine = services.participant_for(conversation, key=None, person=person)
    post_statements(conversation, [mine] * 4, now - timedelta(hours=1), timedelta(minutes=2), "アカウント")
    opinion = services.opinion_add(participant=mine, text="自由意見も続けて書きました")
    Opinion.objects.filter(pk=opinion.pk).update(created_at=now - timedelta(minutes=52))
    # Another account, five statements an hour apart: no burst. Imported comments: never a burst.
    theirs = services.participant_for(conversation, key=None, person=other_person)
    post_statements(conversation, [theirs] * 5, now - timedelta(hours=8), timedelta(hours=1), "ゆっくり")
    Opinion.objects.bulk_create(Opinion(conversation=conversation, text=f"取り込み{i}", imported=True, accepted=True)
                                for i in range(10))

    found = bursts.of_conversation(conversation)
    assert [(b.kind, b.count) for b in found] == [("account", 5), ("address", 5)]
    assert found[0].who == person.display_name and [kind for _at, kind, _t in found[0].posts].count("opinion") == 1
    assert found[1].who == Participant.objects.get(pk=guests[0].pk).address[:8]
    assert "203.0.113.9" not in str(list(Participant.objects.values_list("address", flat=True)))


def test_a_longer_run_is_one_burst_and_the_rule_is_a_setting(conversation, settings):
    now = timezone.now()
    guests = [services.participant_for(conversation, key=None, address="198.51.100.7") for _ in range(8)]
    post_statements(conversation, guests, now - timedelta(hours=1), timedelta(minutes=2), "連続")
    assert [b.count for b in bursts.of_conversation(conversation)] == [8]
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_POST_BURST": "9/20m"}
    assert bursts.of_conversation(conversation) == []
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_POST_BURST": "3/3m"}  # three posts span 4 minutes
    assert bursts.of_conversation(conversation) == []
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_POST_BURST": "3/5m"}
    assert [b.count for b in bursts.of_conversation(conversation)] == [8]

def test_the_moderation_page_lists_bursts(client, coordinator, conversation):
    now = timezone.now()
    guests = [services.participant_for(conversation, key=None, address="192.0.2.1") for _ in range(6)]
    post_statements(conversation, guests, now - timedelta(minutes=30), timedelta(seconds=30), "まとめて")
    client.force_login(coordinator)
    with translation.override("en"):
        page = client.get(reverse("conversation_moderate", args=[conversation.pk])).content.decode()
    assert "Bursts of statements and comments" in page and "6 posts" in page and "まとめての意見その5について" in page
