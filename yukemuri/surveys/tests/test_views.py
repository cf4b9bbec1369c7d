"""The pages without JavaScript: staff build a survey through forms, a resident answers through the link and
cannot answer twice, an invited person through their token, results follow the rules, the CSV is POST-only."""

import csv
import io

import pytest
from django.urls import reverse

from yukemuri.actions.models import Action
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.surveys import services
from yukemuri.surveys.models import Invitation, Question, Response, Survey

from .conftest import SHIBUKAWA, answer


def _post_answers(client, url, survey, **extra):
    q = survey.q
    return client.post(url, {f"q{q[0].pk}": "5", f"q{q[1].pk}": "7", f"q{q[2].pk}": "1", f"q{q[3].pk}": ["2"],
                             f"q{q[4].pk}": "3", f"q{q[5].pk}": "楽しい", **extra})


def test_staff_build_a_survey_with_forms(client, coordinator, gunma):
    client.force_login(coordinator)
    assert client.get(reverse("survey_new")).status_code == 200
    response = client.post(reverse("survey_new"), {"title": "", "access": "link", "anonymous": "on"})
    assert response.status_code == 400 and "title" in response.context["form"].errors
    response = client.post(reverse("survey_new"), {"title": "暮らしの調査", "access": "link", "anonymous": "on"})
    survey = Survey.objects.get(title="暮らしの調査")
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    url = reverse("survey_question_new", args=[survey.pk])
    response = client.post(url, {"kind": "single", "text": "満足ですか", "choices": "はい | Yes\n"})
    assert response.status_code == 400 and "choices" in response.context["form"].errors
    assert response.context["form"]["text"].value() == "満足ですか"  # what was typed stays
    client.post(url, {"kind": "single", "text": "満足ですか", "choices": "はい | Yes\nいいえ | No"})
    first = Question.objects.get(survey=survey)
    assert first.choices == [["はい", "Yes"], ["いいえ", "No"]]
    client.post(url, {"kind": "text", "text": "なぜですか", "condition_question": first.pk, "condition_values": "2"})
    second = Question.objects.get(text="なぜですか")
    assert (second.condition_question, second.condition_values) == (first, ["2"])
    page = client.get(reverse("survey_question_edit", args=[survey.pk, second.pk]))
    assert page.context["form"]["condition_values"].value() == "2"
    client.post(reverse("survey_status", args=[survey.pk]), {"action": "open"})
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.OPEN
    assert Action.objects.filter(verb="survey.status_changed", actor=coordinator).count() == 1
    assert client.get(reverse("survey_manage", args=[survey.pk])).status_code == 200


def test_residents_cannot_reach_the_builder(client, person, make_survey):
    survey = make_survey()
    client.force_login(person)
    assert client.get(reverse("survey_new")).status_code == 403
    assert client.get(reverse("survey_manage", args=[survey.pk])).status_code == 403
    assert client.post(reverse("survey_status", args=[survey.pk]), {"action": "close"}).status_code == 403
    assert client.get(reverse("survey_results", args=[survey.pk])).status_code == 403
    assert Survey.objects.get(pk=survey.pk).is_open


def test_a_resident_answers_through_the_link_once(client, make_survey, gunma):
    survey = make_survey()
    url = reverse("survey_answer", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200 and f"survey{survey.pk}" in page.cookies
    assert f'data-show-if="q{survey.q[2].pk}"' in page.content.decode()  # the activities wait for "はい"
    assert "area" in page.context["form"].fields  # not known: asked
    response = _post_answers(client, url, survey, area=Municipality.objects.get(code=SHIBUKAWA).area_id,
                             age_band="30s")
    assert response.status_code == 302 and response["Location"] == reverse("survey_thanks", args=[survey.pk])
    saved = Response.objects.get()
    assert saved.age_band == "30s" and saved.person is None and saved.answers.count() == 6
    again = client.get(url)
    assert again.context["answered"] and "form" not in again.context
    assert _post_answers(client, url, survey).status_code == 400
    assert Response.objects.count() == 1


def test_a_wrong_answer_keeps_what_was_typed(client, make_survey):
    survey = make_survey()
    url = reverse("survey_answer", args=[survey.pk])
    client.get(url)
    response = _post_answers(client, url, survey, **{f"q{survey.q[4].pk}": "9999"})
    assert response.status_code == 400
    form = response.context["form"]
    assert f"q{survey.q[4].pk}" in form.errors and form[f"q{survey.q[5].pk}"].value() == "楽しい"
    assert not Response.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "1e999", "\x00"])
