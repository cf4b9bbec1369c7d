"""Survey invitations are their own kind of notice (SURVEYS, 0023): the notice stays on the site, the invitation
e-mail is the one e-mail; "none" means not invited, "site only" no e-mail, and a retry sends nothing twice."""

from django.core import mail

from yukemuri.notifications.models import Channel, NoticeKind, Notification
from yukemuri.notifications.services import choices_save
from yukemuri.notifications.tasks import send_due_digests
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.surveys import services, tasks
from yukemuri.surveys.models import Invitation, Survey

from .conftest import SHIBUKAWA


def invite(survey, coordinator, capture):
    with capture(execute=True):
        return services.invite(survey=survey, by=coordinator, municipalities=[Municipality.objects.get(code=SHIBUKAWA)],
                               age_bands=["30s"])


def test_each_persons_choice_decides_the_invitation(make_survey, coordinator, django_capture_on_commit_callbacks):
    survey = make_survey(access=Survey.Access.INVITATION)
    shibukawa = Municipality.objects.get(code=SHIBUKAWA)
    default, silent, on_site, weekly = (PersonFactory(home_municipality=shibukawa, age_band="30s") for _ in range(4))
    no_email = PersonFactory(home_municipality=shibukawa, age_band="30s", email_digest=False)
    choices_save(person=silent, choices={NoticeKind.SURVEYS: Channel.NONE})
    choices_save(person=on_site, choices={NoticeKind.SURVEYS: Channel.SITE})
    choices_save(person=weekly, choices={NoticeKind.SURVEYS: Channel.WEEKLY})
    mail.outbox.clear()
    assert invite(survey, coordinator, django_capture_on_commit_callbacks) == 4
    assert not Invitation.objects.filter(person=silent).exists()
    notices = Notification.objects.filter(kind=NoticeKind.SURVEYS)
    assert set(notices.values_list("person_id", flat=True)) == {default.pk, on_site.pk, weekly.pk, no_email.pk}
    assert not notices.filter(email_after__isnull=False).exists()  # on the site; the invitation is the e-mail
    assert sorted(m.to[0] for m in mail.outbox) == sorted([default.email, weekly.email])
    mail.outbox.clear()
    assert send_due_digests() == 0 and mail.outbox == []  # no digest repeats the invitation


def test_a_retry_sends_the_invitation_once(make_survey, coordinator, django_capture_on_commit_callbacks):
    survey = make_survey(access=Survey.Access.INVITATION)
    person = PersonFactory(home_municipality=Municipality.objects.get(code=SHIBUKAWA), age_band="30s")
    invite(survey, coordinator, django_capture_on_commit_callbacks)
    assert invite(survey, coordinator, django_capture_on_commit_callbacks) == 0  # invited before: skipped
    invitation = Invitation.objects.get(person=person)
    assert tasks.send_invitation.call(invitation.pk) is False  # already sent
    assert len([m for m in mail.outbox if invitation.token in m.body]) == 1
    assert Notification.objects.filter(person=person).count() == 1
