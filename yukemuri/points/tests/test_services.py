"""The ledger's services: each movement balances, refusals say why, repeats do nothing twice."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import selectors, services
from yukemuri.points.models import Account, Draw, Lot, Posting, Redemption, Transaction


@pytest.fixture(autouse=True)
def english():
    """The refusals are matched by their English wording here (what they say, not how it is translated; the
    pages' tests read them in Japanese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def balance(account):
    return Account.objects.get(pk=account.pk).balance


def assert_ledger_sound():
    for tx in Transaction.objects.all():
        assert tx.postings.aggregate(s=Sum("amount"))["s"] == 0, tx
    assert selectors.differences() == []
    assert selectors.total_balance() == 0
    assert not Account.objects.filter(kind=Account.Kind.WALLET, balance__lt=0).exists()


def redeem(person, merchant, clerk, amount):
    asked = services.redemption_ask_person(merchant=merchant, wallet_code=services.wallet_for(person).code,
                                           amount=amount, by=clerk)
    return services.redemption_answer(redemption=asked, by=person)


def test_earn_moves_points_from_the_issuer_to_the_wallet(give, issuer, person, staff):
    tx = give(person, 300)
    wallet = services.wallet_for(person)
    assert tx.kind == Transaction.Kind.EARN and tx.by == staff and tx.reason == "雪かきのお手伝い"
    assert sorted(tx.postings.values_list("amount", flat=True)) == [-300, 300]
    assert balance(wallet) == 300 and balance(issuer) == -300
    lot = Lot.objects.get(earned_by=tx)
    assert lot.remaining == 300 and lot.expires_at.year == tx.created_at.year + 1
    assert_ledger_sound()


def test_the_same_key_makes_one_transaction(give, person, issuer):
    first = give(person, 100, key="attendance:7")
    again = give(person, 100, key="attendance:7")
    assert again.pk == first.pk and Transaction.objects.count() == 1
    assert balance(services.wallet_for(person)) == 100


def test_a_key_of_another_kind_is_a_mistake(give, person, merchant):
    give(person, 100, key="k1")
    with pytest.raises(services.KeyReused):
        services.redeem(wallet=services.wallet_for(person), merchant=merchant, amount=10, key="k1")


@pytest.mark.parametrize("amount", [0, -5, 2.5, "10", True, None, services.MAX_POINTS + 1])
def test_amounts_are_whole_positive_points(give, person, amount):
    with pytest.raises(ValidationError) as refused:
        give(person, amount)
    assert "amount" in refused.value.message_dict
    assert not Transaction.objects.exists()


def test_earning_needs_a_reason_and_the_right(give, person, other_person):
    with pytest.raises(ValidationError) as refused:
        give(person, 10, reason="  ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        give(person, 10, by=other_person)  # a resident cannot print points
    assert not Transaction.objects.exists()


def test_the_system_gives_points_for_attendance_without_a_person(give, person):
    tx = give(person, 50, by=None, key="attendance:registration:1", reason="キャベツ収穫に参加")
    assert tx.by is None and balance(services.wallet_for(person)) == 50


def test_an_issuer_organisations_admin_may_give_its_points(person, shop):
    from yukemuri.organisations.models import Membership

    farm_issuer = services.issuer_open(by=None, name="農園ポイント", organisation=shop, expiry_months=None)
    boss = PersonFactory()
    Membership.objects.create(organisation=shop, person=boss, role=Membership.Role.ADMIN)
    services.earn(issuer=farm_issuer, person=person, amount=20, reason="収穫", key="farm:1", by=boss)
    member = PersonFactory()
    Membership.objects.create(organisation=shop, person=member)
    with pytest.raises(PermissionDenied):
        services.earn(issuer=farm_issuer, person=person, amount=20, reason="収穫", key="farm:2", by=member)
    assert Lot.objects.get().expires_at is None  # this issuer's points never expire


def test_a_redemption_moves_points_only_once_both_sides_agree(give, person, merchant, clerk):
    give(person, 500)
    wallet = services.wallet_for(person)
    asked = services.redemption_ask_person(merchant=merchant, wallet_code=wallet.code.lower(), amount=200, by=clerk,
                                           note="温泉まんじゅう")
    assert asked.status == Redemption.Status.PENDING and balance(wallet) == 500  # nothing moved yet
    with pytest.raises(PermissionDenied):
        services.redemption_answer(redemption=asked, by=clerk)  # the asking side cannot confirm itself
    done = services.redemption_answer(redemption=asked, by=person)
    assert done.status == Redemption.Status.CONFIRMED and done.transaction.kind == Transaction.Kind.REDEEM
    assert balance(wallet) == 300 and balance(merchant) == 200
    again = services.redemption_answer(redemption=asked, by=person)  # a double tap
    assert again.transaction_id == done.transaction_id and balance(wallet) == 300
    with pytest.raises(ValidationError):
        services.redemption_answer(redemption=asked, by=person, accept=False)
    assert_ledger_sound()


def test_the_person_may_ask_and_the_merchant_confirms(give, person, merchant, clerk, other_person):
    give(person, 100)
    asked = services.redemption_ask_merchant(person=person, merchant_code=merchant.code, amount=60)
    with pytest.raises(PermissionDenied):
        services.redemption_answer(redemption=asked, by=other_person)  # not the shop's
    with pytest.raises(PermissionDenied):
        services.redemption_answer(redemption=asked, by=person)  # nor the one who asked
    services.redemption_answer(redemption=asked, by=clerk)
    assert balance(merchant) == 60 and balance(services.wallet_for(person)) == 40


def test_a_declined_or_stale_redemption_moves_nothing(give, person, merchant, clerk):
    give(person, 100)
    wallet = services.wallet_for(person)
    asked = services.redemption_ask_person(merchant=merchant, wallet_code=wallet.code, amount=10, by=clerk)
    assert services.redemption_answer(redemption=asked, by=person, accept=False).status == Redemption.Status.DECLINED
    stale = services.redemption_ask_person(merchant=merchant, wallet_code=wallet.code, amount=10, by=clerk)
    Redemption.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="ask again"):
        services.redemption_answer(redemption=stale, by=person)
    assert balance(wallet) == 100


def test_refusals_of_redemption(give, person, other_person, merchant, clerk):
    give(person, 100)
    wallet = services.wallet_for(person)
    with pytest.raises(ValidationError) as refused:
        services.redemption_ask_person(merchant=merchant, wallet_code="NOPE", amount=10, by=clerk)
    assert "wallet_code" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.redemption_ask_person(merchant=merchant, wallet_code=wallet.code, amount=10, by=other_person)
    with pytest.raises(ValidationError) as refused:
        services.redemption_ask_merchant(person=person, merchant_code=merchant.code, amount=101)
    assert "amount" in refused.value.message_dict  # overdraw, asked by the person
    overdraw = services.redemption_ask_person(merchant=merchant, wallet_code=wallet.code, amount=101, by=clerk)
    with pytest.raises(ValidationError, match="Not enough points"):
        services.redemption_answer(redemption=overdraw, by=person)
    assert Redemption.objects.get(pk=overdraw.pk).status == Redemption.Status.PENDING
    with pytest.raises(ValidationError):
        services.redeem(wallet=merchant, merchant=merchant, amount=1, key="x")  # points leave wallets only
    assert balance(wallet) == 100 and not Posting.objects.filter(account=merchant).exists()


def test_no_transfer_between_people_exists(give, person, other_person):
    """A wallet is never a merchant: there is no way to send points to another person."""
    give(person, 100)
    with pytest.raises(ValidationError):
        services.redeem(wallet=services.wallet_for(person), merchant=services.wallet_for(other_person), amount=10,
                        key="gift")


def test_the_database_refuses_a_negative_wallet(give, person):
    give(person, 5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=services.wallet_for(person).pk).update(balance=-1)


def test_redemptions_spend_the_oldest_points_first_and_expiry_takes_what_is_left(give, person, merchant, clerk,
                                                                                   issuer):
    old = give(person, 100)
    Lot.objects.filter(earned_by=old).update(earned_at=timezone.now() - timedelta(days=400),
                                             expires_at=timezone.now() - timedelta(days=35))
    new = give(person, 100)
    redeem(person, merchant, clerk, 60)
    assert Lot.objects.get(earned_by=old).remaining == 40 and Lot.objects.get(earned_by=new).remaining == 100
    assert services.expire_due() == 1
    assert services.expire_due() == 0  # idempotent
    wallet = services.wallet_for(person)
    assert balance(wallet) == 100 and balance(services.sink()) == 40
    expiry = Transaction.objects.get(kind=Transaction.Kind.EXPIRE)
    assert expiry.issuer == issuer and Draw.objects.get(transaction=expiry).amount == 40
    assert selectors.issuer_report(issuer)[0] == {"month": selectors.issuer_report(issuer)[0]["month"],
                                                 "issued": 200, "redeemed": 60, "expired": 40, "taken_back": 0}
    assert_ledger_sound()


def test_reversals(give, person, merchant, clerk, staff, other_person):
    earned = give(person, 100)
    with pytest.raises(PermissionDenied):
        services.reverse(transaction_=earned, by=other_person, reason="誤り")
    with pytest.raises(ValidationError) as refused:
        services.reverse(transaction_=earned, by=staff, reason=" ")
    assert "reason" in refused.value.message_dict
    spent = redeem(person, merchant, clerk, 30).transaction
    with pytest.raises(ValidationError, match="already redeemed"):
        services.reverse(transaction_=earned, by=staff, reason="二重付与")
    back = services.reverse(transaction_=spent, by=staff, reason="返品")
    assert back.reverses == spent and back.kind == Transaction.Kind.REVERSE
    assert services.reverse(transaction_=spent, by=staff, reason="返品").pk == back.pk  # once only
    assert balance(merchant) == 0 and Lot.objects.get(earned_by=earned).remaining == 100
    undone = services.reverse(transaction_=earned, by=staff, reason="二重付与")
    assert balance(services.wallet_for(person)) == 0 and undone.reverses == earned
    with pytest.raises(ValidationError):
        services.reverse(transaction_=undone, by=staff, reason="やっぱり")
    assert Transaction.objects.count() == 4  # earn, redeem, and two reversals: nothing edited or deleted
    assert_ledger_sound()


def test_reversing_an_expiry_gives_the_points_a_fresh_term(give, person, staff):
    earned = give(person, 80)
    Lot.objects.filter(earned_by=earned).update(expires_at=timezone.now() - timedelta(days=1))
    services.expire_due()
    expiry = Transaction.objects.get(kind=Transaction.Kind.EXPIRE)
    services.reverse(transaction_=expiry, by=staff, reason="期限の案内が届いていなかった")
    lot = Lot.objects.get(earned_by=earned)
    assert lot.remaining == 80 and lot.expires_at > timezone.now() + timedelta(days=300)
    assert services.expire_due() == 0 and balance(services.wallet_for(person)) == 80
    assert_ledger_sound()


def test_a_merchant_cannot_give_back_points_it_no_longer_holds(give, person, merchant, clerk, staff):
    give(person, 50)
    spent = redeem(person, merchant, clerk, 50).transaction
    Account.objects.filter(pk=merchant.pk).update(balance=0)  # as if settled elsewhere (the verify finds it)
    with pytest.raises(ValidationError, match="moved on"):
        services.reverse(transaction_=spent, by=staff, reason="返品")


def test_points_verify(give, person, capsys):
    give(person, 70)
    call_command("points_verify")
    assert "balances" in capsys.readouterr().out
    wallet = services.wallet_for(person)
    Account.objects.filter(pk=wallet.pk).update(balance=71)
    with pytest.raises(SystemExit) as failed:
        call_command("points_verify")
    assert failed.value.code == 1
    err = capsys.readouterr().err
    assert f"account {wallet.pk}" in err and "cached 71, postings 70" in err and "sum to 1" in err


def test_the_expiry_task_is_scheduled_and_sweeps(give, person, settings):
    from yukemuri.points import tasks

    earned = give(person, 10)
    Lot.objects.filter(earned_by=earned).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert tasks.expire_points.call() == 1
    call_command("points_expire")
    assert balance(services.wallet_for(person)) == 0
