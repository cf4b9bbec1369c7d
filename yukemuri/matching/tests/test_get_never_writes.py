"""Candidate pages read only: permission is checked first, and a GET makes no INSERT, UPDATE or DELETE
(openings are mirrored from roles when the matching runs, a write)."""

import pytest
from django.urls import reverse

from yukemuri.core.testing import get_counted, writes
from yukemuri.matching import services
from yukemuri.matching.models import Opening, Profile
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_grant
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind
from yukemuri.topics.models import Skill


def get(client, url):
    response, captured = get_counted(client, url)
    return response, writes(captured)


@pytest.fixture
def role(person, make_idea):
    idea = make_idea(person, sdg_numbers=[11])
    return teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["まちづくり"])


@pytest.fixture
def fit(gunma):
    someone = PersonFactory(display_name="まちづくりの人", home_municipality=Municipality.objects.get(code="102083"))
    someone.person_skills.create(skill=Skill.objects.get_or_create_many(["まちづくり"])[0], level=3)
    consent_grant(person=someone, purpose=ConsentPurpose.MATCHING)
    Profile.objects.create(person=someone, travel_km=50)
    return someone


def test_role_candidates_checks_permission_first_and_never_writes(client, role, fit, person, coordinator):
    url = reverse("role_candidates", args=[role.pk])
    assert not Opening.objects.exists()
    client.force_login(PersonFactory())
    response, written = get(client, url)
    assert response.status_code == 403 and written == []
    assert not Opening.objects.exists()  # refused before anything was mirrored
    for viewer in (person, coordinator):
        client.force_login(viewer)
        response, written = get(client, url)
        assert response.status_code == 200 and written == []
        assert "まちづくりの人" in response.content.decode()
    assert not Opening.objects.exists()
    response, written = get(client, reverse("role_candidates", args=[role.pk + 999]))
    assert response.status_code == 404 and written == []


def test_candidates_follow_the_role_not_a_stale_mirror(client, role, fit, person):
    services.refresh_openings()  # mirrored earlier by a run of the matching …
    opening = Opening.objects.get(role=role)
    role.skills.set(Skill.objects.get_or_create_many(["料理"]))  # … then the team changed what it wants
    client.force_login(person)
    for url in (reverse("opening_candidates", args=[opening.pk]), reverse("role_candidates", args=[role.pk])):
        response, written = get(client, url)
        assert response.status_code == 200 and written == []
        assert "スキルが合っています" not in response.content.decode()  # まちづくり is no longer asked for


def test_opening_candidates_refuses_before_reading_and_never_writes(client, role, fit):
    services.refresh_openings()
    url = reverse("opening_candidates", args=[Opening.objects.get(role=role).pk])
    client.force_login(PersonFactory())
    response, written = get(client, url)
    assert response.status_code == 403 and written == []
