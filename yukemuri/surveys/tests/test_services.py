"""The survey's rules: the builder, conditions, one answer per invitation / person / browser, anonymity by the
tables' shape, invitations by area and age band, results with suppression, the CSV and broad listening."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.actions.models import Action
from yukemuri.listening.models import Conversation, Opinion
from yukemuri.notifications.models import Notification
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.privacy.models import AccessRecord
from yukemuri.regions.models import Municipality
from yukemuri.surveys import results, services
from yukemuri.surveys.models import Answer, Invitation, InvitationUse, Kind, Response, Survey

from .conftest import SHIBUKAWA, TSUMAGOI, answer

FULL = {0: "4", 1: "8", 2: "1", 3: ["1", "3"], 4: "12", 5: "公民館の集まりが楽しい"}


def test_a_resident_cannot_write_a_survey(gunma, person):
    with pytest.raises(PermissionDenied):
        services.survey_create(by=person, title="勝手な調査")


def test_questions_change_only_while_a_draft(make_survey, coordinator):
    survey = make_survey()
    with pytest.raises(ValidationError):
        services.question_save(survey=survey, by=coordinator, kind=Kind.TEXT, text="追加")
    with pytest.raises(ValidationError):
        services.question_delete(question=survey.q[0], by=coordinator)


def test_the_builder_checks_choices_numbers_and_conditions(make_survey, coordinator):
    survey = make_survey(draft=True)
    with pytest.raises(ValidationError) as caught:
        services.question_save(survey=survey, by=coordinator, kind=Kind.SINGLE, text="一つだけ", choices=[("はい", "")])
    assert "choices" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.question_save(survey=survey, by=coordinator, kind=Kind.NUMBER, text="数", min_value=5, max_value=1)
    assert "max_value" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # a condition on a free-text question
        services.question_save(survey=survey, by=coordinator, kind=Kind.TEXT, text="条件", condition_question=survey.q[5],
                               condition_values=["1"])
    assert "condition_question" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # a value the Likert question cannot take
        services.question_save(survey=survey, by=coordinator, kind=Kind.TEXT, text="条件", condition_question=survey.q[0],
                               condition_values=["6"])
    assert "condition_values" in caught.value.message_dict


def test_moving_keeps_a_conditional_question_after_its_condition(make_survey, coordinator):
    survey = make_survey(draft=True)
    with pytest.raises(ValidationError):
        services.question_move(question=survey.q[3], by=coordinator, up=True)
    services.question_move(question=survey.q[1], by=coordinator, up=True)
    assert list(survey.questions.values_list("text", flat=True))[:2] == ["生活満足度", "安心感がある"]
    assert Action.objects.filter(verb="survey.edited", data__change="moved up").count() == 1


def test_a_conditional_question_is_required_only_when_shown(make_survey):
    survey = make_survey()
    with pytest.raises(ValidationError) as caught:
        answer(survey, {0: "4", 2: "1"}, device="a")
    assert f"q{survey.q[3].pk}" in caught.value.message_dict
    # "いいえ": the activities are not asked, and an answer sent anyway is dropped
    response = answer(survey, {0: "4", 2: "2", 3: ["1"]}, device="b")
    assert set(response.answers.values_list("question__text", flat=True)) == {"安心感がある", "地域活動に参加していますか"}


@pytest.mark.parametrize(("index", "value"), [(0, "6"), (1, "11"), (2, "3"), (3, ["9"]), (4, "366"), (4, "-1"),
                                              (4, "abc"), (4, "nan")])
def test_answers_out_of_range_are_refused(make_survey, index, value):
    survey = make_survey()
    values = {**FULL, index: value}
    with pytest.raises(ValidationError) as caught:
        answer(survey, values, device="x")
    assert f"q{survey.q[index].pk}" in caught.value.message_dict
    assert not Response.objects.exists()


def test_a_required_question_must_be_answered(make_survey):
    survey = make_survey()
    with pytest.raises(ValidationError) as caught:
        answer(survey, {1: "5"}, device="x")
    assert list(caught.value.message_dict) == [f"q{survey.q[0].pk}"]


def test_an_anonymous_answer_keeps_no_person_and_the_browser_answers_once(make_survey, person):
    survey = make_survey()
    response = answer(survey, FULL, person=person, device=services.device_key("cookie-1"))
    assert response.person is None
    assert {f.name for f in Response._meta.get_fields()} >= {"person"}  # the column exists for signed surveys only
    assert Answer.objects.filter(response=response).count() == 6
    with pytest.raises(ValidationError):
        answer(survey, FULL, device=services.device_key("cookie-1"))
    assert Response.objects.count() == 1
    answer(survey, FULL, device=services.device_key("cookie-2"))  # another browser
    with pytest.raises(ValidationError):  # no cookie: refused (the view always sets one)
        answer(survey, FULL)


def test_a_signed_survey_takes_one_answer_per_person_with_the_cell_of_the_profile(make_survey, gunma):
    survey = make_survey(anonymous=False)
    shibukawa = Municipality.objects.get(code=SHIBUKAWA)
    person = PersonFactory(home_municipality=shibukawa, age_band="30s")
    with pytest.raises(ValidationError):
        answer(survey, FULL)  # not signed in
    response = answer(survey, FULL, person=person, area=None, age_band="70s")
    assert (response.person, response.area, response.age_band) == (person, shibukawa.area, "30s")
    with pytest.raises(ValidationError):
        answer(survey, FULL, person=person)


def test_a_closed_or_draft_survey_takes_no_answer(make_survey, coordinator):
    draft = make_survey(draft=True)
    with pytest.raises(ValidationError):
        answer(draft, FULL, device="d")
    survey = make_survey()
    services.survey_close(survey=survey, by=coordinator)
    with pytest.raises(ValidationError):
        answer(survey, FULL, device="d")


def test_invitations_go_to_people_of_the_chosen_places_and_bands(make_survey, coordinator, django_capture_on_commit_callbacks):
    survey = make_survey(access=Survey.Access.INVITATION)
    shibukawa, tsumagoi = Municipality.objects.get(code=SHIBUKAWA), Municipality.objects.get(code=TSUMAGOI)
    young = PersonFactory(home_municipality=shibukawa, age_band="20s")
    old_elsewhere = PersonFactory(home_municipality=tsumagoi, age_band="70s")
    old_here = PersonFactory(home_municipality=shibukawa, age_band="70s")  # not in the first round's band
    PersonFactory(home_municipality=Municipality.objects.get(code="102016"), age_band="20s")  # 前橋市: not chosen
    PersonFactory(home_municipality=shibukawa)  # no band given
    with django_capture_on_commit_callbacks(execute=True):
        count = services.invite(survey=survey, by=coordinator, areas=[shibukawa.area], municipalities=[tsumagoi],
                                age_bands=["20s"])
    assert count == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invite(survey=survey, by=coordinator, areas=[shibukawa.area], municipalities=[tsumagoi],
                               age_bands=["20s", "70s"]) == 2  # the one invited before is skipped
    invited = {i.person: i for i in Invitation.objects.filter(survey=survey)}
    assert set(invited) == {young, old_elsewhere, old_here}
    assert invited[young].area == shibukawa.area and invited[young].age_band == "20s"
    assert Notification.objects.filter(person=young, url=invited[young].get_absolute_url()).count() == 1
    links = [m for m in mail.outbox if invited[young].token in m.body]
    assert len(links) == 1 and links[0].to == [young.email]
    assert len({i.token for i in invited.values()}) == len(invited)
    assert Action.objects.filter(verb="survey.invited").count() == 2


def test_an_invitation_answers_once_and_the_answer_cannot_be_traced_to_it(make_survey, coordinator):
    survey = make_survey(access=Survey.Access.INVITATION)
    shibukawa = Municipality.objects.get(code=SHIBUKAWA)
    person = PersonFactory(home_municipality=shibukawa, age_band="40s")
    services.invite(survey=survey, by=coordinator, areas=[shibukawa.area], age_bands=["40s"])
    invitation = Invitation.objects.get(person=person)
    with pytest.raises(ValidationError):
        answer(survey, FULL, device="d")  # the link without an invitation
    response = answer(survey, FULL, invitation=invitation, area=None, age_band="")
    assert (response.person, response.area, response.age_band) == (None, shibukawa.area, "40s")
    assert InvitationUse.objects.filter(invitation=invitation).exists()
    assert "invitation" not in {f.name for f in Response._meta.get_fields()}
    assert {f.name for f in InvitationUse._meta.get_fields()} == {"invitation"}  # no time, no answer
    with pytest.raises(ValidationError):
        answer(survey, FULL, invitation=invitation)
    assert Response.objects.count() == 1


def test_signed_invitation_answers_carry_the_invited_person(make_survey, coordinator):
    survey = make_survey(access=Survey.Access.INVITATION, anonymous=False)
    shibukawa = Municipality.objects.get(code=SHIBUKAWA)
    person = PersonFactory(home_municipality=shibukawa, age_band="40s")
    services.invite(survey=survey, by=coordinator, municipalities=[shibukawa], age_bands=["40s"])
    response = answer(survey, FULL, invitation=Invitation.objects.get())
    assert response.person == person


def _fill(survey, cell, values, count):
    for n in range(count):
        answer(survey, {0: values[n % len(values)], 5: f"意見{n}です。バスの本数を増やしてほしい"},
               device=f"{cell}-{n}-{values}", **cell)


def test_results_weight_to_the_population_as_computed_by_hand(make_survey, population):
    """Cell A (渋川市's area, 20s, 3,000 residents): five 3s and five 5s (ȳ 4, s² 10/9). Cell B (嬬恋村's area,
    60s, 1,000): five 1s and five 3s (ȳ 2, s² 10/9). Three answers (3) without a cell. W = 0.75 / 0.25.
    Weighted mean 0.75 × 4 + 0.25 × 2 = 3.5; Var = (0.5625 + 0.0625) × (10/9) / 10 = 0.625 / 9;
    CI 3.5 ± 1.96 √(0.625 / 9) = 3.5 ± 0.5165. Unweighted: (40 + 20 + 9) / 23 = 3."""
    area_a, area_b = population
    survey = make_survey()
    _fill(survey, {"area": area_a, "age_band": "20s"}, ["3", "5"], 10)
    _fill(survey, {"area": area_b, "age_band": "60s"}, ["1", "3"], 10)
    _fill(survey, {}, ["3"], 3)
    data = results.build(survey)
    likert = data["questions"][0]
    assert likert["n"] == 23 and likert["mean"] == pytest.approx(3.0)
    assert likert["weighted"]["value"] == pytest.approx(3.5)
    assert likert["weighted"]["low"] == pytest.approx(3.5 - 1.96 * (0.625 / 9) ** 0.5)
    assert likert["weighted"]["high"] == pytest.approx(3.5 + 1.96 * (0.625 / 9) ** 0.5)
    assert likert["unknown_cell"] == 3
    # Share of "5": A 5/10, B 0 → 0.75 × 0.5 = 37.5%
    five = next(o for o in likert["options"] if o["value"] == "5")
    assert five["count"] == 5 and five["weighted"]["value"] == pytest.approx(37.5)
    by_area = {row["label"]: row for row in likert["by_area"]}
    assert by_area[area_a.display_name]["weighted"]["value"] == pytest.approx(4.0)
    assert by_area[area_b.display_name]["weighted"]["value"] == pytest.approx(2.0)
    assert [c["weight"] for c in data["cells"]] == [pytest.approx(0.75 / 0.5), pytest.approx(0.25 / 0.5)]
    assert data["questions"][1]["suppressed"]  # nobody answered the 0–10 question: fewer than 10
    assert data["cells_used"] == 2 and data["respondents"] == 23


def test_small_groups_are_suppressed_everywhere(make_survey, population, coordinator):
    area_a, area_b = population
    survey = make_survey()
    _fill(survey, {"area": area_a, "age_band": "20s"}, ["4"], 10)
    _fill(survey, {"area": area_b, "age_band": "60s"}, ["2"], 9)
    data = results.build(survey)
    by_area = {row["label"]: row for row in data["questions"][0]["by_area"]}
    assert by_area[area_b.display_name]["suppressed"] and "weighted" not in by_area[area_b.display_name]
    assert not by_area[area_a.display_name]["suppressed"]
    small = [c for c in data["cells"] if c["suppressed"]]
    assert len(small) == 1 and small[0]["n"] == 9
    rows = services.answers_export(survey=survey, by=coordinator)
    areas = [row[1] for row in rows[1:]]
    assert areas.count(area_a.display_name) == 10 and area_b.display_name not in areas
    assert len(rows) == 20


def test_fewer_than_ten_answers_show_nothing(make_survey, coordinator):
    survey = make_survey()
    for n in range(9):
        answer(survey, FULL, device=str(n))
    assert all(q["suppressed"] for q in results.build(survey)["questions"])
    rows = services.answers_export(survey=survey, by=coordinator)
    assert len(rows) == 2 and len(rows[1]) == 1  # the header and a note


def test_the_csv_has_no_person_and_its_download_is_recorded(make_survey, population, coordinator):
    area_a, _area_b = population
    survey = make_survey(anonymous=False)
    people = [PersonFactory(home_municipality=Municipality.objects.get(code=SHIBUKAWA), age_band="20s") for _ in range(10)]
    for person in people:
        answer(survey, {**FULL, 5: "=HYPERLINK(\"http://evil\")"}, person=person)
    rows = services.answers_export(survey=survey, by=coordinator)
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert all(p.email not in flat and p.display_name not in flat for p in people)
    assert rows[1][0] == 1 and rows[1][1] == area_a.display_name
    assert AccessRecord.objects.filter(kind="survey", viewer=coordinator).count() == 10
    assert Action.objects.filter(verb="survey.exported", data__rows=10).count() == 1
    with pytest.raises(PermissionDenied):
        services.answers_export(survey=survey, by=people[0])


def test_free_text_answers_become_a_listening_conversation(make_survey, coordinator, client,
                                                           django_capture_on_commit_callbacks):
    survey = make_survey()
    texts = ["バスの本数が少なくて通院が大変です", "バスの便を増やしてほしい", "子育て支援の窓口を増やしてほしい",
             "子どもの遊び場が足りない", "祭りで地域の人と知り合えた", "公民館の集まりが楽しい"] * 2
    for n, text in enumerate(texts):
        answer(survey, {0: "3", 5: text}, device=str(n))
    with pytest.raises(ValidationError):  # still open
        services.send_to_listening(survey=survey, by=coordinator)
    services.survey_close(survey=survey, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        [conversation] = services.send_to_listening(survey=survey, by=coordinator)
    assert conversation.status == Conversation.Status.CLOSED and conversation.question == "ご意見をどうぞ"
    assert sorted(Opinion.objects.filter(conversation=conversation, accepted=True).values_list("text", flat=True)) == \
        sorted(texts)
    conversation.refresh_from_db()
    assert conversation.analysis and conversation.analysis["topics"]  # the analysis ran (immediate task backend)
    report = client.get(reverse("conversation_report", args=[conversation.pk]))
    assert report.status_code == 200 and conversation.analysis["topics"][0]["label"] in report.content.decode()
    english = client.get("/en" + reverse("conversation_report", args=[conversation.pk])).content.decode()
    assert "No statements to vote on" in english  # comments only: no empty map, agreement or vote tables
    assert 'id="map-title"' not in english and 'id="totals-title"' not in english
    assert client.get(reverse("conversation", args=[conversation.pk])).status_code == 200
    with pytest.raises(ValidationError):  # sent already
        services.send_to_listening(survey=survey, by=coordinator)


def test_publishing_needs_a_closed_survey(make_survey, coordinator):
    survey = make_survey()
    with pytest.raises(ValidationError):
        services.survey_publish(survey=survey, by=coordinator)
    services.survey_close(survey=survey, by=coordinator)
    services.survey_publish(survey=survey, by=coordinator)
    assert Survey.objects.get(pk=survey.pk).results_public
