"""The operator's coordinators page (/space/consultations/s/<slug>/coordinators/): it saves through
services.profile_save; residents and coordinators (of this or another space) are refused; bad input is a 400."""

import re

import pytest

from yukemuri.actions.models import Action
from yukemuri.consultations.models import CoordinatorProfile, Field, Qualification
from yukemuri.organisations.models import Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.tests.factories import make_space

from .conftest import make_coordinator


@pytest.fixture
def newcomer():
    person = PersonFactory(display_name="新任")
    role_assign(person=person, role=Role.COORDINATOR)
    return person


def url(space):
    return f"/space/consultations/s/{space.slug}/coordinators/"


def test_the_operator_sets_a_profile_through_the_service(client, space, operator, newcomer):
    client.force_login(operator)
    page = client.get(url(space)).content.decode()
    assert f'value="{newcomer.pk}"' in page and 'name="csrfmiddlewaretoken"' in page
    cpa, funding = Qualification.objects.get(code="cpa"), Field.objects.get(code="funding")
    response = client.post(url(space), {"person": newcomer.pk, "qualifications": [cpa.pk], "fields": [funding.pk],
                                        "introduction": " 資金の相談なら ", "active": "on"})
    assert response.status_code == 302 and response["Location"] == url(space)
    profile = CoordinatorProfile.objects.get(person=newcomer)
    assert profile.space == space and profile.active and profile.introduction == "資金の相談なら"
    assert list(profile.qualifications.all()) == [cpa] and list(profile.fields.all()) == [funding]
    assert Action.objects.filter(actor=operator, verb="consultation.profile_changed", target_id=profile.pk).exists()


def test_editing_starts_from_the_profile_and_can_stop_consultations(client, space, operator, coordinator):
    client.force_login(operator)
    page = client.get(url(space) + f"?person={coordinator.pk}").content.decode()
    cpa = Qualification.objects.get(code="cpa")
    assert re.search(rf'<input type="checkbox" name="qualifications" value="{cpa.pk}"[^>]* checked', page)
    client.post(url(space), {"person": coordinator.pk, "qualifications": [cpa.pk]})
    profile = CoordinatorProfile.objects.get(person=coordinator)
    assert not profile.active and not profile.fields.exists()


def test_the_caseload_links_to_the_page_for_the_operator_only(client, space, operator, coordinator):
    client.force_login(operator)
    assert url(space) in client.get(f"/space/consultations/s/{space.slug}/").content.decode()
    client.force_login(coordinator)
    assert url(space) not in client.get(f"/space/consultations/s/{space.slug}/").content.decode()
    assert url(space) not in client.get("/space/consultations/coordinator/").content.decode()


def test_a_resident_and_coordinators_are_refused(client, gunma, space, operator, coordinator, newcomer, member):
    other_org = Organisation.objects.create(name="別会社", kind=Organisation.Kind.COMPANY, verified=True)
    elsewhere = make_space(gunma, name="別の場", slug="elsewhere", operator=other_org)
    stranger = make_coordinator(elsewhere, operator=PersonFactory(is_superuser=True), name="他所")
    data = {"person": newcomer.pk, "introduction": "x", "active": "on"}
    for who in (member, stranger, coordinator):
        client.force_login(who)
        assert client.get(url(space)).status_code == 403
        assert client.post(url(space), data).status_code == 403
    own = {"person": coordinator.pk, "introduction": "自分で", "active": "on"}
    assert client.post(url(space), own).status_code == 403
    assert not CoordinatorProfile.objects.filter(person=newcomer).exists()
    assert CoordinatorProfile.objects.get(person=coordinator).introduction == ""


@pytest.mark.parametrize("data", [
    {"person": "nope"}, {"person": "99999999999999999999"}, {"person": "%00", "fields": ["x"]},
    {"qualifications": ["999999"]}, {"introduction": "x" * 3000},
])
def test_bad_input_is_a_400_that_keeps_what_was_typed(client, space, operator, newcomer, data):
    client.force_login(operator)
    response = client.post(url(space), {"person": newcomer.pk, "introduction": "残す", **data})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not CoordinatorProfile.objects.filter(person=newcomer).exists()


def test_people_without_the_role_or_with_a_profile_elsewhere_are_not_choices(client, gunma, space, operator,
                                                                             member):
    elsewhere = make_space(gunma, name="別の場", slug="elsewhere", operator=None)
    stranger = make_coordinator(elsewhere, operator=PersonFactory(is_superuser=True), name="他所")
    client.force_login(operator)
    for person in (member, stranger):
        assert client.post(url(space), {"person": person.pk, "active": "on"}).status_code == 400
    assert CoordinatorProfile.objects.get(person=stranger).space == elsewhere


@pytest.mark.parametrize("query", ["?person=abc", "?person=" + "9" * 40, "?person=%00", "?person=-1"])
def test_a_bad_person_parameter_is_an_empty_form(client, space, operator, query):
    client.force_login(operator)
    assert client.get(url(space) + query).status_code == 200
    assert client.get("/space/consultations/s/nowhere/coordinators/").status_code == 404
