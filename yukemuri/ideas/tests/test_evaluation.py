"""Evaluating running projects: outcomes against goals, measured values, the yearly evaluation and its
confirmation; public on the idea's page, its evaluation page and the accountability table."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from yukemuri.ideas import evaluation
from yukemuri.ideas.models import Evaluation, Idea, Measurement, Outcome


@pytest.fixture
def running(make_idea, person):
    idea = make_idea(person)
    Idea.objects.filter(pk=idea.pk).update(stage="running")
    return Idea.objects.get(pk=idea.pk)


def test_outcome_measurement_evaluation_and_confirmation(running, person, coordinator):
    outcome = evaluation.outcome_set(idea=running, by=person, indicator="参加者数", unit="人", goal=Decimal(200))
    again = evaluation.outcome_set(idea=running, by=person, indicator="参加者数", unit="人", goal=Decimal(300))
    assert again.pk == outcome.pk and Outcome.objects.get().goal == 300
    evaluation.measurement_add(outcome=outcome, by=person, measured_on=date(2024, 5, 1), value=Decimal(60))
    evaluation.measurement_add(outcome=outcome, by=person, measured_on=date(2024, 9, 1), value=Decimal(150))
    [view] = evaluation.outcomes_of(running)
    assert view.latest.value == 150 and view.share == 50
    written = evaluation.evaluation_write(idea=running, by=person, year=2024, worked="集客", did_not_work="資金",
                                         decision="continue")
    with pytest.raises(PermissionDenied):
        evaluation.evaluation_confirm(evaluation=written, by=person)  # not a coordinator
    confirmed = evaluation.evaluation_confirm(evaluation=written, by=coordinator)
    assert confirmed.confirmed_by == coordinator
    with pytest.raises(ValidationError):
        evaluation.evaluation_confirm(evaluation=written, by=coordinator)
    rewritten = evaluation.evaluation_write(idea=running, by=person, year=2024, worked="集客", did_not_work="資金",
                                           decision="change")
    assert rewritten.pk == written.pk and rewritten.confirmed_at is None and Evaluation.objects.count() == 1
    assert evaluation.latest_evaluations([running.pk])[running.pk].decision == "change"


def test_refusals(make_idea, running, person, other_person, coordinator):
    seed = make_idea(person, title="種")
    with pytest.raises(ValidationError):
        evaluation.outcome_set(idea=seed, by=person, indicator="x", unit="人", goal=Decimal(1))
    with pytest.raises(PermissionDenied):
        evaluation.outcome_set(idea=running, by=other_person, indicator="x", unit="人", goal=Decimal(1))
    with pytest.raises(ValidationError):
        evaluation.outcome_set(idea=running, by=person, indicator="x", unit="人", goal=Decimal(0))
    outcome = evaluation.outcome_set(idea=running, by=coordinator, indicator="x", unit="人", goal=Decimal(1))
    with pytest.raises(ValidationError):
        evaluation.measurement_add(outcome=outcome, by=person, measured_on=timezone.localdate() + timedelta(days=1),
                                   value=Decimal(1))
    with pytest.raises(ValidationError):
        evaluation.evaluation_write(idea=running, by=person, year=timezone.localdate().year + 2, worked="a",
                                    did_not_work="b", decision="stop")
    written = evaluation.evaluation_write(idea=running, by=person, year=2024, worked="a", did_not_work="b",
                                          decision="stop")
    with pytest.raises(PermissionDenied):
        evaluation.evaluation_confirm(evaluation=written, by=other_person)
    own = evaluation.evaluation_write(idea=running, by=coordinator, year=2023, worked="a", did_not_work="b",
                                      decision="continue")
    with pytest.raises(ValidationError):
        evaluation.evaluation_confirm(evaluation=own, by=coordinator)  # a coordinator does not confirm their own


def test_rules(roles, running, person):
    for name, someone in roles.items():
        assert someone.has_perm("ideas.evaluate_idea", running) == (
            name in {"coordinator", "municipal_staff", "administrator"}), name
        assert someone.has_perm("ideas.confirm_evaluation", running) == (
            name in {"coordinator", "municipal_staff", "administrator"}), name
    assert person.has_perm("ideas.evaluate_idea", running)  # the proposer leads the team


def test_pages(client, running, person, coordinator):
    url = reverse("idea_evaluation", args=[running.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"form": "outcome"}).status_code == 403  # not signed in
    client.force_login(person)
    response = client.post(url, {"form": "outcome", "outcome-indicator": "参加者数", "outcome-unit": "人",
                                 "outcome-goal": "300"})
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    bad = client.post(url, {"form": "measurement", "measurement-outcome": "999", "measurement-measured_on": "x",
                            "measurement-value": "abc"})
    assert bad.status_code == 400 and Measurement.objects.count() == 0
    assert client.post(url, {"form": "nonsense"}).status_code == 400
    assert client.post(url, {"form": "measurement", "measurement-outcome": outcome.pk,
                             "measurement-measured_on": "2024-06-01", "measurement-value": "120"}).status_code == 302
    assert client.post(url, {"form": "evaluation", "evaluation-year": "2024", "evaluation-worked": "集客",
                             "evaluation-did_not_work": "資金", "evaluation-decision": "continue"}).status_code == 302
    written = Evaluation.objects.get()
    client.force_login(coordinator)
    assert client.post(reverse("idea_evaluation_confirm", args=[written.pk])).status_code == 302
    assert Evaluation.objects.get().confirmed_by == coordinator
    assert client.post(reverse("idea_evaluation_confirm", args=[999999])).status_code == 404
    client.logout()
    detail = client.get("/en" + running.get_absolute_url()).content.decode()
    assert "Evaluation of FY2024: Continue" in detail and "120 of 300 人" in detail
    table = client.get("/en/accountability/").content.decode()
    assert "FY2024: Continue" in table
    csv = b"".join(client.get("/en/accountability.csv").streaming_content).decode()
    assert "FY2024 Continue" in csv


def test_forms_only_for_the_team_and_from_pilot_on(client, make_idea, person):
    seed = make_idea(person, title="種")
    client.force_login(person)
    page = client.get(reverse("idea_evaluation", args=[seed.pk]))
    assert page.status_code == 200 and 'name="form"' not in page.content.decode()
    assert client.post(reverse("idea_evaluation", args=[seed.pk]), {"form": "outcome"}).status_code == 400
    assert client.get(reverse("idea_evaluation", args=[999999])).status_code == 404
