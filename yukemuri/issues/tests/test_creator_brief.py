"""An issue asking for creators: who may set the brief, its rules, and where it shows."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.core.models import Visibility
from yukemuri.issues import services
from yukemuri.issues.models import CreatorBrief, Issue
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

BRIEF = {"wanted": "空き家の魅力を伝える短い動画とチラシ", "kinds": ["video", "design"], "budget_yen": 80_000}


def with_role(role):
    person = PersonFactory()
    role_assign(person=person, role=role)
    return person


def test_author_coordinators_and_staff_may_set_the_brief_others_not(person, other_person, make_issue):
    issue = make_issue(person)
    with pytest.raises(PermissionDenied):
        services.creator_brief_set(issue=issue, by=other_person, **BRIEF)
    moderator = with_role(Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        services.creator_brief_set(issue=issue, by=moderator, **BRIEF)
    brief = services.creator_brief_set(issue=issue, by=person, **BRIEF)
    assert brief.kinds == ["design", "video"] and brief.budget_yen == 80_000 and brief.is_open
    for by in (with_role(Role.COORDINATOR), with_role(Role.MUNICIPAL_STAFF), PersonFactory(is_staff=True)):
        services.creator_brief_set(issue=issue, by=by, **{**BRIEF, "status": "closed"})
    assert CreatorBrief.objects.get().status == "closed" and CreatorBrief.objects.count() == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"budget_yen": 80_000.0}, "budget_yen"),
    ({"budget_yen": Decimal("80000")}, "budget_yen"),
    ({"budget_yen": 0}, "budget_yen"),
    ({"kinds": []}, "kinds"),
    ({"kinds": ["astronaut"]}, "kinds"),
    ({"wanted": "  "}, "wanted"),
    ({"status": "maybe"}, "status"),
])
def test_brief_rules(person, make_issue, change, field):
    issue = make_issue(person)
    with pytest.raises(ValidationError) as error:
        services.creator_brief_set(issue=issue, by=person, **{**BRIEF, **change})
    assert field in error.value.error_dict and not CreatorBrief.objects.exists()


def test_no_budget_is_fine(person, make_issue):
    brief = services.creator_brief_set(issue=make_issue(person), by=person, **{**BRIEF, "budget_yen": None})
    assert brief.budget_yen is None


def test_issue_page_shows_the_brief_with_a_link_to_matching_creators(client, person, make_issue):
    issue = make_issue(person)
    url = reverse("issue_detail", args=[issue.pk])
    assert reverse("issue_creator_brief", args=[issue.pk]) not in client.get(url).content.decode()
    services.creator_brief_set(issue=issue, by=person, **BRIEF)
    page = client.get(url).content.decode()
    section = page.split('id="creator-brief"')[1].split("</section>")[0]
    assert BRIEF["wanted"] in section and "80,000" in section
    assert f'{reverse("creator_list")}?kind=design&amp;kind=video' in section
    assert f'{reverse("creator_list")}?kind=video' in section
    assert reverse("issue_creator_brief", args=[issue.pk]) not in section  # visitors cannot change it
    client.force_login(person)
    assert reverse("issue_creator_brief", args=[issue.pk]) in client.get(url).content.decode()


def test_open_briefs_are_listed_on_the_creators_page(client, person, make_issue):
    open_issue = make_issue(person, title="チラシを作りたい")
    closed_issue = make_issue(person, title="終わった募集")
    hidden_issue = make_issue(person, title="非表示の課題")
    services.creator_brief_set(issue=open_issue, by=person, **BRIEF)
    services.creator_brief_set(issue=closed_issue, by=person, **{**BRIEF, "status": "closed"})
    services.creator_brief_set(issue=hidden_issue, by=person, **BRIEF)
    Issue.objects.filter(pk=hidden_issue.pk).update(visibility=Visibility.HIDDEN)
    response = client.get(reverse("creator_list"))
    assert [brief.issue.title for brief in response.context["briefs"]] == ["チラシを作りたい"]
    page = response.content.decode()
    assert "チラシを作りたい" in page and "終わった募集" not in page and "非表示の課題" not in page
    assert reverse("issue_detail", args=[open_issue.pk]) in page


def test_brief_form_page(client, person, other_person, make_issue):
    issue = make_issue(person)
    url = reverse("issue_creator_brief", args=[issue.pk])
    client.force_login(other_person)
    assert client.get(url).status_code == 403
    client.force_login(person)
    response = client.post(url, {"wanted": "ロゴ", "kinds": ["design"], "budget_yen": "５０，０００", "status": "open"})
    assert response.status_code == 302 and response["Location"].endswith("#creator-brief")
    brief = CreatorBrief.objects.get()
    assert (brief.wanted, brief.kinds, brief.budget_yen, brief.set_by) == ("ロゴ", ["design"], 50_000, person)
    response = client.post(url, {"wanted": "ロゴ", "kinds": ["design"], "budget_yen": "5万円", "status": "open"})
    assert response.status_code == 400 and "budget_yen" in response.context["form"].errors
    assert client.get(url).context["form"].initial["budget_yen"] == 50_000
