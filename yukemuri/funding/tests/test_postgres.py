"""200 simultaneous pledges on PostgreSQL: the total is the exact sum, none lost or counted twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.utils import timezone

from yukemuri.funding import services
from yukemuri.funding.models import Campaign, Pledge
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.people.tests.factories import PersonFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")

WORKERS = 40


def test_200_simultaneous_pledges(transactional_db, gunma, make_idea):
    lead = PersonFactory()
    idea = make_idea(lead)
    campaign = services.campaign_create(idea=idea, by=lead, title="同時支援", purpose="検証", goal_yen=10_000_000,
                                        deadline=timezone.now() + timedelta(days=1), **PAYMENT)
    people = [PersonFactory() for _ in range(WORKERS)]
    amounts = [1000 + 37 * i for i in range(200)]
    shares = [list(enumerate(amounts))[i::WORKERS] for i in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    errors = []

    def worker(n, share):
        try:
            barrier.wait()
            for _i, amount in share:
                services.pledge_create(campaign=campaign, supporter=people[n], amount_yen=amount)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n, share)) for n, share in enumerate(shares)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert Pledge.objects.filter(campaign=campaign).count() == 200
    assert campaign.pledged_yen == sum(amounts) == Pledge.objects.aggregate(s=Sum("amount_yen"))["s"]
    assert campaign.pledge_count == 200
