"""The pages that steer an idea: thin views over the stage rules, errors shown in the reader's language."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from yukemuri.ideas.models import Idea, Milestone
from yukemuri.organisations.tests.factories import OrganisationFactory


def test_strangers_cannot_steer(client, person, other_person, make_idea):
    idea = make_idea(person)
    client.force_login(other_person)
    assert client.get(reverse("idea_steer", args=[idea.pk])).status_code == 403
    assert client.post(reverse("idea_move", args=[idea.pk]), {"to": "team"}).status_code == 403
    assert "このアイデアを進める" not in client.get(idea.get_absolute_url()).content.decode()


def test_refused_move_shows_what_is_missing(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    response = client.post(reverse("idea_move", args=[idea.pk]), {"to": "team", "reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "チームには2人以上のメンバーが必要です。" in page and "チームにはキーマンが必要です。" in page
    response = client.post("/en" + reverse("idea_move", args=[idea.pk]), {"to": "team"})
    assert "A team needs at least two members." in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).stage == "seed"


def test_plan_page_saves_the_plan(client, person, make_idea):
    idea = make_idea(person)
    partner = OrganisationFactory(kind="municipality", name="渋川市役所")
    client.force_login(person)
    response = client.post(reverse("idea_plan", args=[idea.pk]), {
        "goal": "空き家を10軒活用", "first_step": "所有者への聞き取り", "resources": "調査員2名、車1台",
        "municipal_partner": partner.pk, "pilot_starts_on": "2027-04-01", "budget_line": ""})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.goal, idea.municipal_partner, str(idea.pilot_starts_on)) == ("空き家を10軒活用", partner, "2027-04-01")
    page = client.get(reverse("idea_steer", args=[idea.pk])).content.decode()
    assert "計画には目標が必要です。" not in page


def test_milestones_progress_and_late(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    client.post(reverse("idea_milestones", args=[idea.pk]), {"title": "所有者説明会", "due_on": "2020-01-10"})
    client.post(reverse("idea_milestones", args=[idea.pk]),
                {"title": "改修", "due_on": (timezone.localdate() + timedelta(days=30)).isoformat()})
    bad = client.post(reverse("idea_milestones", args=[idea.pk]), {"title": "", "due_on": "あした"})
    assert bad.status_code == 400 and "errorlist" in bad.content.decode()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "進捗：0%" in page and "遅れ" in page
    first = Milestone.objects.get(title="所有者説明会")
    client.post(reverse("milestone_done", args=[first.pk]), {"done": "1"})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "進捗：50%" in page


def test_pause_shows_on_the_page_with_its_reason(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    client.post(reverse("idea_status", args=[idea.pk]), {"status": "paused", "reason": "農繁期のため"})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "このアイデアは一時停止中です。" in page and "農繁期のため" in page
