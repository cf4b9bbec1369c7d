"""The evaluation page of an idea (事業評価): outcomes against their goals, measured values, yearly evaluations.
Public; the team leads, coordinators and staff write on it, a coordinator confirms."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.fiscal import current_fiscal_year
from yukemuri.core.permissions import allowed, require
from yukemuri.core.views_helpers import attempt, submit_form

from . import evaluation
from .evaluation_forms import EvaluationForm, MeasurementForm, OutcomeForm
from .models import Evaluation
from .views import _get_idea

FORMS = {"outcome": OutcomeForm, "measurement": MeasurementForm, "evaluation": EvaluationForm}


def _years(idea):
    """This fiscal year and the nine before it (an idea may have run before it was recorded here)."""
    this = current_fiscal_year()
    return list(range(this, this - 10, -1))


def idea_evaluation(request, pk):
    idea = _get_idea(request, pk)
    can = allowed(request.user, "ideas.evaluate_idea", idea) and evaluation.evaluable(idea)
    outcomes = evaluation.outcomes_of(idea)
    forms = {}
    if can:
        forms = {"outcome": OutcomeForm(prefix="outcome"),
                 "measurement": MeasurementForm(prefix="measurement", outcomes=[o.outcome for o in outcomes],
                                                initial={"measured_on": timezone.localdate()}),
                 "evaluation": EvaluationForm(prefix="evaluation", years=_years(idea))}
    if request.method == "POST":
        require(request.user, "ideas.evaluate_idea", idea, _(evaluation.TEAM_ONLY))
        which = request.POST.get("form", "")
        if which not in FORMS or which not in forms:
            return _page(request, idea, outcomes, forms, can, status=400)
        kwargs = {"outcomes": [o.outcome for o in outcomes]} if which == "measurement" else (
            {"years": _years(idea)} if which == "evaluation" else {})
        form = forms[which] = FORMS[which](request.POST, prefix=which, **kwargs)
        service = {"outcome": partial(evaluation.outcome_set, idea=idea, by=request.user),
                   "measurement": partial(evaluation.measurement_add, by=request.user),
                   "evaluation": partial(evaluation.evaluation_write, idea=idea, by=request.user)}[which]
        return submit_form(request, form, service, success=_("Saved."), to=lambda _r: request.path,
                           page=lambda: _page(request, idea, outcomes, forms, can))
    return _page(request, idea, outcomes, forms, can)


def _page(request, idea, outcomes, forms, can, status=200):
    return render(request, "ideas/evaluation.html", {
        "idea": idea, "outcomes": outcomes, "evaluations": evaluation.evaluations_of(idea), "forms": forms,
        "can_evaluate": can, "evaluable": evaluation.evaluable(idea),
        "can_confirm": allowed(request.user, "ideas.confirm_evaluation", idea)}, status=status)


@require_POST
@login_required
def evaluation_confirm(request, pk):
    item = get_object_or_404(Evaluation.objects.select_related("idea"), pk=pk)
    attempt(request, partial(evaluation.evaluation_confirm, evaluation=item, by=request.user),
            _("The evaluation is confirmed."))
    return redirect("idea_evaluation", pk=item.idea_id)
