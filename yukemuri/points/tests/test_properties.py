"""Property test: whatever sequence of earnings, redemptions, expiries and reversals happens, the ledger holds —
all balances sum to zero, no wallet is below zero, every cached balance equals its postings, and every
transaction's postings sum to zero."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import selectors, services
from yukemuri.points.models import Account, Lot, Redemption, Transaction

steps = st.lists(st.one_of(
    st.tuples(st.just("earn"), st.integers(0, 2), st.integers(1, 500), st.integers(0, 1)),
    st.tuples(st.just("redeem"), st.integers(0, 2), st.integers(1, 600), st.integers(0, 1)),
    st.tuples(st.just("age"), st.integers(0, 2), st.integers(1, 20), st.just(0)),
    st.tuples(st.just("expire"), st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("reverse"), st.integers(0, 50), st.just(0), st.just(0)),
), max_size=25)


class LedgerProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        from conftest import GUNMA
        from yukemuri.regions.loader import load_region_folder

        load_region_folder(GUNMA)
        from yukemuri.regions.models import Municipality

        cls.staff = PersonFactory()
        role_assign(person=cls.staff, role=Role.MUNICIPAL_STAFF)
        town = Municipality.objects.get(code="102083")
        cls.issuers = [services.issuer_open(by=None, name="A", municipality=town, expiry_months=1),
                       services.issuer_open(by=None, name="B", municipality=Municipality.objects.get(code="102041"),
                                            expiry_months=None)]
        cls.people = [PersonFactory() for _ in range(3)]
        cls.clerk = PersonFactory()
        cls.merchants = []
        for n in range(2):
            shop = Organisation.objects.create(name=f"店{n}", kind=Organisation.Kind.COMPANY)
            Membership.objects.create(organisation=shop, person=cls.clerk)
            cls.merchants.append(services.merchant_open(by=None, organisation=shop))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps)
    def test_the_ledger_always_balances(self, sequence):
        for n, (op, who, amount, which) in enumerate(sequence):
            person = self.people[who % len(self.people)]
            try:
                if op == "earn":
                    services.earn(issuer=self.issuers[which], person=person, amount=amount, reason="手伝い",
                                  key=f"p:{n}", by=self.staff)
                elif op == "redeem":
                    asked = services.redemption_ask_person(merchant=self.merchants[which],
                                                           wallet_code=services.wallet_for(person).code,
                                                           amount=amount, by=self.clerk)
                    done = services.redemption_answer(redemption=asked, by=person)
                    assert done.status == Redemption.Status.CONFIRMED
                elif op == "age":  # time passes for one person's points
                    Lot.objects.filter(wallet__person=person, expires_at__isnull=False).update(
                        expires_at=timezone.now() - timedelta(days=amount))
                elif op == "expire":
                    services.expire_due()
                    assert not Lot.objects.filter(remaining__gt=0, expires_at__lte=timezone.now()).exists()
                else:
                    candidates = list(Transaction.objects.exclude(kind=Transaction.Kind.REVERSE).order_by("pk"))
                    if candidates:
                        services.reverse(transaction_=candidates[who % len(candidates)], by=self.staff,
                                         reason="訂正")
            except ValidationError:
                pass  # a refusal (overdraw, spent points) changes nothing; the checks below prove it
            self.assert_sound()

    def assert_sound(self):
        assert selectors.total_balance() == 0
        assert selectors.differences() == []
        assert not Account.objects.filter(kind=Account.Kind.WALLET, balance__lt=0).exists()
        for tx in Transaction.objects.annotate(total=Sum("postings__amount")):
            assert tx.total == 0, tx
        for wallet in Account.objects.filter(kind=Account.Kind.WALLET):
            # the lots tell the same story as the balance: what is left of each earning is what the wallet holds
            assert wallet.balance == (Lot.objects.filter(wallet=wallet).aggregate(s=Sum("remaining"))["s"] or 0)
