"""The report as the site keeps it: computed in the background from a known state, read-only pages keyed by
that state, capped and flagged participants without a cookie, small demographic cells suppressed, and a
consensus that needs enough votes (issue 12, items 8, 9, 11, 14 and 26)."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from yukemuri.core.testing import count_queries, writes
from yukemuri.listening import report, services
from yukemuri.listening.models import Conversation, Participant, Statement

from .test_conversations import SEEDS, camps


@pytest.fixture
def conversation(coordinator, make_issue):
    return services.conversation_create(by=coordinator, title="空き家をどうする？", question="空き家について、どう思いますか？",
                                        seeds=SEEDS, issue=make_issue(coordinator), demographics=["age_band", "resident"])


def fresh(conversation):
    return Conversation.objects.get(pk=conversation.pk)




def yukemuri(**values):
    return override_settings(YUKEMURI={**settings.YUKEMURI, **values})


# Item 8 — votes that arrive while the analysis runs leave it stale; an older result never wins.

def test_a_vote_between_the_analysis_read_and_its_save_leaves_it_stale(conversation, monkeypatch):
    camps(conversation)
    statement = conversation.statements.first()
    late = services.participant_for(conversation, key=None)
    built = report.build

    def build_then_a_vote_arrives(conv):
        data = built(conv)
        services.vote(participant=late, statement=statement, value=-1)  # after the read, before the save
        return data

    monkeypatch.setattr(report, "build", build_then_a_vote_arrives)
    before = fresh(conversation)
    report.refresh(conversation)
    after = fresh(conversation)
    assert after.analysed_version == before.version and after.version == before.version + 1
    assert after.is_stale and after.new_votes == 1 and after.analysis["votes"] == 80
    monkeypatch.setattr(report, "build", built)
    report.refresh(conversation)  # the next run (the vote asked for it) takes the late vote in
    done = fresh(conversation)
    assert not done.is_stale and done.new_votes == 0 and done.analysis["votes"] == 81


def test_an_older_result_never_replaces_a_newer_one(conversation):
    assert report._save(conversation.pk, version=5, votes=5, data={"k": 2})
    assert not report._save(conversation.pk, version=3, votes=3, data={"k": 1})
    assert not report._save(conversation.pk, version=5, votes=5, data={"k": 1})
    stored = fresh(conversation)
    assert stored.analysis == {"k": 2} and stored.analysed_version == 5


def test_a_vote_changes_the_report_its_csv_and_json(client, conversation):
    camps(conversation)
    report.refresh(conversation)
    urls = [reverse(name, args=[conversation.pk])
            for name in ("conversation_report", "conversation_report_csv", "conversation_report_json")]
    cached = [client.get(url) for url in urls]
    assert [client.get(url).get("X-Page-Cache") for url in urls] == ["hit"] * 3  # the anonymous page cache
    tags = {url: response["ETag"] for url, response in zip(urls, cached, strict=True)}
    with override_settings(PAGE_CACHE_SECONDS=0):  # the views' own answer to a browser that has them
        assert all(client.get(url, headers={"if-none-match": tags[url]}).status_code == 304 for url in urls)
    services.vote(participant=services.participant_for(conversation, key=None),
                  statement=conversation.statements.first(), value=1)
    after = [client.get(url) for url in urls]
    for url, before, again in zip(urls, cached, after, strict=True):
        assert again.get("X-Page-Cache") != "hit" and again["ETag"] != tags[url]
        assert url.endswith(".csv") or again.content != before.content
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert all(client.get(url, headers={"if-none-match": tags[url]}).status_code == 200 for url in urls)
    assert after[0].context["conversation"].new_votes == 1
    assert json.loads(after[2].content)["new_votes_since"] == 1


# Item 9 — GET never writes; one analysis at a time, in the background.

def test_get_of_the_conversation_and_its_report_writes_nothing(client, conversation, person):
    people = camps(conversation)
    services.vote(participant=people[0], statement=conversation.statements.first(), value=1)  # stale now
    urls = [conversation.get_absolute_url(), reverse("conversation_report", args=[conversation.pk]),
            reverse("conversation_report", args=[conversation.pk]) + "?view=print&fresh=1",
            reverse("conversation_report_json", args=[conversation.pk]),
            reverse("conversation_report_csv", args=[conversation.pk])]
    count = Participant.objects.count()
    for cookies in ({}, {f"listen{conversation.pk}": people[1].key}):
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies[name] = value
        with count_queries() as queries:
            for url in urls:
                assert client.get(url).status_code == 200
        assert writes(queries) == []
    client.force_login(person)
    client.cookies[f"listen{conversation.pk}"] = people[2].key  # would be linked to the account on a POST
    with count_queries() as queries:
        for url in urls:
            assert client.get(url).status_code == 200
    assert writes(queries) == []
    assert Participant.objects.count() == count and Participant.objects.get(pk=people[2].pk).person is None
    assert fresh(conversation).analysis is None  # nothing computed by a visitor


def test_the_first_vote_makes_the_participant(client, conversation):
    page = client.get(conversation.get_absolute_url())
    assert Participant.objects.count() == 0 and page.context["done"] == 0
    client.post(reverse("conversation_vote", args=[conversation.pk]),
                {"statement": page.context["statement"].pk, "value": "0"})
    assert Participant.objects.count() == 1


def test_the_report_shows_the_last_result_and_the_votes_since(client, conversation):
    people = camps(conversation)
    report.refresh(conversation)
    services.vote(participant=people[0], statement=conversation.statements.first(), value=-1)
    services.vote(participant=people[1], statement=conversation.statements.first(), value=-1)
    page = client.get(reverse("conversation_report", args=[conversation.pk]))
    assert page.context["conversation"].new_votes == 2 and page.context["data"]["k"] == 2
    assert "<time datetime=" in page.content.decode()


def test_a_run_that_holds_the_claim_keeps_others_out(conversation, monkeypatch):
    camps(conversation)
    calls = []
    built = report.build
    monkeypatch.setattr(report, "build", lambda conv: calls.append(1) or built(conv))
    Conversation.objects.filter(pk=conversation.pk).update(analysis_started_at=timezone.now())
    assert report.recompute(conversation.pk) is False and calls == []
    # A claim older than the lease is a worker that died: it is taken over.
    Conversation.objects.filter(pk=conversation.pk).update(analysis_started_at=timezone.now() - report.LEASE * 2)
    assert report.recompute(conversation.pk) is True and calls == [1]
    assert report.recompute(conversation.pk) is False and calls == [1]  # up to date: nothing to do
    assert fresh(conversation).analysis_started_at is None


def test_the_sweep_analyses_stale_conversations(conversation):
    camps(conversation)
    call_command("analyse_conversations", stdout=io.StringIO())
    assert not fresh(conversation).is_stale and fresh(conversation).analysis["k"] == 2


# Item 11 — votes without the cookie cannot make participants without end.

def test_new_participants_are_capped_per_address_and_bursts_flagged(client, conversation, coordinator):
    statement = conversation.statements.first()
    url = reverse("conversation_vote", args=[conversation.pk])
    with yukemuri(LISTENING_NEW_PARTICIPANTS="4/h", LISTENING_BURST="2/10m"):
        codes = []
        for _ in range(7):
            client.cookies.clear()  # no cookie: every vote would be a new participant
            codes.append(client.post(url, {"statement": statement.pk, "value": "1"}, REMOTE_ADDR="203.0.113.7")
                         .status_code)
        client.cookies.clear()
        other = client.post(url, {"statement": statement.pk, "value": "1"}, REMOTE_ADDR="198.51.100.2")
    assert codes == [302] * 4 + [429] * 3 and other.status_code == 302
    assert statement.votes.count() == 5 and Participant.objects.filter(conversation=conversation).count() == 5
    assert Participant.objects.filter(flagged=True).count() == 4  # the burst from one address, not the other
    data = report.refresh(conversation).analysis
    assert (data["flagged_votes"], data["flagged_participants"]) == (4, 4)
    assert json.loads(client.get(reverse("conversation_report_json", args=[conversation.pk])).content)[
        "flagged_votes"] == 4
    assert client.get(reverse("conversation_report", args=[conversation.pk])).context["data"]["flagged_votes"] == 4
    client.force_login(coordinator)
    page = client.get(reverse("conversation_moderate", args=[conversation.pk]))
    assert page.context["flagged_count"] == 4 and page.context["flagged_votes"] == 4
    assert 'id="flagged-title"' in page.content.decode()


# Item 14 — no demographic cell of fewer than LISTENING_MIN_CELL people.

def test_answers_of_small_groups_are_suppressed_everywhere(client, conversation):
    people = camps(conversation)
    for participant in people[:6]:
        services.answers_set(participant=participant, answers={"age_band": "20-39"}, consent=True)
    services.answers_set(participant=people[6], answers={"age_band": "65-", "resident": "no"}, consent=True)
    data = report.refresh(conversation).analysis
    assert set(data["by_answer"]) == {"age_band"} and set(data["by_answer"]["age_band"]) == {"20-39"}
    assert all(sum(cell.values()) >= 5 for cell in data["by_answer"]["age_band"]["20-39"].values())
    # A result stored before the rule is suppressed when shown, in every format.
    stored = fresh(conversation).analysis
    stored["by_answer"]["age_band"]["65-"] = {str(conversation.statements.first().pk): {"agree": 1, "disagree": 0,
                                                                                       "pass": 0}}
    Conversation.objects.filter(pk=conversation.pk).update(analysis=stored)
    shown = json.loads(client.get(reverse("conversation_report_json", args=[conversation.pk])).content)
    assert set(shown["by_answer"]["age_band"]) == {"20-39"} and shown["by_answer_min_cell"] == 5
    page = client.get(reverse("conversation_report", args=[conversation.pk])).content.decode()
    assert '<h3 class="h3">20-39</h3>' in page and '<h3 class="h3">65-</h3>' not in page
    rows = list(csv.reader(io.StringIO(client.get(reverse("conversation_report_csv", args=[conversation.pk]))
                                       .content.decode().lstrip("\ufeff"))))
    assert not any("65-" in cell for row in rows for cell in row)
    with yukemuri(LISTENING_MIN_CELL=7):
        assert report.suppress_small(stored["by_answer"]) == {}


# Item 26 — "agreed across groups" needs enough votes, in all and in every group.

def test_a_consensus_needs_enough_votes_in_all_and_in_every_group(conversation):
    people = camps(conversation)
    thin = Statement.objects.create(conversation=conversation, text="駅前に駐輪場がほしい", seed=True,
                                    status=Statement.Status.ACCEPTED)
    for participant in people[:2]:  # one person of each camp agrees: two votes
        services.vote(participant=participant, statement=thin, value=1)
    with yukemuri(LISTENING_CONSENSUS_MIN_VOTES=0, LISTENING_CONSENSUS_MIN_PER_GROUP=0):
        engine_only = report.build(fresh(conversation))
    assert "駅前に駐輪場がほしい" in [c["text"] for c in engine_only["consensus"]]  # pol.is's test alone passes it
    data = report.refresh(conversation).analysis
    assert [c["text"] for c in data["consensus"]] == ["まずは所有者の意向を聞くべき"]
    with yukemuri(LISTENING_CONSENSUS_MIN_PER_GROUP=6):  # five per group on the unanimous one: not enough
        assert report.build(fresh(conversation))["consensus"] == []


def test_a_failing_analysis_releases_the_claim_and_does_not_loop(conversation, monkeypatch):
    camps(conversation)
    asked = []
    monkeypatch.setattr(report, "request_analysis", lambda pk: asked.append(pk))

    def broken(conv):
        raise RuntimeError("engine failed")

    monkeypatch.setattr(report, "build", broken)
    with pytest.raises(RuntimeError):
        report.recompute(conversation.pk)
    assert fresh(conversation).analysis_started_at is None and asked == []
