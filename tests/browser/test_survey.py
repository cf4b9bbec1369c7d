"""Issue 16's survey journey at 360 px, in real Chromium: a resident opens the link of their invitation on a
phone, answers (a conditional question appears once its answer is given), submits, and cannot answer twice;
staff close the survey and see the results with the weighted mean and its 95% interval. axe-clean, no
sideways scrolling, screenshots."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.loader import load_population
from yukemuri.regions.models import Municipality
from yukemuri.surveys import results, services
from yukemuri.surveys.models import Invitation, Kind, Response, Survey

from .helpers import PHONE, logged_in, ui

GUNMA = Path(__file__).resolve().parents[2] / "yukemuri" / "regions" / "data" / "gunma"
RESIDENT_EMAIL = "hanako.survey@example.jp"


def _survey(coordinator):
    survey = services.survey_create(by=coordinator, title="わたしたちのウェルビーイング調査", anonymous=True,
                                    access=Survey.Access.INVITATION)
    security = services.question_save(survey=survey, by=coordinator, kind=Kind.LIKERT, required=True,
                                       text="地域の中に、自分の居場所があり安心できると感じる")
    joined = services.question_save(survey=survey, by=coordinator, kind=Kind.SINGLE, required=True,
                                     text="この1年に地域の活動に参加しましたか", choices=[("はい", "Yes"), ("いいえ", "No")])
    services.question_save(survey=survey, by=coordinator, kind=Kind.MULTIPLE, text="参加した活動", required=True,
                           choices=[("祭り", ""), ("清掃", ""), ("子育て", "")], condition_question=joined,
                           condition_values=["1"])
    services.question_save(survey=survey, by=coordinator, kind=Kind.SCALE, text="生活満足度（0〜10）")
    services.question_save(survey=survey, by=coordinator, kind=Kind.TEXT, text="ご意見をどうぞ")
    services.survey_open(survey=survey, by=coordinator)
    return survey, security


def _others(survey, coordinator, code, band, values):
    """People of one cell invited and answering (the Likert question only), so the results have two cells."""
    place = Municipality.objects.get(code=code)
    people = [PersonFactory(home_municipality=place, age_band=band) for _ in values]
    services.invite(survey=survey, by=coordinator, municipalities=[place], age_bands=[band])
    security = survey.questions.order_by("position").first()
    for person, value in zip(people, values, strict=True):
        services.submit(survey=survey, values={security.pk: str(value), security.pk + 1: "2"},
                        invitation=Invitation.objects.get(survey=survey, person=person))


@pytest.mark.browser
def test_a_resident_answers_an_invitation_on_a_phone_and_staff_see_the_weighted_results(
        page, axe_check, layout_check, screenshot, coordinator):
    def checked(p, name):
        axe_check(p)
        layout_check(p)
        screenshot(p, name)

    load_population((GUNMA / "population.csv").read_bytes(), source="test")
    survey, security = _survey(coordinator)
    _others(survey, coordinator, "102083", "40s", [3, 4, 4, 5, 2, 3, 4, 4, 5, 3, 4])  # 渋川市, the resident's cell
    _others(survey, coordinator, "102016", "60s", [2, 3, 2, 3, 4, 2, 3, 3, 2, 3])  # 前橋市
    resident = PersonFactory(email=RESIDENT_EMAIL, home_municipality=Municipality.objects.get(code="102083"),
                             age_band="40s")
    mail.outbox.clear()
    services.invite(survey=survey, by=coordinator, municipalities=[resident.home_municipality], age_bands=["40s"])
    [message] = [m for m in mail.outbox if m.to == [RESIDENT_EMAIL]]
    link = re.search(r"https?://[^/\s]+(/surveys/i/[\w-]+/)", message.body).group(1)

    # 1. On the phone, the link of the e-mail: the questionnaire, with the activities question hidden.
    phone = page(viewport=PHONE)
    phone.goto(link)
    expect(phone.locator("h1")).to_have_text("わたしたちのウェルビーイング調査")
    activities = phone.locator("[data-field][data-show-if]")
    expect(activities).to_be_hidden()
    checked(phone, "survey-answer")
    phone.locator(f"input[name=q{security.pk}][value='4']").check()
    phone.get_by_label("はい").check()
    expect(activities).to_be_visible()  # the conditional question appears
    activities.get_by_label("清掃").check()
    phone.get_by_label("7", exact=True).check()
    phone.locator("textarea").fill("公民館の集まりで知り合いが増えました。")
    checked(phone, "survey-answer-filled")
    phone.get_by_role("button", name=ui("Send my answers")).click()
    expect(phone.locator("main")).to_contain_text(ui("Your answers are saved. Thank you for taking part."))
    checked(phone, "survey-thanks")
    mine = Response.objects.filter(survey=survey).order_by("-pk").first()
    assert mine.person is None and mine.age_band == "40s"
    assert mine.answers.count() == 5  # every question, the conditional one included
    assert mine.answers.get(question__text="参加した活動").chosen == ["2"]

    # 2. The same link again: already answered, no form.
    phone.goto(link)
    expect(phone.locator("main")).to_contain_text(ui("You have already answered this survey. Thank you!"))
    expect(phone.locator("form[data-survey]")).to_have_count(0)
    checked(phone, "survey-answered")
    assert Response.objects.filter(survey=survey).count() == 22

    # 3. Staff close the survey and read the results: the weighted mean and its interval, as computed.
    staff = logged_in(page, coordinator, viewport=PHONE)
    staff.goto(f"/surveys/{survey.pk}/manage/")
    checked(staff, "survey-manage")
    staff.get_by_role("button", name=ui("Close the survey")).click()
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.CLOSED
    staff.get_by_role("link", name=ui("See the results")).first.click()
    expected = results.build(survey)["questions"][0]["weighted"]
    first = staff.locator("section.survey-result").first
    expect(first.locator(".weighted-mean")).to_have_text(f"{expected['value']:.2f}")
    expect(first.locator(".ci")).to_have_text(f"{expected['low']:.2f} – {expected['high']:.2f}")
    expect(staff.locator("#method")).to_be_visible()
    checked(staff, "survey-results")


@pytest.mark.browser
def test_without_javascript_every_question_shows_with_its_condition(page, screenshot, coordinator):
    survey = services.survey_create(by=coordinator, title="地域活動についてのアンケート")
    joined = services.question_save(survey=survey, by=coordinator, kind=Kind.SINGLE, required=True,
                                    text="この1年に地域の活動に参加しましたか", choices=[("はい", ""), ("いいえ", "")])
    services.question_save(survey=survey, by=coordinator, kind=Kind.NUMBER, text="何回参加しましたか", required=True,
                           min_value=0, max_value=100, condition_question=joined, condition_values=["1"])
    services.survey_open(survey=survey, by=coordinator)

    phone = page(viewport=PHONE, javascript=False)
    phone.goto(f"/surveys/{survey.pk}/")
    conditional = phone.locator("[data-field][data-show-if]")
    expect(conditional).to_be_visible()  # no script hides it: its condition is written under it
    expect(conditional).to_contain_text("この1年に地域の活動に参加しましたか")
    screenshot(phone, "survey-answer-no-js")  # axe and the layout check need scripts: the page with them is checked above
    phone.get_by_label("いいえ").check()
    phone.locator("input[type=number]").fill("5")  # answered although not asked: dropped by the server
    phone.get_by_role("button", name=ui("Send my answers")).click()
    expect(phone.locator("main")).to_contain_text(ui("Your answers are saved. Thank you for taking part."))
    assert Response.objects.get(survey=survey).answers.count() == 1
    phone.goto(f"/surveys/{survey.pk}/")  # the same browser (its cookie): answered already
    expect(phone.locator("main")).to_contain_text(ui("You have already answered this survey. Thank you!"))
