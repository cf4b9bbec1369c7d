"""A corporate membership's named members (登録利用者): the holder or the operator names and removes them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yukemuri.membership import services
from yukemuri.membership.models import MemberCard, NamedMember
from yukemuri.organisations.models import Membership as OrganisationMembership
from yukemuri.organisations.models import Organisation
from yukemuri.people.tests.factories import PersonFactory


@pytest.fixture
def corporate(plans, member):
    company = Organisation.objects.create(name="株式会社上州", kind=Organisation.Kind.COMPANY)
    OrganisationMembership.objects.create(organisation=company, person=member)
    return services.join(by=member, plan=plans["corporate"], organisation=company)


def _url(membership):
    return reverse("membership_named", args=[membership.pk])


def test_the_holder_names_a_colleague_who_gets_a_card(client, corporate, member):
    colleague = PersonFactory(email="colleague@example.jp")
    client.force_login(member)
    assert _url(corporate) in client.get(reverse("membership_home")).content.decode()
    assert client.get(_url(corporate)).status_code == 200
    assert client.post(_url(corporate), {"email": "Colleague@example.jp"}).status_code == 302
    assert NamedMember.objects.filter(membership=corporate, person=colleague).exists()
    card = MemberCard.objects.get(space=corporate.plan.space, person=colleague)
    page = client.get(_url(corporate)).content.decode()
    assert card.code in page and colleague.display_name in page


def test_an_unknown_address_keeps_what_was_typed(client, corporate, member):
    client.force_login(member)
    response = client.post(_url(corporate), {"email": "nobody@example.jp"})
    assert response.status_code == 400 and "nobody@example.jp" in response.content.decode()
    response = client.post(_url(corporate), {"email": member.email})  # the holder is already named
    assert response.status_code == 400
    assert NamedMember.objects.filter(membership=corporate).count() == 1


def test_the_plans_number_is_the_limit(client, corporate, member):
    client.force_login(member)
    for i in range(4):  # five people at most, the holder included
        assert client.post(_url(corporate), {"email": PersonFactory(email=f"c{i}@example.jp").email}).status_code == 302
    page = client.get(_url(corporate)).content.decode()
    assert 'name="email"' not in page  # full: no form
    response = client.post(_url(corporate), {"email": PersonFactory(email="late@example.jp").email})
    assert response.status_code == 400
    assert NamedMember.objects.filter(membership=corporate).count() == 5


def test_the_holder_removes_a_colleague_but_not_themselves(client, corporate, member):
    colleague = PersonFactory()
    services.named_member_add(by=member, membership=corporate, person=colleague)
    client.force_login(member)
    remove = reverse("membership_named_remove", args=[corporate.pk, colleague.pk])
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not NamedMember.objects.filter(membership=corporate, person=colleague).exists()
    client.post(reverse("membership_named_remove", args=[corporate.pk, member.pk]))
    assert NamedMember.objects.filter(membership=corporate, person=member).exists()
    with pytest.raises(ValidationError):
        services.named_member_remove(by=member, membership=corporate, person=member)


def test_the_operator_names_and_removes(client, corporate, operator):
    colleague = PersonFactory(email="op-named@example.jp")
    client.force_login(operator)
    assert client.post(_url(corporate), {"email": colleague.email}).status_code == 302
    assert client.post(reverse("membership_named_remove", args=[corporate.pk, colleague.pk])).status_code == 302
    assert list(NamedMember.objects.filter(membership=corporate).values_list("person", flat=True)) == [corporate.person_id]


def test_named_colleagues_and_others_cannot(client, corporate, member):
    colleague = PersonFactory(email="named@example.jp")
    services.named_member_add(by=member, membership=corporate, person=colleague)
    for person in (colleague, PersonFactory()):
        client.force_login(person)
        assert client.get(_url(corporate)).status_code == 404
        assert client.post(_url(corporate), {"email": "named@example.jp"}).status_code == 404
        client.post(reverse("membership_named_remove", args=[corporate.pk, colleague.pk]))
        assert NamedMember.objects.filter(membership=corporate, person=colleague).exists()
    client.logout()
    assert client.get(_url(corporate)).status_code == 302


def test_a_personal_membership_has_no_named_page(client, plans, member):
    membership = services.join(by=member, plan=plans["individual"])
    client.force_login(member)
    assert client.get(_url(membership)).status_code == 404
    assert client.get(reverse("membership_named", args=[999999])).status_code == 404
