"""Campaigns and pledges: integer yen, exact totals, the offline provider, and settlement at the deadline."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from yukemuri.funding import services
from yukemuri.funding.models import Campaign, Pledge
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.notifications.models import Notification
from yukemuri.notifications.tasks import send_due_digests
from yukemuri.organisations.services import organisation_create
from yukemuri.people.tests.factories import PersonFactory


@pytest.fixture
def campaign(person, make_idea):
    idea = make_idea(person)
    return services.campaign_create(idea=idea, by=person, title="空き家改修費", purpose="改修の材料費に使います。",
                                    goal_yen=100_000, deadline=timezone.now() + timedelta(days=14), **PAYMENT)


def assert_totals_exact(campaign):
    campaign.refresh_from_db()
    live = Pledge.objects.filter(campaign=campaign, status__in=["pledged", "confirmed", "collected"])
    paid = live.filter(status__in=["confirmed", "collected"])
    assert campaign.pledged_yen == (live.aggregate(s=Sum("amount_yen"))["s"] or 0)
    assert campaign.confirmed_yen == (paid.aggregate(s=Sum("amount_yen"))["s"] or 0)
    assert campaign.pledge_count == live.count()


def test_only_the_team_opens_a_campaign(person, other_person, make_idea):
    idea = make_idea(person)
    with pytest.raises(PermissionDenied):
        services.campaign_create(idea=idea, by=other_person, title="t", purpose="p", goal_yen=1000,
                                 deadline=timezone.now() + timedelta(days=1), **PAYMENT)


@pytest.mark.parametrize("goal", [0, -5, 1.5, "1000", True, 2_000_000_000])
def test_goal_is_whole_positive_yen(person, make_idea, goal):
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_create(idea=make_idea(person), by=person, title="t", purpose="p", goal_yen=goal,
                                 deadline=timezone.now() + timedelta(days=1), **PAYMENT)
    assert "goal_yen" in excinfo.value.message_dict


def test_deadline_in_the_future_and_one_open_campaign(campaign, person):
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_create(idea=campaign.idea, by=person, title="二つ目", purpose="p", goal_yen=1000,
                                 deadline=timezone.now() - timedelta(minutes=1), **PAYMENT)
    assert "deadline" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_create(idea=campaign.idea, by=person, title="二つ目", purpose="p", goal_yen=1000,
                                 deadline=timezone.now() + timedelta(days=3), **PAYMENT)
    assert excinfo.value.messages == ["このアイデアには募集中のキャンペーンがすでにあります。"]


def test_pledge_confirm_cancel_keep_totals_exact(campaign, coordinator):
    a, b, c = (services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=n)
               for n in (30_000, 5_000, 12_345))
    services.pledge_confirm(pledge=a, by=coordinator)
    services.pledge_cancel(pledge=b, by=b.supporter)
    assert_totals_exact(campaign)
    assert (campaign.pledged_yen, campaign.confirmed_yen, campaign.pledge_count) == (42_345, 30_000, 2)
    with pytest.raises(ValidationError):
        services.pledge_cancel(pledge=a, by=a.supporter)  # paid already: staff refund it, not the supporter
    with pytest.raises(ValidationError):
        services.pledge_confirm(pledge=a, by=coordinator)  # not twice
    assert Pledge.objects.get(pk=c.pk).status == "pledged"


def test_only_staff_confirm_a_transfer(campaign, person):
    pledge = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=1000)
    for who in (person, pledge.supporter):
        with pytest.raises(PermissionDenied):
            services.pledge_confirm(pledge=pledge, by=who)
    assert Pledge.objects.get(pk=pledge.pk).status == "pledged"


@pytest.mark.parametrize("amount", [0, -1, 99.9, "500"])
def test_pledges_are_whole_positive_yen(campaign, amount):
    with pytest.raises(ValidationError):
        services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=amount)
    assert Pledge.objects.count() == 0


def test_corporate_sponsorship_on_behalf_of_ones_company(campaign, person):
    sponsor = PersonFactory()
    company = organisation_create(creator=sponsor, name="株式会社 上州テック", kind="company")
    with pytest.raises(PermissionDenied):
        services.pledge_create(campaign=campaign, supporter=person, amount_yen=500_000, organisation=company,
                               corporate=True)
    with pytest.raises(ValidationError):
        services.pledge_create(campaign=campaign, supporter=sponsor, amount_yen=500_000, corporate=True)
    pledge = services.pledge_create(campaign=campaign, supporter=sponsor, amount_yen=500_000, organisation=company,
                                    corporate=True)
    assert pledge.corporate and pledge.organisation == company


def test_no_pledge_after_the_deadline(campaign):
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    campaign.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=1000)
    assert excinfo.value.messages == ["このキャンペーンは支援の受付を終了しました。"]


def _past(campaign):
    return campaign.deadline + timedelta(seconds=1)


def test_all_or_nothing_success_collects_and_unpaid_promises_lapse(campaign, coordinator):
    paid = [services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=n) for n in (60_000, 40_000)]
    unpaid = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=7_000)
    for pledge in paid:
        services.pledge_confirm(pledge=pledge, by=coordinator)
    assert services.campaign_settle(campaign, now=campaign.deadline - timedelta(seconds=1)).status == "open"
    settled = services.campaign_settle(campaign, now=_past(campaign))
    assert settled.status == "succeeded" and settled.settled_at is not None
    assert sorted(Pledge.objects.values_list("status", flat=True)) == ["cancelled", "collected", "collected"]
    assert Pledge.objects.get(pk=unpaid.pk).status == "cancelled"
    assert_totals_exact(campaign)
    assert campaign.confirmed_yen == 100_000
    settled_again = services.campaign_settle(campaign, now=_past(campaign))
    assert settled_again.settled_at == settled.settled_at  # settling twice changes nothing


def test_all_or_nothing_failure_refunds_every_pledge(campaign, coordinator):
    pledges = [services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=n)
               for n in (20_000, 30_000, 1_000)]
    services.pledge_confirm(pledge=pledges[0], by=coordinator)
    services.pledge_confirm(pledge=pledges[1], by=coordinator)
    assert services.campaign_settle(campaign, now=_past(campaign)).status == "failed"
    assert set(Pledge.objects.values_list("status", flat=True)) == {"refunded"}
    assert_totals_exact(campaign)
    assert (campaign.pledged_yen, campaign.confirmed_yen, campaign.pledge_count) == (0, 0, 0)
    with pytest.raises(ValidationError):
        services.pledge_confirm(pledge=pledges[2], by=coordinator)


def test_keep_what_you_raise_collects_below_the_goal(person, make_idea, coordinator):
    campaign = services.campaign_create(idea=make_idea(person), by=person, title="t", purpose="p", goal_yen=100_000,
                                        deadline=timezone.now() + timedelta(days=1), mode=Campaign.Mode.KEEP, **PAYMENT)
    pledge = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=25_000)
    services.pledge_confirm(pledge=pledge, by=coordinator)
    assert services.campaign_settle(campaign, now=_past(campaign)).status == "ended"
    assert Pledge.objects.get(pk=pledge.pk).status == "collected"
    assert_totals_exact(campaign)


def test_late_transfer_after_success_is_collected(campaign, coordinator):
    early = services.pledge_create(campaign=campaign, supporter=PersonFactory(), amount_yen=100_000)
    services.pledge_confirm(pledge=early, by=coordinator)
    services.campaign_settle(campaign, now=_past(campaign))
    assert Campaign.objects.get(pk=campaign.pk).status == "succeeded"


def test_settlement_tells_supporters_and_followers_by_digest(campaign, coordinator,
                                                            django_capture_on_commit_callbacks):
    supporter = PersonFactory(preferred_language="en")
    pledge = services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=10_000)
    services.pledge_confirm(pledge=pledge, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_settle(campaign, now=_past(campaign))
    notice = Notification.objects.get(person=supporter)
    assert "refunded" in notice.message
    mail.outbox.clear()
    assert send_due_digests() >= 2  # the supporter and the proposer, who follows the idea
    to_supporter = next(m for m in mail.outbox if m.to == [supporter.email])
    assert "did not reach its goal: every pledge is refunded" in to_supporter.body
    assert campaign.title in to_supporter.body and "/campaigns/" in to_supporter.body
    assert send_due_digests() == 0  # nothing is sent twice


def test_sweep_settles_only_due_campaigns(campaign, person, make_idea):
    later = services.campaign_create(idea=make_idea(person, title="別の案"), by=person, title="後", purpose="p",
                                     goal_yen=1000, deadline=timezone.now() + timedelta(days=30), **PAYMENT)
    assert services.settle_due(now=campaign.deadline + timedelta(seconds=1)) == 1
    assert Campaign.objects.get(pk=campaign.pk).status == "failed"
    assert Campaign.objects.get(pk=later.pk).status == "open"


def test_campaign_page_shows_pay_instructions_and_staff_table(client, campaign, coordinator):
    supporter = PersonFactory()
    client.force_login(supporter)
    response = client.post(reverse("pledge_new", args=[campaign.pk]), {"amount_yen": "3000"})
    pledge = Pledge.objects.get(supporter=supporter)
    assert response.status_code == 302
    page = client.get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert pledge.reference in page and "¥3,000" in page
    assert "入金管理" not in page
    bad = client.post(reverse("pledge_new", args=[campaign.pk]), {"amount_yen": "12.5"})
    assert bad.status_code == 400 and "整数" in bad.content.decode()
    client.force_login(coordinator)
    page = client.get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert "入金管理（職員用）" in page and pledge.reference in page
    client.post(reverse("pledge_confirm", args=[pledge.pk]))
    assert Campaign.objects.get(pk=campaign.pk).confirmed_yen == 3000
