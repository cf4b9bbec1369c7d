"""Accountability, its CSV and the idea page cost a fixed number of queries, however many ideas and roles."""

from django.urls import reverse

from yukemuri.core.testing import count_queries
from yukemuri.ideas import milestones
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind


def grow(person, make_idea, n, offset):
    for i in range(n):
        idea = make_idea(person, title=f"案{offset + i}", sdg_numbers=[11, 17])
        role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["まちづくり"])
        teams.apply(role=role, person=PersonFactory())
        milestones.milestone_add(idea=idea, by=person, title="説明会", due_on="2030-01-01")


def queries(client, url):
    with count_queries() as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def test_accountability_queries_do_not_grow_with_ideas(client, person, make_idea):
    grow(person, make_idea, 2, 0)
    client.force_login(PersonFactory())  # signed in: no page cache, every request renders
    queries(client, reverse("accountability"))  # warms the memo of the filter's municipalities
    few = queries(client, reverse("accountability")), queries(client, reverse("accountability_csv"))
    grow(person, make_idea, 8, 2)
    many = queries(client, reverse("accountability")), queries(client, reverse("accountability_csv"))
    assert few == many


def test_idea_page_queries_do_not_grow_with_team_and_roles(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.VOLUNTEER, count=50, skill_names=["料理"])
    teams.answer(application=teams.apply(role=role, person=PersonFactory()), by=person, accept=True)
    few = queries(client, idea.get_absolute_url())
    for _ in range(5):
        teams.answer(application=teams.apply(role=role, person=PersonFactory()), by=person, accept=True)
        teams.role_open(idea=idea, by=person, kind=RoleKind.ENGINEER, skill_names=["Python"])
        milestones.milestone_add(idea=idea, by=person, title="試作", due_on="2030-01-01")
    assert queries(client, idea.get_absolute_url()) == few
