"""A campaign's result is told by a receiver of the action stream (campaign.settled): the supporters and the
idea's followers hear after commit, with the same message ids as before, and a rolled-back settlement tells no
one."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from yukemuri.funding import receivers, services
from yukemuri.funding.models import Campaign
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.ideas.services import idea_follow
from yukemuri.notifications.models import Notification
from yukemuri.people.tests.factories import PersonFactory


class Rollback(Exception):
    pass


@pytest.fixture
def campaign(person, make_idea):
    idea = make_idea(person)
    return services.campaign_create(idea=idea, by=person, title="空き家改修費", purpose="改修の材料費に使います。",
                                    goal_yen=10_000, deadline=timezone.now() + timedelta(days=14), **PAYMENT)


def after(campaign):
    return campaign.deadline + timedelta(minutes=1)


def test_supporters_and_followers_hear_that_the_goal_was_reached(campaign, person, coordinator,
                                                                  django_capture_on_commit_callbacks):
    supporter, follower = PersonFactory(), PersonFactory()
    idea_follow(idea=campaign.idea, person=follower)
    services.pledge_confirm(pledge=services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=10_000),
                            by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_settle(campaign, now=after(campaign))
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SUCCEEDED
    message = receivers.SETTLED[Campaign.Status.SUCCEEDED]
    told = Notification.objects.filter(message=message)
    assert {n.person_id for n in told} >= {supporter.pk, follower.pk}
    assert {n.url for n in told} == {campaign.get_absolute_url()}
    assert told.first().params == {"campaign": campaign.title, "title": campaign.idea.title}
    assert Notification.objects.filter(person=supporter).count() == 1  # once, though a supporter and a follower


def test_a_rolled_back_settlement_tells_no_one(campaign, person, django_capture_on_commit_callbacks):
    supporter = PersonFactory()
    services.pledge_create(campaign=campaign, supporter=supporter, amount_yen=3000)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Rollback):
        with transaction.atomic():
            services.campaign_settle(campaign, now=after(campaign))
            raise Rollback
    assert callbacks == []
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.OPEN
    assert not Notification.objects.filter(message__in=receivers.SETTLED.values()).exists()
