"""The team's notices are receivers of the action stream: the right people hear after commit, with the same
message ids as before, and a rolled-back change tells no one."""

import pytest

from yukemuri.notifications.models import Notification
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams import receivers, services
from yukemuri.teams.models import Application, RoleKind, TeamMember


@pytest.fixture
def idea(person, make_idea):
    return make_idea(person)


@pytest.fixture
def role(idea, person):
    return services.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)


def notices(message):
    return list(Notification.objects.filter(message=message).values_list("person", "url", "params"))


def test_the_leads_hear_of_an_application_after_commit(idea, role, person, committed, rolled_back):
    applicant = PersonFactory()
    rolled_back(lambda: services.apply(role=role, person=applicant))
    assert not Notification.objects.exists() and not Application.objects.exists()
    committed(lambda: services.apply(role=role, person=applicant))
    assert notices(receivers.APPLIED) == [(person.pk, f"{idea.get_absolute_url()}team/", {
        "name": applicant.display_name, "role_label": "Key person", "title": idea.title})]
    assert not Notification.objects.filter(person=applicant).exists()


def test_the_invited_person_hears_after_commit(idea, role, person, committed, rolled_back):
    invitee = PersonFactory()
    rolled_back(lambda: services.invite(role=role, person=invitee, by=person))
    assert not Notification.objects.exists()
    committed(lambda: services.invite(role=role, person=invitee, by=person))
    assert notices(receivers.INVITED) == [(invitee.pk, "/me/applications/",
                                           {"role_label": "Key person", "title": idea.title})]


def test_the_applicant_hears_the_answer_after_commit(idea, role, person, committed, rolled_back):
    applicant = PersonFactory()
    application = services.apply(role=role, person=applicant)  # its notice's callback is not run here
    rolled_back(lambda: services.answer(application=application, by=person, accept=True))
    assert not Notification.objects.exists() and not TeamMember.objects.filter(person=applicant).exists()
    committed(lambda: services.answer(application=application, by=person, accept=True))
    assert notices(receivers.ACCEPTED) == [(applicant.pk, f"{idea.get_absolute_url()}team/",
                                            {"title": idea.title, "role_label": "Key person"})]
    assert Notification.objects.count() == 1  # the join answered an application: no other notice


def test_an_answered_invitation_tells_no_one(role, person, committed):
    invitee = PersonFactory()
    invitation = services.invite(role=role, person=invitee, by=person)
    committed(lambda: services.answer(application=invitation, by=invitee, accept=True))
    assert not Notification.objects.exists()


def test_the_leads_hear_of_a_join_by_suggestion_after_commit(idea, role, person, committed, rolled_back):
    joiner = PersonFactory()
    rolled_back(lambda: services.join_by_suggestion(role=role, person=joiner))
    assert not Notification.objects.exists() and not TeamMember.objects.filter(person=joiner).exists()
    committed(lambda: services.join_by_suggestion(role=role, person=joiner))
    assert notices(receivers.JOINED_BY_SUGGESTION) == [(person.pk, f"{idea.get_absolute_url()}team/", {
        "name": joiner.display_name, "role_label": "Key person", "title": idea.title})]
    assert Notification.objects.count() == 1
