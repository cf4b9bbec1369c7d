"""Evaluating running projects (事業評価, docs/decisions/0034-visions-and-evaluation.md): an idea at the pilot stage
or beyond sets outcomes — an indicator, its unit and the goal — records measured values with their dates, and
writes a yearly evaluation (what worked, what did not, continue / change / stop) that a coordinator confirms.
Everything here is public on the idea's page and in the accountability table."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import services as actions
from yukemuri.actions import verbs
from yukemuri.core.fiscal import current_fiscal_year
from yukemuri.core.permissions import require

from .models import Evaluation, Idea, Measurement, Outcome, Stage

TEAM_ONLY = "Only the idea's team leads, coordinators and staff can evaluate it."


def _evaluable(idea) -> None:
    if Stage.index(idea.stage) < Stage.index(Stage.PILOT):
        raise ValidationError(_("An idea is evaluated from the pilot stage on; this one is at %(stage)s.")
                              % {"stage": idea.get_stage_display()})


@transaction.atomic
def outcome_set(*, idea, by, indicator: str, unit: str, goal: Decimal, goal_by=None) -> Outcome:
    """Add an outcome, or change the unit, goal and date of the one with this indicator."""
    require(by, "ideas.evaluate_idea", idea, _(TEAM_ONLY))
    _evaluable(idea)
    if goal <= 0:
        raise ValidationError({"goal": _("The goal is a number above zero.")})
    outcome = Outcome.objects.select_for_update().filter(idea=idea, indicator=indicator).first()
    before = ({"unit": outcome.unit, "goal": outcome.goal, "goal_by": outcome.goal_by} if outcome
              else {"unit": "", "goal": None, "goal_by": None})
    if outcome is None:
        outcome = Outcome(idea=idea, indicator=indicator, created_by=by)
    outcome.unit, outcome.goal, outcome.goal_by = unit, goal, goal_by
    outcome.save()
    actions.record(actor=by, verb=verbs.IDEA_OUTCOME_SET, target=idea,
                   data={"outcome": outcome.pk, "indicator": indicator,
                         **actions.diff(before, {"unit": unit, "goal": goal, "goal_by": goal_by})})
    return outcome


@transaction.atomic
def measurement_add(*, outcome, by, measured_on, value: Decimal, note: str = "") -> Measurement:
    idea = outcome.idea
    require(by, "ideas.evaluate_idea", idea, _(TEAM_ONLY))
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("A measured value cannot be dated in the future.")})
    if value < 0:
        raise ValidationError({"value": _("A measured value is zero or more.")})
    measurement = Measurement.objects.create(outcome=outcome, by=by, measured_on=measured_on, value=value, note=note)
    actions.record(actor=by, verb=verbs.IDEA_OUTCOME_MEASURED, target=idea,
                   data={"outcome": outcome.pk, "value": str(value), "on": measured_on.isoformat()})
    return measurement


@transaction.atomic
def evaluation_write(*, idea, by, year: int, worked: str, did_not_work: str, decision: str) -> Evaluation:
    """Write (or rewrite) the team's evaluation of a fiscal year; rewriting asks the coordinator to confirm again."""
    require(by, "ideas.evaluate_idea", idea, _(TEAM_ONLY))
    _evaluable(idea)
    if not 2000 <= year <= current_fiscal_year():
        raise ValidationError({"year": _("Give a fiscal year from 2000 to this one.")})
    evaluation = Evaluation.objects.select_for_update().filter(idea=idea, year=year).first()
    before = ({"worked": evaluation.worked, "did_not_work": evaluation.did_not_work,
               "decision": evaluation.decision} if evaluation else {"worked": "", "did_not_work": "", "decision": ""})
    evaluation = evaluation or Evaluation(idea=idea, year=year)
    evaluation.worked, evaluation.did_not_work, evaluation.decision = worked, did_not_work, decision
    evaluation.written_by, evaluation.written_at = by, timezone.now()
    evaluation.confirmed_by = evaluation.confirmed_at = None
    evaluation.save()
    actions.record(actor=by, verb=verbs.IDEA_EVALUATED, target=idea,
                   data={"year": year, **actions.diff(before, {"worked": worked, "did_not_work": did_not_work,
                                                              "decision": decision})})
    return evaluation


@transaction.atomic
def evaluation_confirm(*, evaluation, by) -> Evaluation:
    """The coordinator's confirmation of the team's evaluation (not by the one who wrote it)."""
    evaluation = Evaluation.objects.select_for_update().select_related("idea").get(pk=evaluation.pk)
    require(by, "ideas.confirm_evaluation", evaluation.idea,
            _("A coordinator or municipal staff confirms the evaluation."))
    if evaluation.written_by_id == by.pk:
        raise ValidationError(_("The evaluation is confirmed by someone other than its writer."))
    if evaluation.confirmed_at is not None:
        raise ValidationError(_("The evaluation is confirmed already."))
    evaluation.confirmed_by, evaluation.confirmed_at = by, timezone.now()
    evaluation.save(update_fields=["confirmed_by", "confirmed_at"])
    actions.record(actor=by, verb=verbs.IDEA_EVALUATION_CONFIRMED, target=evaluation.idea,
                   data={"year": evaluation.year, "decision": evaluation.decision})
    return evaluation


@dataclass
class OutcomeView:
    outcome: Outcome
    measurements: list
    latest: Measurement | None
    share: int | None  # latest value as a share of the goal, in percent


def outcomes_of(idea) -> list[OutcomeView]:
    views = []
    for outcome in Outcome.objects.filter(idea=idea).prefetch_related("measurements"):
        measurements = list(outcome.measurements.all())
        latest = measurements[-1] if measurements else None
        share = int(latest.value * 100 / outcome.goal) if latest is not None and outcome.goal else None
        views.append(OutcomeView(outcome, measurements, latest, share))
    return views


def evaluations_of(idea):
    return Evaluation.objects.filter(idea=idea).select_related("written_by", "confirmed_by")


def latest_evaluations(idea_ids) -> dict[int, Evaluation]:
    """The latest evaluation of each idea (the accountability table)."""
    latest: dict[int, Evaluation] = {}
    for evaluation in Evaluation.objects.filter(idea_id__in=list(idea_ids)).order_by("idea_id", "-year"):
        latest.setdefault(evaluation.idea_id, evaluation)
    return latest


def evaluable(idea: Idea) -> bool:
    return Stage.index(idea.stage) >= Stage.index(Stage.PILOT)
