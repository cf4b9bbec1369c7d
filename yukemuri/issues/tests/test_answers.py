"""Official answers (公式回答, issue 20): who may answer, the history, the notices, the page and the report."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from yukemuri.core.models import Visibility
from yukemuri.issues import selectors, services
from yukemuri.issues.models import AnswerState, Issue, OfficialAnswer
from yukemuri.notifications.models import Channel, NoticeChoice, NoticeKind, Notification
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import membership_add
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality


def city_staff(code="102083", verified=True):
    """A member of the municipality organisation of the municipality `code`."""
    organisation = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY, verified=verified,
                                       municipality=Municipality.objects.get(code=code), name=f"市役所{code}")
    staff = PersonFactory()
    membership_add(organisation=organisation, person=staff)
    return staff


def answer(issue, by, state=AnswerState.RECEIVED, body="受け付けました。", **kwargs):
    return services.answer_issue(issue=Issue.objects.get(pk=issue.pk), by=by, state=state, body=body, **kwargs)


@pytest.fixture
def issue(person, make_issue):
    return make_issue(person)


def test_the_municipalitys_verified_organisation_answers(issue, gunma):
    assert city_staff().has_perm("issues.answer_issue", issue)
    assert not city_staff(verified=False).has_perm("issues.answer_issue", issue)  # not yet verified
    assert not city_staff(code="102016").has_perm("issues.answer_issue", issue)  # 前橋市: another municipality
    role_holder = PersonFactory()
    role_assign(person=role_holder, role=Role.MUNICIPAL_STAFF)
    assert not role_holder.has_perm("issues.answer_issue", issue)  # the role is tied to no municipality


def test_the_organisation_the_issue_names_answers(person, make_issue):
    organisation = OrganisationFactory()
    membership_add(organisation=organisation, person=person)
    member = PersonFactory()
    membership_add(organisation=organisation, person=member)
    named = make_issue(person, organisation=organisation)
    saved = answer(named, member, AnswerState.CONSIDERING)
    assert saved.organisation == organisation and saved.answered_by == member


def test_a_resident_is_refused_and_nothing_is_kept(issue, other_person):
    with pytest.raises(PermissionDenied):
        answer(issue, other_person)
    assert not OfficialAnswer.objects.exists() and Issue.objects.get(pk=issue.pk).answer_state == ""


def test_every_answer_is_kept_and_the_latest_is_the_issues(issue, gunma):
    staff = city_staff()
    first = answer(issue, staff, AnswerState.RECEIVED)
    later = answer(issue, staff, AnswerState.IN_PROGRESS, body="**来月**から着手します。<script>x</script>")
    history = list(selectors.answers_of(issue))
    assert history == [later, first] and first.created_at <= later.created_at
    assert Issue.objects.get(pk=issue.pk).answer_state == AnswerState.IN_PROGRESS
    assert "<strong>来月</strong>" in later.body_html and "<script" not in later.body_html
    assert later.organisation.name == "市役所102083"
    assert selectors.answer_states() == {issue.pk: AnswerState.IN_PROGRESS}
    assert selectors.answer_states([issue.pk + 1]) == {}


def test_not_possible_needs_a_reason(issue):
    staff = PersonFactory(is_staff=True)
    with pytest.raises(ValidationError) as refused:
        answer(issue, staff, AnswerState.NOT_POSSIBLE)
    assert "reason" in refused.value.message_dict
    saved = answer(issue, staff, AnswerState.NOT_POSSIBLE, reason="県の管轄です。")
    assert saved.reason == "県の管轄です。" and saved.organisation is None  # site staff answer for no one
    # A reason given with another state is not kept: it would explain nothing.
    assert answer(issue, staff, AnswerState.DONE, reason="x").reason == ""


@pytest.mark.parametrize(("state", "body"), [("maybe", "本文"), (AnswerState.DONE, "  ")])
def test_bad_answers_are_refused(issue, state, body):
    with pytest.raises(ValidationError):
        answer(issue, PersonFactory(is_staff=True), state, body)


def test_a_hidden_issue_is_not_answered(issue):
    Issue.objects.filter(pk=issue.pk).update(visibility=Visibility.HIDDEN)
    with pytest.raises(PermissionDenied):
        answer(issue, PersonFactory(is_staff=True))


def test_the_author_and_supporters_are_told_after_commit(issue, person, committed, rolled_back, gunma):
    supporter, quiet, staff = PersonFactory(), PersonFactory(), city_staff()
    services.issue_support(issue=issue, person=supporter)
    services.issue_support(issue=issue, person=quiet)
    services.issue_support(issue=issue, person=staff)  # the one who answers is not told of their own answer
    NoticeChoice.objects.create(person=quiet, kind=NoticeKind.ANSWERS, channel=Channel.NONE)
    rolled_back(lambda: answer(issue, staff))
    assert not Notification.objects.filter(kind=NoticeKind.ANSWERS).exists()
    committed(lambda: answer(issue, staff, AnswerState.DONE))
    told = Notification.objects.filter(kind=NoticeKind.ANSWERS)
    assert sorted(told.values_list("person_id", flat=True)) == sorted([person.pk, supporter.pk])
    notice = told.get(person=supporter)
    assert notice.params == {"title": issue.title, "state_label": "Done"}
    assert notice.url == reverse("issue_detail", args=[issue.pk]) + "#official-answer"


def test_staff_answer_on_the_page_and_everyone_reads_it(client, issue, gunma):
    staff = city_staff()
    client.force_login(staff)
    page = client.get(f"/en/issues/{issue.pk}/")
    assert b'action="/en/issues/%d/answer/"' % issue.pk in page.content
    response = client.post(f"/en/issues/{issue.pk}/answer/", {"state": "considering", "body": "検討します。"})
    assert response.status_code == 302 and response["Location"].endswith("#official-answer")
    client.logout()
    page = client.get(f"/en/issues/{issue.pk}/").content.decode()
    assert "検討します。" in page and "Official answer: Under consideration" in page and "市役所102083" in page
    assert "/answer/" not in page  # no form for those who may not answer
    listing = client.get("/en/issues/").content.decode()
    assert "Official answer: Under consideration" in listing  # the card's badge, in words


def test_a_refused_answer_keeps_what_was_typed(client, issue):
    client.force_login(PersonFactory(is_staff=True))
    response = client.post(f"/en/issues/{issue.pk}/answer/", {"state": "not_possible", "body": "難しいです。"})
    assert response.status_code == 400 and "難しいです。" in response.content.decode()
    assert not OfficialAnswer.objects.exists()


@pytest.mark.parametrize("data", [{}, {"state": "x" * 5000, "body": "b"}, {"state": ["a", "b"]}])
def test_odd_answer_posts_never_fail(client, issue, data):
    client.force_login(PersonFactory(is_staff=True))
    assert client.post(f"/en/issues/{issue.pk}/answer/", data).status_code == 400


def test_those_who_may_not_answer_are_refused(client, issue, other_person):
    assert client.post(f"/en/issues/{issue.pk}/answer/", {"state": "done", "body": "x"}).status_code == 302  # login
    client.force_login(other_person)
    assert client.post(f"/en/issues/{issue.pk}/answer/", {"state": "done", "body": "x"}).status_code == 403
    assert client.get(f"/en/issues/{issue.pk}/answer/").status_code == 403
    assert client.post("/en/issues/999999/answer/", {"state": "done"}).status_code == 404


def _aged(issue, days):
    Issue.objects.filter(pk=issue.pk).update(created_at=timezone.now() - timedelta(days=days))


def _answered_after(issue, by, days):
    saved = answer(issue, by)
    created = Issue.objects.get(pk=issue.pk).created_at
    OfficialAnswer.objects.filter(pk=saved.pk).update(created_at=created + timedelta(days=days))


def test_the_first_answer_report(person, make_issue, gunma):
    staff = PersonFactory(is_staff=True)
    fast, slow, waiting, young = (make_issue(person, title=t) for t in ("速い", "遅い", "待ち", "新しい"))
    for old in (fast, slow, waiting):
        _aged(old, 100)
    _aged(young, 5)
    _answered_after(fast, staff, 2)
    answer(fast, staff, AnswerState.DONE)  # a later answer does not change the time to the first one
    _answered_after(slow, staff, 40)
    make_issue(person, title="前橋", code="102016")
    report = {row["code"]: row for row in selectors.first_answer_report()}
    shibukawa = report["102083"]
    assert shibukawa == {"code": "102083", "name": "渋川市", "issues": 4, "answered": 2, "unanswered": 2,
                         "median_days": 21.0, "share_in_time": round(1 / 3, 3), "due": 3}
    assert report["102016"]["median_days"] is None and report["102016"]["share_in_time"] is None
    assert list(report) == ["102083", "102016"]  # most issues first


def test_the_report_page(client, person, make_issue):
    issue = make_issue(person)
    answer(issue, PersonFactory(is_staff=True))
    page = client.get("/en/issues/answers/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "渋川市" in text and "First official answers per municipality" in text


def test_the_api_says_the_answer_state(client, issue):
    assert client.get(f"/api/v1/issues/{issue.pk}").json()["answer_state"] == ""
    answer(issue, PersonFactory(is_staff=True), AnswerState.IN_PROGRESS)
    assert client.get(f"/api/v1/issues/{issue.pk}").json()["answer_state"] == "in_progress"
    assert client.get("/api/v1/issues").json()["results"][0]["answer_state"] == "in_progress"


def test_issues_posted_in_the_same_instant_count_apart_in_the_report(person, make_issue, gunma):
    """Paper forms entered in one go, or an import, can share a created_at to the microsecond."""
    first, second = make_issue(person, title="同時A"), make_issue(person, title="同時B")
    Issue.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=timezone.now() - timedelta(days=40))
    answer(first, PersonFactory(is_staff=True))
    row = {row["code"]: row for row in selectors.first_answer_report()}["102083"]
    assert (row["issues"], row["answered"], row["unanswered"]) == (2, 1, 1)
