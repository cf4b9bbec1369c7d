"""Roles wanted, applications and invitations, and the team they build."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.notifications.models import Notification
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams import services
from yukemuri.teams.models import Application, RoleKind, RoleWanted, TeamMember


@pytest.fixture
def idea(person, make_idea):
    return make_idea(person)


def test_the_proposer_is_the_first_lead(idea, person):
    assert list(TeamMember.objects.filter(idea=idea).values_list("person", "is_lead")) == [(person.pk, True)]


def test_roles_list_skills_and_only_managers_open_them(idea, person, other_person, coordinator):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["まちづくり", "不動産"],
                              description="空き家の持ち主と話せる人")
    assert sorted(role.skills.values_list("name", flat=True)) == ["まちづくり", "不動産"]
    services.role_open(idea=idea, by=coordinator, kind=RoleKind.VOLUNTEER, count=20)
    with pytest.raises(PermissionDenied):
        services.role_open(idea=idea, by=other_person, kind=RoleKind.ENGINEER)
    with pytest.raises(ValidationError):
        services.role_open(idea=idea, by=person, kind="astronaut")
    with pytest.raises(ValidationError):
        services.role_open(idea=idea, by=person, kind=RoleKind.ENGINEER, count=9)


def test_apply_accept_fills_and_closes_the_role(idea, person):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.VOLUNTEER, count=2)
    first, second, third = PersonFactory(), PersonFactory(), PersonFactory()
    applications = [services.apply(role=role, person=p, message="手伝えます") for p in (first, second, third)]
    with pytest.raises(ValidationError):
        services.apply(role=role, person=first)  # one pending application each
    with pytest.raises(PermissionDenied):
        services.answer(application=applications[0], by=second, accept=True)
    services.answer(application=applications[0], by=person, accept=True)
    services.answer(application=applications[1], by=person, accept=True)
    role.refresh_from_db()
    assert (role.filled, role.is_open) == (2, False)
    with pytest.raises(ValidationError) as excinfo:
        services.answer(application=applications[2], by=person, accept=True)
    assert excinfo.value.messages == ["この役割の募集は終了しました。"]
    members = set(TeamMember.objects.filter(idea=idea, role=RoleKind.VOLUNTEER).values_list("person", flat=True))
    assert members == {first.pk, second.pk}


def test_leads_hear_of_applications_and_applicants_of_answers(idea, person, django_capture_on_commit_callbacks):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    applicant = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = services.apply(role=role, person=applicant)
    assert "applied" in Notification.objects.get(person=person).message
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(application=application, by=person, accept=False)
    assert Application.objects.get(pk=application.pk).status == "declined"
    assert "answered no" in Notification.objects.get(person=applicant).message


def test_invitations_are_answered_by_the_invited_person(idea, person):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    invitee, stranger = PersonFactory(), PersonFactory()
    invitation = services.invite(role=role, person=invitee, by=person)
    with pytest.raises(PermissionDenied):
        services.answer(application=invitation, by=person, accept=True)
    with pytest.raises(PermissionDenied):
        services.invite(role=role, person=PersonFactory(), by=stranger)
    services.answer(application=invitation, by=invitee, accept=True)
    assert TeamMember.objects.filter(idea=idea, person=invitee, role=RoleKind.KEY_PERSON).exists()


def test_applying_after_an_invitation_accepts_it(idea, person):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.ENGINEER)
    invitee = PersonFactory()
    services.invite(role=role, person=invitee, by=person)
    services.apply(role=role, person=invitee)
    assert TeamMember.objects.filter(idea=idea, person=invitee).exists()
    assert Application.objects.filter(person=invitee, status="pending").count() == 0


def test_leaving_reopens_the_role(idea, person):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    key = PersonFactory()
    services.answer(application=services.apply(role=role, person=key), by=person, accept=True)
    assert not RoleWanted.objects.get(pk=role.pk).is_open
    member = TeamMember.objects.get(idea=idea, person=key)
    with pytest.raises(PermissionDenied):
        services.member_remove(member=member, by=PersonFactory())
    services.member_remove(member=member, by=key)
    role.refresh_from_db()
    assert (role.is_open, role.filled) == (True, 0)


def test_team_page_and_applying_through_the_site(client, idea, person):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["農業"])
    applicant = PersonFactory(display_name="りんご農家")
    client.force_login(applicant)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "募集中の役割" in page and "キーマン" in page and "農業" in page
    assert "チームには2人以上のメンバーが必要です。" in page  # what it lacks for the next stage
    client.post(reverse("role_apply", args=[role.pk]), {"message": "畑があります"})
    client.force_login(person)
    page = client.get(reverse("team", args=[idea.pk])).content.decode()
    assert "畑があります" in page and "受け入れる" in page
    application = Application.objects.get(person=applicant)
    client.post(reverse("application_answer", args=[application.pk]), {"accept": "1"})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "チームには2人以上のメンバーが必要です。" not in page
    client.force_login(PersonFactory())
    assert client.post(reverse("role_new", args=[idea.pk]), {"kind": "engineer", "count": "1"}).status_code == 403


def test_my_applications_page_answers_invitations(client, idea, person):
    role = services.role_open(idea=idea, by=person, kind=RoleKind.CREATOR)
    invitee = PersonFactory()
    invitation = services.invite(role=role, person=invitee, by=person)
    client.force_login(invitee)
    page = client.get(reverse("my_applications")).content.decode()
    assert idea.title in page and "招待を受ける" in page
    client.post(reverse("application_answer", args=[invitation.pk]), {"accept": "0"})
    assert Application.objects.get(pk=invitation.pk).status == "declined"


def test_an_idea_keeps_at_least_one_lead(idea, person):
    lead = TeamMember.objects.get(idea=idea, person=person)
    with pytest.raises(ValidationError) as excinfo:
        services.member_lead(member=lead, by=person, lead=False)
    assert excinfo.value.messages == ["アイデアにはチームリーダーが1人以上必要です。先にほかの人をリーダーにしてください。"]
    with pytest.raises(ValidationError):
        services.member_remove(member=lead, by=person)
    role = services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    key = PersonFactory()
    services.answer(application=services.apply(role=role, person=key), by=person, accept=True)
    services.member_lead(member=TeamMember.objects.get(idea=idea, person=key), by=person, lead=True)
    services.member_remove(member=lead, by=person)
    assert list(TeamMember.objects.filter(idea=idea, is_lead=True).values_list("person", flat=True)) == [key.pk]
