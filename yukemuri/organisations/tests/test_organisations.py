import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from yukemuri.organisations import services
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.tests.factories import PersonFactory


def test_creator_becomes_admin_and_organisation_starts_unverified(person):
    organisation = services.organisation_create(name="NPO法人 湯けむり", kind="npo", creator=person)
    assert not organisation.verified
    assert Membership.objects.get(organisation=organisation).role == "admin"
    assert list(services.organisations_of(person)) == [organisation]


def test_only_staff_verify(person):
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.organisation_verify(organisation=organisation, by=person)
    staff = PersonFactory(is_staff=True)
    services.organisation_verify(organisation=organisation, by=staff)
    organisation.refresh_from_db()
    assert organisation.verified and organisation.verified_by == staff and organisation.verified_at


def test_membership_is_unique(person):
    organisation = OrganisationFactory()
    services.membership_add(organisation=organisation, person=person)
    services.membership_add(organisation=organisation, person=person, role="admin")
    assert organisation.memberships.count() == 1
    assert services.is_member(person=person, organisation=organisation)


def test_register_through_the_page_then_post_on_its_behalf(client, person, gunma):
    client.force_login(person)
    response = client.post(reverse("organisation_new"), {"name": "株式会社 上州デザイン", "kind": "company",
                                                         "municipality": "102024", "website": "example.jp"})
    organisation = Organisation.objects.get()
    assert response["Location"] == reverse("organisation_detail", args=[organisation.pk])
    assert organisation.municipality.name == "高崎市" and organisation.website == "https://example.jp"
    form = client.get(reverse("issue_new")).context["form"]
    assert list(form.fields["organisation"].queryset) == [organisation]
    client.post(reverse("issue_new"), {"title": "デザイナーが足りない", "body": "地域の仕事を担うデザイナー",
                                       "place": "m:102024", "organisation": organisation.pk})
    page = client.get(reverse("organisation_detail", args=[organisation.pk])).content.decode()
    assert "デザイナーが足りない" in page and "株式会社 上州デザイン" in page


def test_organisation_field_is_absent_for_people_without_one(client, person, gunma):
    client.force_login(person)
    assert "organisation" not in client.get(reverse("issue_new")).context["form"].fields


def test_list_filters_by_kind(client, db):
    OrganisationFactory(name="大学A", kind="university")
    OrganisationFactory(name="会社B", kind="company")
    page = client.get(reverse("organisation_list"), {"kind": "university"}).content.decode()
    assert "大学A" in page and "会社B" not in page


def test_the_website_field_is_shown_and_only_the_honeypot_is_hidden(client, person, gunma):
    # The sign-up honeypot is also named "website"; hiding goes by the field's kind, not its name.
    client.force_login(person)
    page = client.get(reverse("organisation_new")).content.decode()
    assert 'id="id_website"' in page and "honeypot" not in page
    client.logout()
    signup = client.get(reverse("signup")).content.decode()
    hidden = signup[signup.index('class="field honeypot"'):]
    assert hidden.index('id="id_website"') < hidden.index("</div>")
