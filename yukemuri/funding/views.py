"""Campaign pages: start one, pledge, confirm transfers, cancel. The rules are in services.py."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import allowed, require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.ideas.selectors import idea_detail

from . import selectors, services
from .forms import CampaignForm, PaymentForm, PledgeForm
from .models import Campaign, Pledge
from .payment import FIELDS as PAYMENT_FIELDS
from .payment import details


@login_required
@limit("steer", form=True)
def campaign_new(request, pk):
    idea = idea_detail(pk, request.user)
    if idea is None:
        raise Http404(_("No such idea."))
    require(request.user, "ideas.move_idea", idea,
            _("Only the idea's team leads, coordinators and staff can open a campaign."))
    form = CampaignForm(request.POST or None)
    return submit_form(request, form, partial(services.campaign_create, idea=idea, by=request.user),
                       success=_("The campaign is open."),
                       page=lambda: render(request, "funding/campaign_form.html", {"idea": idea, "form": form}))


def _campaign(pk, viewer):
    """The campaign as it is stored. One past its deadline shows as closed and being settled
    (Campaign.awaiting_settlement): settling is the background task's work, never a page view's."""
    campaign = get_object_or_404(Campaign.objects.select_related("idea"), pk=pk)
    if idea_detail(campaign.idea_id, viewer) is None:
        raise Http404(_("No such campaign."))
    return campaign


def _with_instructions(pledges):
    for pledge in pledges:
        waiting = pledge.status == Pledge.Status.PLEDGED
        pledge.instructions = services.instructions(pledge) if waiting else ""
        pledge.payment_details = details(pledge.campaign) if waiting else []
    return pledges


def campaign_detail(request, pk, form=None):
    campaign = _campaign(pk, request.user)
    staff = request.user.has_perm("funding.confirm_payment", campaign)
    mine = (list(Pledge.objects.filter(campaign=campaign, supporter_id=request.user.pk).select_related("campaign"))
            if request.user.is_authenticated else [])
    return render(request, "funding/campaign.html", {
        "campaign": campaign,
        "idea": campaign.idea,
        "pledges": list(selectors.public_pledges(campaign)[:50]),
        "all_pledges": list(selectors.all_pledges(campaign)) if staff else [],
        "mine": _with_instructions(mine),
        "staff": staff,
        "may_edit": allowed(request.user, "ideas.move_idea", campaign.idea),
        "payment_details": details(campaign),
        "form": form or PledgeForm(user=request.user),
    }, status=400 if form is not None else 200)


@login_required
@limit("steer", form=True)
def campaign_payment(request, pk):
    """The team edits where the money goes."""
    campaign = _campaign(pk, request.user)
    require(request.user, "ideas.move_idea", campaign.idea,
            _("Only the idea's team leads, coordinators and staff can change the campaign."))
    form = PaymentForm(request.POST or None, initial={field: getattr(campaign, field) for field in PAYMENT_FIELDS})
    return submit_form(request, form, partial(services.campaign_payment_update, campaign=campaign, by=request.user),
                       success=_("The payment details are saved."), to=campaign.get_absolute_url(),
                       page=lambda: render(request, "funding/payment_form.html", {
                           "campaign": campaign, "idea": campaign.idea, "form": form}))


@login_required
def my_pledges(request):
    """Every pledge I made, with the reference code and, while unpaid, where to send the money."""
    pledges = list(Pledge.objects.filter(supporter=request.user).select_related("campaign__idea")
                   .order_by("-created_at", "-id"))
    return render(request, "funding/my_pledges.html", {"pledges": _with_instructions(pledges)})


@require_POST
@login_required
@limit("support", form=True)
def pledge_new(request, pk):
    campaign = _campaign(pk, request.user)
    form = PledgeForm(request.POST, user=request.user)
    return submit_form(request, form, partial(services.pledge_create, campaign=campaign, supporter=request.user),
                       success=_("Thank you for your pledge! See below how to pay."),
                       to=campaign.get_absolute_url() + "#mine", page=lambda: campaign_detail(request, pk, form=form))


def _pledge_action(request, pk, action, success):
    pledge = get_object_or_404(Pledge.objects.select_related("campaign"), pk=pk)
    attempt(request, partial(action, pledge=pledge, by=request.user), success)
    return redirect(pledge.campaign)


@require_POST
@login_required
def pledge_confirm(request, pk):
    return _pledge_action(request, pk, services.pledge_confirm, _("The payment is confirmed."))


@require_POST
@login_required
def pledge_cancel(request, pk):
    return _pledge_action(request, pk, services.pledge_cancel, _("The pledge is cancelled."))
