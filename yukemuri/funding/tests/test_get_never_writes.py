"""A campaign past its deadline is settled by the background task or `settle_campaigns`, never by a page
view: the page shows it closed and being settled, and its GET writes nothing."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from yukemuri.core.testing import get_counted, writes
from yukemuri.funding import services
from yukemuri.funding.models import Campaign, Pledge
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.people.tests.factories import PersonFactory


def ja(message: str) -> str:
    """The words the (unprefixed, Japanese) pages show."""
    with translation.override("ja"):
        return gettext(message)


def test_viewing_a_campaign_past_its_deadline_writes_nothing(client, person, make_idea):
    campaign = services.campaign_create(idea=make_idea(person), by=person, title="改修費", purpose="材料費",
                                        goal_yen=100_000, deadline=timezone.now() + timedelta(days=3), **PAYMENT)
    supporter = PersonFactory()
    services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=1000)
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    url = reverse("campaign_detail", args=[campaign.pk])
    for viewer in (None, supporter, person):
        if viewer is not None:
            client.force_login(viewer)
        response, captured = get_counted(client, url)
        assert response.status_code == 200
        assert writes(captured) == []
        page = response.content.decode()
        assert ja("Closed, being settled") in page and 'action="/campaigns/' not in page.split("pledge-title")[1][:400]
    assert Campaign.objects.get(pk=campaign.pk).status == "open"
    assert Pledge.objects.get().status == "pledged"
    call_command("settle_campaigns")  # the cron sweep (or the background task) settles it
    assert Campaign.objects.get(pk=campaign.pk).status == "failed"
    assert "Closed, being settled" not in client.get(url).content.decode()