def test_no_input_causes_an_error_page(client, make_survey, value):
    survey = make_survey()
    url = reverse("survey_answer", args=[survey.pk])
    client.get(url)
    response = _post_answers(client, url, survey, **{f"q{survey.q[4].pk}": value, "age_band": value, "area": value})
    assert response.status_code in (302, 400)


def test_an_invitation_link_answers_once(client, make_survey, coordinator):
    survey = make_survey(access=Survey.Access.INVITATION)
    person = PersonFactory(home_municipality=Municipality.objects.get(code=SHIBUKAWA), age_band="50s")
    services.invite(survey=survey, by=coordinator, municipalities=[person.home_municipality], age_bands=["50s"])
    invitation = Invitation.objects.get()
    assert client.get(reverse("survey_answer", args=[survey.pk])).status_code == 403  # the bare link
    url = reverse("survey_invited", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200 and "area" not in page.context["form"].fields  # known from the invitation
    assert _post_answers(client, url, survey).status_code == 302
    assert Response.objects.get().age_band == "50s"
    assert _post_answers(client, url, survey).status_code == 400
    assert client.get(reverse("survey_invited", args=["nonsense"])).status_code == 404


def test_a_signed_survey_asks_to_log_in(client, make_survey):
    survey = make_survey(anonymous=False)
    response = client.get(reverse("survey_answer", args=[survey.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_results_are_public_once_closed_and_published(client, make_survey, coordinator):
    survey = make_survey()
    url = reverse("survey_results", args=[survey.pk])
    assert client.get(url).status_code == 403
    services.survey_close(survey=survey, by=coordinator)
    assert client.get(url).status_code == 403
    services.survey_publish(survey=survey, by=coordinator)
    page = client.get(url)
    assert page.status_code == 200 and not page.context["may_export"]
    assert survey.pk in [s.pk for s in client.get(reverse("survey_list")).context["surveys"]]


def test_the_csv_is_post_only_staff_only_and_formula_safe(client, make_survey, coordinator, person):
    survey = make_survey()
    for n in range(10):
        answer(survey, {0: "3", 5: "=1+1"}, device=str(n))
    url = reverse("survey_answers_csv", args=[survey.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 11 and rows[1][-1] == "'=1+1"
    assert Action.objects.filter(verb="survey.exported", actor=coordinator).count() == 1
    client.force_login(person)
    assert client.post(url).status_code == 403


def test_the_list_shows_residents_only_what_they_may_see(client, make_survey, coordinator):
    open_link = make_survey()
    draft = make_survey(draft=True)
    invited = make_survey(access=Survey.Access.INVITATION)
    shown = {s.pk for s in client.get(reverse("survey_list")).context["surveys"]}
    assert open_link.pk in shown and draft.pk not in shown and invited.pk not in shown
    client.force_login(coordinator)
    assert {draft.pk, invited.pk} <= {s.pk for s in client.get(reverse("survey_list")).context["surveys"]}


def test_a_browser_that_answered_never_gets_nor_gives_the_anonymous_pages_copy(client, make_survey, gunma):
    """The device's cookie says it answered: its "already answered" page is its own, never stored for others."""
    from django.test import Client

    survey = make_survey()
    url = reverse("survey_answer", args=[survey.pk])
    client.get(url)
    _post_answers(client, url, survey, area=Municipality.objects.get(code=SHIBUKAWA).area_id, age_band="30s")
    client.cookies.pop("messages", None)  # the thanks message (a cookie that keeps any page from the cache)
    for _ in range(2):
        again = client.get(url)
        assert again.context["answered"] and again.get("X-Page-Cache") is None
    other = Client().get(url)
    assert 'name="csrfmiddlewaretoken"' in other.content.decode()  # the questionnaire
