"""Pages that steer an idea: stage and status, plan, milestones, adoptions. Thin: the rules are in stages.py."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import allowed, require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form

from . import milestones, stages
from .models import Idea, Milestone
from .steer_forms import AdoptionForm, MilestoneForm, MoveForm, PlanForm, StatusForm
from .views import _get_idea


def _steers(request, pk, **kwargs) -> bool:
    """A team lead, coordinator or staff member steering this idea: not counted by the rate limits."""
    return allowed(request.user, "ideas.move_idea", Idea.objects.filter(pk=pk).first())


steer_limit = limit("steer", form=True, exempt=_steers)


def _steered(request, pk):
    idea = _get_idea(request, pk)
    require(request.user, "ideas.move_idea", idea, _("Only the idea's team leads, coordinators and staff can move it."))
    return idea


@require_POST
@login_required
@steer_limit
def idea_move(request, pk):
    idea = _steered(request, pk)
    form = MoveForm(request.POST)
    return submit_form(request, form, partial(stages.move, idea=idea, by=request.user), success=_("The idea moved."),
                       to=idea, page=lambda: _steer_page(request, idea, move_form=form))


@require_POST
@login_required
@steer_limit
def idea_status(request, pk):
    idea = _steered(request, pk)
    form = StatusForm(request.POST)
    return submit_form(request, form, partial(stages.set_status, idea=idea, by=request.user),
                       success=_("The idea's status is changed."), to=idea,
                       page=lambda: _steer_page(request, idea, status_form=form))


@login_required
def idea_steer(request, pk):
    return _steer_page(request, _steered(request, pk))


def _steer_page(request, idea, **forms):
    target = stages.next_stage(idea)
    context = {
        "idea": idea,
        "move_form": forms.get("move_form") or MoveForm(initial={"to": target}),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": idea.status}),
        "next_stage": target,
        "missing": stages.missing_for(idea, target) if target else [],
    }
    return render(request, "ideas/steer.html", context, status=400 if forms else 200)


@login_required
@steer_limit
def idea_plan(request, pk):
    idea = _steered(request, pk)
    initial = {name: getattr(idea, name) for name in PlanForm.base_fields}
    form = PlanForm(request.POST or None, initial=initial)
    return submit_form(request, form, partial(stages.plan_update, idea=idea, by=request.user),
                       success=_("The plan is saved."), to=idea, page=lambda: _plan_page(request, idea, form, AdoptionForm()))


@require_POST
@login_required
@steer_limit
def idea_adoption(request, pk):
    idea = _steered(request, pk)
    form = AdoptionForm(request.POST)
    plan_form = PlanForm(initial={n: getattr(idea, n) for n in PlanForm.base_fields})
    return submit_form(request, form, partial(stages.adoption_add, idea=idea, by=request.user),
                       success=_("The adoption is recorded."), to=idea,
                       page=lambda: _plan_page(request, idea, plan_form, form))


def _plan_page(request, idea, form, adoption_form):
    return render(request, "ideas/plan.html", {"idea": idea, "form": form, "adoption_form": adoption_form,
                                               "adoptions": idea.adoptions.select_related("municipality")})


@login_required
@steer_limit
def idea_milestones(request, pk):
    idea = _steered(request, pk)
    form = MilestoneForm(request.POST or None)

    def page():
        items = list(idea.milestones.all())
        return render(request, "ideas/milestones.html", {
            "idea": idea, "form": form, "milestones": items, "progress": milestones.progress(items)})

    return submit_form(request, form, partial(milestones.milestone_add, idea=idea, by=request.user),
                       success=_("The milestone is added."), to=request.path, page=page)


@require_POST
@login_required
def milestone_done(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("idea"), pk=pk)
    _steered(request, milestone.idea_id)
    milestones.milestone_done(milestone=milestone, by=request.user, done=request.POST.get("done", "1") == "1")
    return redirect("idea_milestones", pk=milestone.idea_id)
