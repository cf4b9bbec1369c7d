"""On PostgreSQL, with real threads each on its own connection: simultaneous redemptions keep every invariant,
and one idempotency key repeated at once makes exactly one transaction."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Sum

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import selectors, services
from yukemuri.points.models import Account, Lot, Posting, Redemption, Transaction

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")

THREADS = 8


def run_in_threads(jobs, work):
    """`work(job)` for every job on THREADS threads, each with its own connection; the exceptions they raised."""
    errors, start = [], threading.Barrier(THREADS)
    shares = [jobs[n::THREADS] for n in range(THREADS)]

    def worker(share):
        try:
            start.wait()
            for job in share:
                work(job)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(worker, shares))
    return errors


def test_1000_simultaneous_redemptions_keep_the_ledger(transactional_db, municipality, bulk_people):
    _staff, people, clerk, merchants, issuer = bulk_people
    for n, person in enumerate(people):
        services.earn(issuer=issuer, person=person, amount=100, reason="参加", key=f"seed:{n}", by=None)
    wallets = {person.pk: services.wallet_for(person) for person in people}
    rng = random.Random(15)
    # 1,000 redemptions of 1–15 points: some wallets are asked for more than they hold, and must refuse
    jobs = [(rng.choice(people), rng.choice(merchants), rng.randint(1, 15)) for _ in range(1000)]
    # The asking is not what is tested here (test_services does): the 1,000 requests are written at once.
    asked = Redemption.objects.bulk_create([
        Redemption(wallet=wallets[person.pk], merchant=merchant, amount=amount, asked_by=Redemption.Side.MERCHANT,
                   asked_by_person=clerk, code=f"R{n:07d}") for n, (person, merchant, amount) in enumerate(jobs)])
    asked = list(Redemption.objects.select_related("wallet__person").order_by("pk"))
    refused = []

    def confirm(redemption):
        try:
            services.redemption_answer(redemption=redemption, by=redemption.wallet.person)
        except ValidationError:
            refused.append(redemption.pk)

    errors = run_in_threads(asked, confirm)
    assert errors == []
    confirmed = Redemption.objects.filter(status=Redemption.Status.CONFIRMED)
    assert confirmed.count() + len(refused) == 1000 and confirmed.count() > 500
    assert Transaction.objects.filter(kind=Transaction.Kind.REDEEM).count() == confirmed.count()
    assert selectors.differences() == [] and selectors.total_balance() == 0
    assert not Account.objects.filter(kind=Account.Kind.WALLET, balance__lt=0).exists()
    assert Posting.objects.aggregate(s=Sum("amount"))["s"] == 0
    merchant_total = Account.objects.filter(kind=Account.Kind.MERCHANT).aggregate(s=Sum("balance"))["s"]
    assert merchant_total == confirmed.aggregate(s=Sum("amount"))["s"]
    for wallet in Account.objects.filter(kind=Account.Kind.WALLET):
        assert wallet.balance == Lot.objects.filter(wallet=wallet).aggregate(s=Sum("remaining"))["s"]
    for person_id in {pk for pk in Redemption.objects.filter(pk__in=refused).values_list("wallet__person", flat=True)}:
        assert wallets[person_id].pk  # a refusal only ever happens where the wallet ran short:
        assert Account.objects.get(pk=wallets[person_id].pk).balance < 15


def test_100_repeats_of_one_key_make_one_transaction(transactional_db, municipality, bulk_people):
    staff, people, _clerk, _merchants, issuer = bulk_people
    person = people[0]
    results = []
    errors = run_in_threads(list(range(100)), lambda _n: results.append(services.earn(
        issuer=issuer, person=person, amount=25, reason="キャベツ収穫", key="attendance:registration:42", by=staff).pk))
    assert errors == []
    assert len(results) == 100 and len(set(results)) == 1
    assert Transaction.objects.filter(key="attendance:registration:42").count() == 1
    assert Account.objects.get(person=person).balance == 25 and Lot.objects.count() == 1
    assert selectors.differences() == [] and selectors.total_balance() == 0


@pytest.fixture
def bulk_people(transactional_db, municipality):
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign

    staff = PersonFactory()
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    issuer = services.issuer_open(by=None, name="渋川市", municipality=municipality)
    clerk = PersonFactory()
    merchants = []
    for n in range(20):
        shop = Organisation.objects.create(name=f"店{n}", kind=Organisation.Kind.COMPANY)
        Membership.objects.create(organisation=shop, person=clerk)
        merchants.append(services.merchant_open(by=None, organisation=shop))
    people = PersonFactory.create_batch(100)
    return staff, people, clerk, merchants, issuer
