import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.issues import services
from yukemuri.issues.models import Issue
from yukemuri.organisations.services import membership_add
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area


def test_municipality_decides_area_and_prefecture(person, make_issue):
    issue = make_issue(person)
    assert (issue.municipality.code, issue.area.name, issue.prefecture.code) == ("102083", "北群馬渋川", "100005")
    assert issue.status == Issue.Status.OPEN and issue.is_published


def test_area_only_and_prefecture_wide_issues(person, make_issue, gunma):
    by_area = make_issue(person, code=None, place={"area": Area.objects.get(name="吾妻")})
    assert by_area.municipality is None and by_area.area.name == "吾妻"
    whole = make_issue(person, code=None, place=None)
    assert whole.prefecture == gunma and whole.area is None


def test_body_is_markdown_rendered_and_sanitised(person, make_issue):
    issue = make_issue(person, body="**大事** <script>alert(1)</script> [link](javascript:alert(1))")
    assert "<strong>大事</strong>" in issue.body_html
    assert "<script" not in issue.body_html and 'href="javascript' not in issue.body_html


def test_evidence_links_and_sdgs_and_themes(person, make_issue):
    issue = make_issue(person, sdg_numbers=[11, 8], theme_names=["空き家", "まちづくり"],
                       evidence=[("https://www.pref.gunma.jp/", "県の統計")])
    assert sorted(g.number for g in issue.sdgs.all()) == [8, 11]
    assert sorted(t.name for t in issue.themes.all()) == ["まちづくり", "空き家"]
    assert issue.evidence.get().title == "県の統計"


def test_posting_for_an_organisation_needs_membership(person, make_issue):
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        make_issue(person, organisation=organisation)
    membership_add(organisation=organisation, person=person)
    assert make_issue(person, organisation=organisation).organisation == organisation


def test_only_the_author_organisation_or_admin_may_edit(person, other_person, make_issue):
    issue = make_issue(person)
    with pytest.raises(PermissionDenied):
        services.issue_update(issue=issue, editor=other_person, title="x", body="y")
    services.issue_update(issue=issue, editor=person, title="新しい題", body="本文")
    issue.refresh_from_db()
    assert issue.title == "新しい題"
    admin = PersonFactory()
    role_assign(person=admin, role=Role.ADMINISTRATOR)
    services.issue_update(issue=issue, editor=admin, title="管理者が修正", body="本文")


def test_status_may_be_changed_by_coordinators_and_staff_but_not_others(person, other_person, make_issue):
    issue = make_issue(person)
    with pytest.raises(PermissionDenied):
        services.issue_set_status(issue=issue, by=other_person, status=Issue.Status.ADDRESSED)
    coordinator = PersonFactory()
    role_assign(person=coordinator, role=Role.COORDINATOR)
    services.issue_set_status(issue=issue, by=coordinator, status=Issue.Status.ADDRESSED)
    assert Issue.objects.get(pk=issue.pk).status == "addressed"
    with pytest.raises(ValidationError):
        services.issue_set_status(issue=issue, by=person, status="solved-ish")


def test_support_counts_once_per_person(person, other_person, make_issue):
    issue = make_issue(person)
    assert services.issue_support(issue=issue, person=other_person) == 1
    assert services.issue_support(issue=issue, person=other_person) == 1
    assert services.issue_support(issue=issue, person=person) == 2
    assert services.issue_support(issue=issue, person=other_person, supported=False) == 1
    assert services.issue_support(issue=issue, person=other_person, supported=False) == 1
    assert issue.supports.count() == 1


def test_create_page_posts_an_issue(client, person, gunma):
    client.force_login(person)
    response = client.post(reverse("issue_new"), {
        "title": "バスの本数が少ない", "body": "通学に使えるバスがない。", "place": "m:104434",
        "sdgs": ["11"], "themes": "交通、通学", "evidence": "https://example.jp/bus 時刻表",
    })
    issue = Issue.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("issue_detail", args=[issue.pk])
    assert issue.municipality.name == "片品村"
    assert sorted(t.name for t in issue.themes.all()) == ["交通", "通学"]
    page = client.get(response["Location"]).content.decode()
    assert "バスの本数が少ない" in page and "時刻表" in page and "片品村" in page


def test_create_page_shows_field_errors(client, person, gunma):
    client.force_login(person)
    response = client.post("/en" + reverse("issue_new"), {"title": "", "body": "x", "place": "m:999999",
                                                            "evidence": "not a link"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"title", "place", "evidence"}
    assert "Line 1" in errors["evidence"][0]
    assert not Issue.objects.exists()


def test_status_form_on_the_page(client, person, make_issue):
    issue = make_issue(person)
    client.force_login(person)
    client.post(reverse("issue_status", args=[issue.pk]), {"status": "resolved"})
    assert Issue.objects.get(pk=issue.pk).status == "resolved"


def test_edit_page_forbidden_to_others(client, person, other_person, make_issue):
    issue = make_issue(person)
    client.force_login(other_person)
    assert client.get(reverse("issue_edit", args=[issue.pk])).status_code == 403
    response = client.post(reverse("issue_edit", args=[issue.pk]), {"title": "乗っ取り", "body": "x", "place": "p:100005"})
    assert response.status_code == 403
    assert Issue.objects.get(pk=issue.pk).title != "乗っ取り"


def test_edit_page_keeps_values_and_saves(client, person, make_issue):
    issue = make_issue(person, theme_names=["空き家"], sdg_numbers=[11])
    client.force_login(person)
    form = client.get(reverse("issue_edit", args=[issue.pk])).context["form"]
    assert form.initial["place"] == "m:102083" and form.initial["themes"] == "空き家"
    agatsuma = Area.objects.get(name="吾妻")
    client.post(reverse("issue_edit", args=[issue.pk]), {"title": "空き家の増加", "body": "更新",
                                                         "place": f"a:{agatsuma.pk}", "sdgs": ["11"], "themes": "空き家"})
    issue.refresh_from_db()
    assert issue.title == "空き家の増加" and issue.municipality is None and issue.area == agatsuma


def test_unknown_issue_is_404(client, db):
    assert client.get(reverse("issue_detail", args=[999])).status_code == 404
