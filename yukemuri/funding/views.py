"""Campaign pages: start one, pledge, confirm transfers, cancel. The rules are in services.py."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.ratelimits import post_limit
from yukemuri.core.views_helpers import submit_form
from yukemuri.ideas.selectors import idea_detail
from yukemuri.ideas.stages import may_move

from . import selectors, services
from .forms import CampaignForm, PledgeForm
from .models import Campaign, Pledge


@login_required
@post_limit
def campaign_new(request, pk):
    idea = idea_detail(pk, request.user)
    if idea is None:
        raise Http404(_("No such idea."))
    if not may_move(request.user, idea):
        raise PermissionDenied(_("Only the idea's team leads, coordinators and staff can open a campaign."))
    form = CampaignForm(request.POST or None)
    done = submit_form(request, form, partial(services.campaign_create, idea=idea, by=request.user),
                       _("The campaign is open."), lambda campaign: campaign)
    return done or render(request, "funding/campaign_form.html", {"idea": idea, "form": form},
                          status=400 if request.method == "POST" else 200)


def _campaign(pk, viewer):
    campaign = get_object_or_404(Campaign.objects.select_related("idea"), pk=pk)
    if idea_detail(campaign.idea_id, viewer) is None:
        raise Http404(_("No such campaign."))
    if campaign.status == Campaign.Status.OPEN and not campaign.is_open:
        campaign = services.campaign_settle(campaign)  # past its deadline: settle now rather than show it open
    return campaign


def campaign_detail(request, pk, form=None):
    campaign = _campaign(pk, request.user)
    staff = request.user.has_perm("funding.confirm_payment", campaign)
    mine = list(Pledge.objects.filter(campaign=campaign, supporter_id=request.user.pk)) if request.user.is_authenticated else []
    for pledge in mine:
        pledge.instructions = services.instructions(pledge) if pledge.status == Pledge.Status.PLEDGED else ""
    return render(request, "funding/campaign.html", {
        "campaign": campaign,
        "idea": campaign.idea,
        "pledges": list(selectors.public_pledges(campaign)[:50]),
        "all_pledges": list(selectors.all_pledges(campaign)) if staff else [],
        "mine": mine,
        "staff": staff,
        "form": form or PledgeForm(user=request.user),
    }, status=400 if form is not None else 200)


@require_POST
@login_required
@post_limit
def pledge_new(request, pk):
    campaign = _campaign(pk, request.user)
    form = PledgeForm(request.POST, user=request.user)
    done = submit_form(request, form, partial(services.pledge_create, campaign=campaign, supporter=request.user),
                       _("Thank you for your pledge! See below how to pay."), campaign.get_absolute_url() + "#mine")
    return done or campaign_detail(request, pk, form=form)


def _pledge_action(request, pk, action, success):
    pledge = get_object_or_404(Pledge.objects.select_related("campaign"), pk=pk)
    try:
        action(pledge=pledge, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(pledge.campaign)


@require_POST
@login_required
def pledge_confirm(request, pk):
    return _pledge_action(request, pk, services.pledge_confirm, _("The payment is confirmed."))


@require_POST
@login_required
def pledge_cancel(request, pk):
    return _pledge_action(request, pk, services.pledge_cancel, _("The pledge is cancelled."))
