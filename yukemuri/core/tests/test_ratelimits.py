"""Rate limits: a budget per kind of action, people acting in their role not counted, and a refusal that keeps
what was typed and says how long to wait (docs/decisions/0003-rate-limits.md)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from yukemuri.core.ratelimits import forwarded_for_ip, wait_in_words
from yukemuri.events import services as events
from yukemuri.events.models import Event
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import Comment, Idea
from yukemuri.issues.models import Issue
from yukemuri.people.tests.factories import PersonFactory


def _limits(settings, **rates):
    settings.YUKEMURI = {**settings.YUKEMURI, **rates}


@pytest.fixture
def capture_session(gunma):
    """A session 3 whose facilitator is a plain person (no role): the event is theirs."""
    host = organiser()
    event = make_event(host, title="第3回 アイデア出し")
    facilitator = PersonFactory(display_name="ファシリテーター")
    Event.objects.filter(pk=event.pk).update(created_by=facilitator)
    return event, facilitator


def _idea(n):
    return {"title": f"アイデア{n}", "body": "みんなで考えた。", "place": "m:102024", "themes": "", "more_issues": ""}


def test_facilitator_captures_30_ideas_in_a_row(client, settings, capture_session):
    _limits(settings, RATE_POST="2/h", RATE_CAPTURE="2/h")
    event, facilitator = capture_session
    client.force_login(facilitator)
    for n in range(30):
        response = client.post(reverse("capture_idea", args=[event.pk]), _idea(n))
        assert response.status_code == 302, n
    assert Idea.objects.filter(origin_event=event).count() == 30


def test_people_at_the_table_capture_on_their_own_budget_not_the_posting_one(client, settings, capture_session,
                                                                            person):
    _limits(settings, RATE_POST="2/h")
    event, _ = capture_session
    events.register(event=event, person=person)
    client.force_login(person)
    for n in range(30):
        assert client.post(reverse("capture_idea", args=[event.pk]), _idea(n)).status_code == 302, n
    # … and the posting budget is still whole.
    assert client.post(reverse("issue_new"), {"title": "課題", "body": "b", "place": "p:100005"}).status_code == 302


def test_team_lead_steers_without_limit(client, settings, person, make_idea):
    _limits(settings, RATE_POST="2/h", RATE_STEER="2/h")
    idea = make_idea(person)
    client.force_login(person)
    for n in range(25):
        response = client.post(reverse("idea_plan", args=[idea.pk]), {"goal": f"目標{n}", "first_step": "",
                                                                      "resources": "", "budget_line": ""})
        assert response.status_code == 302, n


def test_resident_over_budget_keeps_the_text_and_is_told_how_long_to_wait(client, settings, person, gunma):
    _limits(settings, RATE_POST="2/h")
    client.force_login(person)
    for n in range(2):
        assert client.post(reverse("issue_new"), {"title": f"課題{n}", "body": "b", "place": "p:100005"}).status_code == 302
    typed = {"title": "長く書いた課題の題", "body": "とても長く、大切に書いた本文です。", "place": "p:100005"}
    response = client.post("/en" + reverse("issue_new"), typed)
    page = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "長く書いた課題の題" in page and "とても長く、大切に書いた本文です。" in page  # the form kept it
    assert "Try again in" in page and "minute" in page
    assert Issue.objects.filter(title="長く書いた課題の題").count() == 0


def test_budgets_are_separate(client, settings, person, make_idea):
    _limits(settings, RATE_POST="1/h", RATE_COMMENT="2/h")
    idea = make_idea(person)
    client.force_login(person)
    assert client.post(reverse("idea_new"), {"title": "案", "body": "b", "place": "p:100005"}).status_code == 302
    assert client.post(reverse("idea_new"), {"title": "案2", "body": "b", "place": "p:100005"}).status_code == 429
    for n in range(2):  # the used-up posting budget does not stop comments
        assert client.post(reverse("comment_new", args=[idea.pk]), {"body": f"c{n}"}).status_code == 302
    refused = client.post(reverse("comment_new", args=[idea.pk]), {"body": "三つ目のコメント"})
    assert refused.status_code == 429 and "三つ目のコメント" in refused.content.decode()
    assert "Retry-After" in refused and Comment.objects.count() == 2


def test_refusals_without_a_form_say_how_long_to_wait(client, settings, person, make_idea):
    _limits(settings, RATE_SUPPORT="1/h")
    idea = make_idea(person)
    other = PersonFactory()
    client.force_login(other)
    client.post(reverse("idea_support", args=[idea.pk]))
    response = client.post("/en" + reverse("idea_support", args=[idea.pk]))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Try again in" in response.content.decode()


def test_coordinators_are_not_counted(client, settings, coordinator, gunma):
    _limits(settings, RATE_POST="1/h")
    client.force_login(coordinator)
    for n in range(3):
        assert client.post(reverse("issue_new"), {"title": f"課題{n}", "body": "b", "place": "p:100005"}).status_code == 302


def test_wait_in_words():
    with translation.override("en"):
        assert wait_in_words(30) == "1 minute"
        assert wait_in_words(12 * 60) == "12 minutes"
        assert wait_in_words(3 * 3600) == "3 hours"
    with translation.override("ja"):
        assert wait_in_words(12 * 60) == "12分"



def test_client_address_behind_a_proxy():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert forwarded_for_ip(request) == "203.0.113.9"
    assert forwarded_for_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
