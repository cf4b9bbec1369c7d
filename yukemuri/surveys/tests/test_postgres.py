"""One answer per invitation under real concurrency (PostgreSQL): posts of the same invitation arriving
together make one answer; the others are refused by the database's unique key on the invitation's use."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.surveys import services
from yukemuri.surveys.models import Answer, Invitation, InvitationUse, Kind, Response, Survey

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")


def together(n, work):
    barrier = threading.Barrier(n)
    outcomes = []

    def run(i):
        try:
            barrier.wait()
            outcomes.append(work(i))
        except ValidationError:
            outcomes.append("refused")
        except Exception as exc:  # anything else (an IntegrityError that escaped) fails the test
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("anonymous", [True, False])
def test_concurrent_posts_of_one_invitation_make_one_answer(transactional_db, gunma, coordinator, anonymous):
    survey = services.survey_create(by=coordinator, title="幸福度調査", anonymous=anonymous,
                                    access=Survey.Access.INVITATION)
    question = services.question_save(survey=survey, by=coordinator, kind=Kind.SCALE, text="生活満足度", required=True)
    services.survey_open(survey=survey, by=coordinator)
    place = Municipality.objects.get(code="102083")
    PersonFactory(home_municipality=place, age_band="30s")
    services.invite(survey=survey, by=coordinator, municipalities=[place], age_bands=["30s"])
    invitation = Invitation.objects.get()

    outcomes = together(6, lambda i: services.submit(survey=survey, values={question.pk: str(i)},
                                                     invitation=Invitation.objects.get(pk=invitation.pk)).pk)
    assert sorted(map(str, outcomes)).count("refused") == 5, outcomes
    assert Response.objects.count() == 1 and Answer.objects.count() == 1
    assert InvitationUse.objects.count() == 1


def test_concurrent_posts_from_one_browser_make_one_answer(transactional_db, gunma, coordinator):
    survey = services.survey_create(by=coordinator, title="幸福度調査")
    question = services.question_save(survey=survey, by=coordinator, kind=Kind.LIKERT, text="安心感", required=True)
    services.survey_open(survey=survey, by=coordinator)
    device = services.device_key("one-cookie")
    outcomes = together(6, lambda i: services.submit(survey=survey, values={question.pk: "3"}, device=device).pk)
    assert sorted(map(str, outcomes)).count("refused") == 5, outcomes
    assert Response.objects.count() == 1
