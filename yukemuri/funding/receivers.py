"""Funding listens to the action stream: the result of a campaign is told by a receiver that runs only after the
settlement committed, so a rolled-back settlement tells no one (docs/decisions/0009-action-stream.md)."""

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.ideas.selectors import followers
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from .models import Campaign, Pledge

SETTLED = {
    Campaign.Status.SUCCEEDED: gettext_noop("The campaign “%(campaign)s” for “%(title)s” reached its goal."),
    Campaign.Status.FAILED: gettext_noop(
        "The campaign “%(campaign)s” for “%(title)s” did not reach its goal: every pledge is refunded."),
    Campaign.Status.ENDED: gettext_noop("The campaign “%(campaign)s” for “%(title)s” has ended."),
}


@receiver(action_committed, dispatch_uid="funding-tell-settled")
def tell_settled(sender, action, verb, **kwargs):
    """The campaign's supporters and the idea's followers hear how it ended."""
    if verb.name != verbs.CAMPAIGN_SETTLED or action.data.get("new") not in SETTLED:
        return
    campaign = Campaign.objects.select_related("idea").filter(pk=action.target_id).first()
    if campaign is None:
        return
    supporters = {p.supporter for p in Pledge.objects.filter(campaign=campaign).select_related("supporter")}
    with transaction.atomic():
        notify(supporters | set(followers(campaign.idea)), kind=NoticeKind.FOLLOWING, message=SETTLED[action.data["new"]],
               url=campaign.get_absolute_url(), params={"campaign": campaign.title, "title": campaign.idea.title})
