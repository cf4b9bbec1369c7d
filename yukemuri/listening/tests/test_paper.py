"""Broad listening on paper (listening/paper.py): numbered A4 ballots with a QR code, entered by staff one after
another as pseudonymous participants — one per ballot number — and counted in the report."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.listening import paper, report, services
from yukemuri.listening.models import Participant, Statement, Vote

from .test_conversations import SEEDS, camps


@pytest.fixture
def conversation(coordinator, make_issue):
    return services.conversation_create(by=coordinator, title="空き家をどうする？", question="空き家について、どう思いますか？",
                                        seeds=SEEDS, issue=make_issue(coordinator))


def statements(conversation):
    return list(conversation.statements.order_by("pk"))


def test_read_mark():
    assert [paper.read_mark(m) for m in ("a", "D", " p ", "", "Ａ")] == [1, -1, 0, None, 1]
    with pytest.raises(ValueError):
        paper.read_mark("x")


def test_a_ballot_is_one_participant_and_entering_its_number_again_replaces_it(conversation, coordinator):
    first, second, *_rest = statements(conversation)
    participant, replaced = paper.ballot_enter(conversation=conversation, by=coordinator, number=12,
                                               marks={first.pk: 1, second.pk: None})
    assert not replaced and participant.ballot == 12 and participant.person is None
    assert list(participant.votes.values_list("statement_id", "value")) == [(first.pk, 1)]
    again, replaced = paper.ballot_enter(conversation=conversation, by=coordinator, number=12,
                                         marks={first.pk: -1, second.pk: 0})
    assert replaced and again.pk == participant.pk
    assert Participant.objects.filter(conversation=conversation).count() == 1
    assert sorted(Vote.objects.filter(participant=participant).values_list("statement_id", "value")) == [
        (first.pk, -1), (second.pk, 0)]
    record = Action.objects.filter(verb=verbs.BALLOT_ENTERED).order_by("-id").first()
    assert record.actor == coordinator and record.data["old"] == {str(first.pk): 1} and record.data["replaced"]


def test_ballots_are_checked(conversation, coordinator, person, other_person):
    first = statements(conversation)[0]
    with pytest.raises(PermissionDenied):
        paper.ballot_enter(conversation=conversation, by=person, number=1, marks={first.pk: 1})
    with pytest.raises(ValidationError):
        paper.ballot_enter(conversation=conversation, by=coordinator, number=1, marks={first.pk: None})  # empty
    with pytest.raises(ValidationError):
        paper.ballot_enter(conversation=conversation, by=coordinator, number=0, marks={first.pk: 1})
    pending = Statement.objects.create(conversation=conversation, text="まだ審査中の意見")
    with pytest.raises(ValidationError):
        paper.ballot_enter(conversation=conversation, by=coordinator, number=1, marks={pending.pk: 1})
    assert not Participant.objects.filter(conversation=conversation).exists()


def test_the_report_counts_participants_on_paper(client, conversation, coordinator):
    camps(conversation, n=6)
    for number in (1, 2, 3):
        paper.ballot_enter(conversation=conversation, by=coordinator, number=number,
                           marks={s.pk: 1 for s in statements(conversation)})
    paper.ballot_enter(conversation=conversation, by=coordinator, number=3, marks={statements(conversation)[0].pk: -1})
    report.refresh(conversation)
    conversation.refresh_from_db()
    assert conversation.analysis["participants"] == 9 and conversation.analysis["paper_participants"] == 3
    page = client.get(reverse("conversation_report", args=[conversation.pk])).content.decode()
    with translation.override("ja"):
        on_paper = translation.ngettext("%(counter)s participant took part on a paper ballot.",
                                        "%(counter)s participants took part on paper ballots.", 3) % {"counter": 3}
    assert on_paper in page
    data = json.loads(client.get(reverse("conversation_report_json", args=[conversation.pk])).content)
    assert data["paper_participants"] == 3
    rows = list(csv.reader(io.StringIO(client.get(reverse("conversation_report_csv", args=[conversation.pk]))
                                       .content.decode().lstrip("\ufeff"))))
    assert rows[-1][1] == "3" and rows[-2][1] == "9"


def test_an_old_stored_analysis_shows_no_paper_count_error(client, conversation):
    from yukemuri.listening.models import Conversation

    Conversation.objects.filter(pk=conversation.pk).update(analysis={"participants": 4, "votes": 8})
    assert report.public({"participants": 4})["paper_participants"] == 0
    assert client.get(reverse("conversation_report_csv", args=[conversation.pk])).status_code == 200


def test_print_view(client, conversation, coordinator, person):
    url = reverse("conversation_ballot", args=[conversation.pk])
    client.force_login(person)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    page = client.get(url, {"first": "21", "count": "3"}).content.decode()
    assert page.count('class="ballot"') == 3 and "21" in page and "23" in page and "<svg" in page
    assert all(seed in page for seed in SEEDS) and page.count('class="ballot-box"') == 3 * 3 * len(SEEDS)
    for bad in ({"first": "x", "count": "1"}, {"first": "1", "count": "100000"}, {"first": "\x00"}):
        assert client.get(url, bad).status_code == 400


def test_entering_a_batch_with_the_keyboard_form(client, conversation, coordinator):
    url = reverse("conversation_ballots", args=[conversation.pk])
    client.force_login(coordinator)
    page = client.get(url)
    assert page.status_code == 200 and "autofocus" in page.content.decode()
    shown = statements(conversation)
    for number, marks in ((1, "adp"), (2, "aa"), (3, "d")):
        data = {"number": str(number), **{f"s{s.pk}": mark for s, mark in zip(shown, marks, strict=False)}}
        answer = client.post(url, data)
        assert answer.status_code == 302 and answer["Location"] == url
    assert Participant.objects.filter(conversation=conversation, ballot__isnull=False).count() == 3
    assert Vote.objects.filter(participant__ballot=1).count() == 3
    wrong = client.post(url, {"number": "4", f"s{shown[0].pk}": "x", f"s{shown[1].pk}": "a"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    with translation.override("ja"):
        unreadable = translation.gettext("Type a, d or p, or leave it blank.")
    assert 'value="4"' in text and unreadable in text and 'value="x"' in text
    again = client.post(url, {"number": "2", f"s{shown[0].pk}": "d"}, follow=True)
    assert Participant.objects.filter(conversation=conversation, ballot__isnull=False).count() == 3
    assert list(Vote.objects.filter(participant__ballot=2).values_list("value", flat=True)) == [-1]
    assert again.status_code == 200


def test_only_organisers_enter_ballots(client, conversation, person):
    client.force_login(person)
    assert client.post(reverse("conversation_ballots", args=[conversation.pk]), {"number": "1"}).status_code == 403
    client.logout()
    assert client.get(reverse("conversation_ballots", args=[conversation.pk])).status_code == 302
