from datetime import date

import pytest

from yukemuri.regions.models import Municipality, PopulationCount
from yukemuri.surveys import services
from yukemuri.surveys.models import Kind

SHIBUKAWA, TSUMAGOI = "102083", "104256"  # in two different areas


@pytest.fixture
def make_survey(gunma, coordinator):
    """A survey with one question of each kind; the fourth is shown only to those who answered 1 (はい) to
    the third. Opened unless `draft`."""

    def make(*, anonymous=True, access="link", draft=False):
        survey = services.survey_create(by=coordinator, title="幸福度調査（テスト）", anonymous=anonymous, access=access)
        q = [services.question_save(survey=survey, by=coordinator, kind=Kind.LIKERT, text="安心感がある", required=True),
             services.question_save(survey=survey, by=coordinator, kind=Kind.SCALE, text="生活満足度"),
             services.question_save(survey=survey, by=coordinator, kind=Kind.SINGLE, text="地域活動に参加していますか",
                                    choices=[("はい", "Yes"), ("いいえ", "No")])]
        q.append(services.question_save(survey=survey, by=coordinator, kind=Kind.MULTIPLE, text="どんな活動ですか",
                                        choices=[("祭り", ""), ("清掃", ""), ("子育て", "")], required=True,
                                        condition_question=q[2], condition_values=["1"]))
        q.append(services.question_save(survey=survey, by=coordinator, kind=Kind.NUMBER, text="年に何回",
                                        min_value=0, max_value=365))
        q.append(services.question_save(survey=survey, by=coordinator, kind=Kind.TEXT, text="ご意見をどうぞ"))
        if not draft:
            services.survey_open(survey=survey, by=coordinator)
        survey.q = q
        return survey

    return make


@pytest.fixture
def population(gunma):
    """Residents: 渋川市 20s 3000, 嬬恋村 60s 1000 (nothing else)."""
    shibukawa, tsumagoi = Municipality.objects.get(code=SHIBUKAWA), Municipality.objects.get(code=TSUMAGOI)
    for place, band, count in ((shibukawa, "20s", 3000), (tsumagoi, "60s", 1000)):
        PopulationCount.objects.create(municipality=place, as_of=date(2025, 1, 1), age_band=band, count=count)
    return shibukawa.area, tsumagoi.area


def answer(survey, values: dict, *, device="", **kwargs):
    """Answers by question index (0-based) → the service's {pk: value}."""
    return services.submit(survey=survey, values={survey.q[i].pk: v for i, v in values.items()},
                           device=device, **kwargs)
