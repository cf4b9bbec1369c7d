"""Reads about campaigns and pledges."""

from django.db.models import Q, Sum
from django.utils import timezone

from .models import Campaign, Pledge

FUNDED = (Campaign.Status.SUCCEEDED,)


def is_live(campaign) -> bool:
    return campaign.status in FUNDED or campaign.is_open


def is_funded(campaign) -> bool:
    return campaign.status in FUNDED


def live_idea_ids(idea_ids) -> set[int]:
    """Ideas with an open campaign before its deadline, or one that succeeded."""
    live = Q(status=Campaign.Status.OPEN, deadline__gt=timezone.now()) | Q(status__in=FUNDED)
    return set(Campaign.objects.filter(live, idea_id__in=idea_ids).values_list("idea_id", flat=True))


def campaigns_of(idea):
    return Campaign.objects.filter(idea=idea).order_by("-created_at", "-id")


def funded_idea_ids(idea_ids) -> set[int]:
    return set(Campaign.objects.filter(idea_id__in=idea_ids, status__in=FUNDED).values_list("idea_id", flat=True))


def raised_by_idea(idea_ids) -> dict[int, int]:
    """Yen confirmed for each idea, over all its campaigns that did not fail."""
    rows = (Campaign.objects.filter(idea_id__in=idea_ids).exclude(status__in=[Campaign.Status.FAILED,
                                                                              Campaign.Status.CANCELLED])
            .values("idea_id").annotate(total=Sum("confirmed_yen")))
    return {row["idea_id"]: row["total"] or 0 for row in rows}


def public_pledges(campaign):
    return (Pledge.objects.filter(campaign=campaign, status__in=[Pledge.Status.PLEDGED, Pledge.Status.CONFIRMED,
                                                                  Pledge.Status.COLLECTED])
            .select_related("supporter", "organisation").order_by("-created_at", "-id"))


def all_pledges(campaign):
    return Pledge.objects.filter(campaign=campaign).select_related("supporter", "organisation").order_by("created_at", "id")



def due_campaigns(now=None):
    return Campaign.objects.filter(status=Campaign.Status.OPEN, deadline__lte=now or timezone.now())
