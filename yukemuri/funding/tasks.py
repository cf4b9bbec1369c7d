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


@task()
def send_pledge_instructions(pledge_id: int, attempt: int = 0) -> bool:
    """The pledge confirmation: how much, where to send it, and the reference code to write on the transfer,
    in the supporter's language. Sent at most once (notifications.mail.send_once), retried on failure."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.utils import translation
    from django.utils.translation import gettext as _

    from yukemuri.core.tasks import retry_later
    from yukemuri.notifications.mail import one_line, send_once
    from yukemuri.people.selectors import may_email

    from .models import Pledge
    from .payment import details
    from .services import instructions

    pledge = Pledge.objects.select_related("campaign", "supporter").filter(pk=pledge_id).first()
    if pledge is None or not may_email(pledge.supporter):
        return False
    campaign = pledge.campaign
    with translation.override(pledge.supporter.preferred_language):
        from django.urls import reverse

        site = settings.YUKEMURI["SITE_URL"].rstrip("/")
        link, mine = site + campaign.get_absolute_url(), site + reverse("my_pledges")
        account = "\n".join(f"{label}: {value}" for label, value in details(campaign))
        subject = _("Your pledge to “%(campaign)s”: reference %(reference)s") % {
            "campaign": one_line(campaign.title), "reference": pledge.reference}
        body = _("Thank you for pledging ¥%(amount)s to “%(campaign)s”.\n\n%(instructions)s\n\n%(account)s\n\n"
                 "Reference: %(reference)s\n\nThe campaign: %(link)s\nYour pledges and their state: %(mine)s") % {
            "amount": f"{pledge.amount_yen:,}", "campaign": campaign.title, "instructions": instructions(pledge),
            "account": account, "reference": pledge.reference, "link": link, "mine": mine}
    message = EmailMessage(one_line(subject), body, None, [pledge.supporter.email])
    try:
        return send_once(f"pledge-{pledge.pk}", message, task=send_pledge_instructions, args=[pledge.pk])
    except Exception:
        retry_later(send_pledge_instructions, pledge.pk, attempt=attempt)
        raise
