from django.utils import timezone
from django_tasks import task

from yukemuri.core.tasks import enqueue_later

from .models import Campaign
from .services import campaign_settle


@task()
def settle_campaign(campaign_id: int) -> str:
    """Settle a campaign at its deadline; if the deadline moved later, come back then."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return "gone"
    if campaign.status == Campaign.Status.OPEN and campaign.deadline > timezone.now():
        enqueue_later(settle_campaign, campaign.deadline, campaign.pk)
        return "later"
    return campaign_settle(campaign).status
