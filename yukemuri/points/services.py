"""Services for points (幸福ポイント): earn, redeem (asked by one side, confirmed by the other), expire, reverse.

The ledger's rules, each enforced here and checked by tests and `points_verify`:
- every transaction's postings sum to zero, so all balances together are always zero;
- a wallet never goes below zero (checked here under lock, and by a CHECK constraint underneath);
- each write carries an idempotency key: the same key finds the transaction already made and does nothing twice;
- the cached balances change only here, in the transaction that writes the postings, with every account it
  touches locked in id order first (two writers never wait on each other in opposite orders);
- whole points only, from 1 to MAX_POINTS per movement.
Points are never bought, cashed out or passed between people: there is no service that would do it
(docs/decisions/0014-points.md).
"""

import calendar
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.core.tasks import enqueue_later

from .models import Account, Draw, Lot, Posting, Redemption, Transaction

MAX_POINTS = 1_000_000  # per movement: more is surely a typing mistake
REDEMPTION_TTL = timedelta(minutes=30)  # a redemption not confirmed by then is asked again


class KeyReused(ValueError):
    """An idempotency key already names a transaction of another kind: a programming mistake, not a repeat."""


def check_points(amount, field: str = "amount") -> int:
    """A movement's amount: a whole number of points from 1 to MAX_POINTS (never a float, never a bool)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({field: _("Points are whole numbers.")})
    if not 1 <= amount <= MAX_POINTS:
        raise ValidationError({field: _("Give between 1 and %(most)s points.") % {"most": f"{MAX_POINTS:,}"}})
    return amount


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


# Accounts --------------------------------------------------------------------------------------------------

def _get_or_create(lookup: dict, defaults: dict) -> Account:
    """Concurrent first uses of an account both try to create it: the unique constraint keeps one."""
    account = Account.objects.filter(**lookup).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return Account.objects.create(**lookup, **defaults)
    except IntegrityError:
        return Account.objects.get(**lookup)


def wallet_for(person) -> Account:
    """A person's wallet, opened on first use (a write: never called from a GET)."""
    return _get_or_create({"kind": Account.Kind.WALLET, "person": person}, {})


def sink() -> Account:
    """The one account expired points go to."""
    return _get_or_create({"kind": Account.Kind.SINK}, {"name": "expired"})


def issuer_open(*, by, name: str, municipality=None, organisation=None, expiry_months: int | None = 12,
                demo: bool = False) -> Account:
    """An issuer for a municipality or an organisation (administrators open them)."""
    if by is not None:
        require(by, "points.open_accounts", None, _("Only administrators can open issuer and merchant accounts."))
    if (municipality is None) == (organisation is None):
        raise ValidationError(_("An issuer belongs to a municipality or to an organisation."))
    if expiry_months is not None and not 1 <= expiry_months <= 120:
        raise ValidationError({"expiry_months": _("Points expire after 1 to 120 months, or never.")})
    return Account.objects.create(kind=Account.Kind.ISSUER, name=name, municipality=municipality,
                                  organisation=organisation, expiry_months=expiry_months, is_demo=demo)


def merchant_open(*, by, organisation, name: str = "", demo: bool = False) -> Account:
    """A shop's or experience host's account, where points are redeemed."""
    if by is not None:
        require(by, "points.open_accounts", None, _("Only administrators can open issuer and merchant accounts."))
    return Account.objects.create(kind=Account.Kind.MERCHANT, organisation=organisation,
                                  name=name or organisation.name, is_demo=demo)


# The one writer of postings ---------------------------------------------------------------------------------

def _existing(key: str, kind: str) -> Transaction | None:
    found = Transaction.objects.filter(key=key).first()
    if found is not None and found.kind != kind:
        raise KeyReused(f"key {key!r} already names a {found.kind} transaction")
    return found


def _claim(key: str, kind: str, **fields) -> tuple[Transaction, bool]:
    """Insert the transaction row first: its unique key is the lock that makes a repeat wait and then find it."""
    found = _existing(key, kind)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return Transaction.objects.create(key=key, kind=kind, **fields), True
    except IntegrityError:
        found = _existing(key, kind)
        if found is None:
            raise  # another constraint refused it (a second reversal of the same transaction under another key)
        return found, False


def _lock(*accounts) -> dict[int, Account]:
    """Lock the accounts in id order (the one order every writer uses) and read their balances afresh."""
    ids = sorted({account.pk for account in accounts})
    return {account.pk: account for account in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _post(tx: Transaction, lines: list[tuple[Account, int]]) -> None:
    """Write the postings and move the cached balances. The accounts are locked by the caller."""
    if sum(amount for _account, amount in lines) != 0:
        raise ValueError("the postings of a transaction must sum to zero")
    Posting.objects.bulk_create([Posting(transaction=tx, account=account, amount=amount)
                                 for account, amount in lines])
    for account, amount in lines:
        if account.kind != Account.Kind.ISSUER and account.balance + amount < 0:
            raise ValidationError({"amount": _("Not enough points.")})
        Account.objects.filter(pk=account.pk).update(balance=F("balance") + amount)
        account.balance += amount


def _concerning(tx: Transaction, person_id) -> Transaction:
    tx.person_id = person_id  # whom the action stream's record concerns (actions.services._concerned_person_id)
    return tx


# Earn -------------------------------------------------------------------------------------------------------

@transaction.atomic
def earn(*, issuer: Account, person, amount: int, reason: str, key: str, by) -> Transaction:
    """Give a person points from an issuer, for a reason (獲得). `by` is the staff member or issuer's member who
    gives them (points.issue on the issuer); None is the system, e.g. when attendance is verified (then the key
    names the attendance, such as f"attendance:{registration.pk}", so checking in twice gives points once).
    The points expire after the issuer's policy's months."""
    amount = check_points(amount)
    reason = (reason or "").strip()[:200]
    if by is not None:
        require(by, "points.issue", issuer, _("Only staff and the issuer's members can give its points."))
    if not reason:
        raise ValidationError({"reason": _("Say why these points are given.")})
    if issuer.kind != Account.Kind.ISSUER:
        raise ValidationError({"issuer": _("Points are given by an issuer.")})
    wallet = wallet_for(person)
    tx, new = _claim(key, Transaction.Kind.EARN, reason=reason, issuer=issuer, by=by)
    if not new:
        return tx
    locked = _lock(issuer, wallet)
    issuer, wallet = locked[issuer.pk], locked[wallet.pk]
    _post(tx, [(issuer, -amount), (wallet, amount)])
    expires = add_months(tx.created_at, issuer.expiry_months) if issuer.expiry_months else None
    Lot.objects.create(wallet=wallet, issuer=issuer, earned_by=tx, amount=amount, remaining=amount,
                       earned_at=tx.created_at, expires_at=expires)
    if expires is not None:
        from . import tasks

        transaction.on_commit(lambda: enqueue_later(tasks.expire_points, expires))
    action_record(actor=by, verb=verbs.POINTS_EARNED, target=_concerning(tx, person.pk),
                  data={"amount": amount, "issuer": issuer.pk, "wallet": wallet.pk, "reason": reason})
    return tx


def _draw(tx: Transaction, wallet: Account, amount: int) -> None:
    """Take `amount` from the wallet's lots, oldest first (the wallet is locked, and with it its lots)."""
    left = amount
    for lot in Lot.objects.filter(wallet=wallet, remaining__gt=0).order_by("earned_at", "id"):
        take = min(left, lot.remaining)
        Lot.objects.filter(pk=lot.pk).update(remaining=F("remaining") - take)
        Draw.objects.create(transaction=tx, lot=lot, amount=take)
        left -= take
        if not left:
            return
    raise ValidationError({"amount": _("Not enough points.")})  # the lots disagree with the balance: refuse


# Redeem -----------------------------------------------------------------------------------------------------

@transaction.atomic
def redeem(*, wallet: Account, merchant: Account, amount: int, key: str, by=None, reason: str = "") -> Transaction:
    """Move points from a wallet to a merchant (利用), oldest points first. Called by `redemption_answer` once
    both sides agreed; never on one side's word alone."""
    amount = check_points(amount)
    if wallet.kind != Account.Kind.WALLET or merchant.kind != Account.Kind.MERCHANT:
        raise ValidationError({"amount": _("Points are redeemed from a wallet at a merchant.")})
    tx, new = _claim(key, Transaction.Kind.REDEEM, reason=reason[:200], by=by)
    if not new:
        return tx
    locked = _lock(wallet, merchant)
    wallet, merchant = locked[wallet.pk], locked[merchant.pk]
    if wallet.balance < amount:
        raise ValidationError({"amount": _("Not enough points: the wallet holds %(balance)s.")
                               % {"balance": f"{wallet.balance:,}"}})
    _draw(tx, wallet, amount)
    _post(tx, [(wallet, -amount), (merchant, amount)])
    action_record(actor=by, verb=verbs.POINTS_REDEEMED, target=_concerning(tx, wallet.person_id),
                  data={"amount": amount, "wallet": wallet.pk, "merchant": merchant.pk})
    return tx


def _pending(**fields) -> Redemption:
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Redemption.objects.create(**fields)
        except IntegrityError:
            continue  # the short code collided: draw again
    raise IntegrityError("no free redemption code after 10 draws")


@transaction.atomic
def redemption_ask_person(*, merchant: Account, wallet_code: str, amount: int, by, note: str = "") -> Redemption:
    """The merchant read the person's code (QR or typed) and asks for `amount` points; the person confirms."""
    amount = check_points(amount)
    require(by, "points.operate_merchant", merchant, _("Only the merchant's members can ask for points here."))
    wallet = Account.objects.filter(kind=Account.Kind.WALLET, code=(wallet_code or "").strip().upper()).first()
    if wallet is None:
        raise ValidationError({"wallet_code": _("No wallet has this code.")})
    if wallet.person_id == by.pk:
        raise ValidationError({"wallet_code": _("You cannot redeem your own points at your own counter.")})
    return _pending(wallet=wallet, merchant=merchant, amount=amount, note=(note or "").strip()[:120],
                    asked_by=Redemption.Side.MERCHANT, asked_by_person=by)


@transaction.atomic
def redemption_ask_merchant(*, person, merchant_code: str, amount: int, note: str = "") -> Redemption:
    """The person read the merchant's code (QR or typed) and offers `amount` points; the merchant confirms."""
    amount = check_points(amount)
    merchant = Account.objects.filter(kind=Account.Kind.MERCHANT, code=(merchant_code or "").strip().upper()).first()
    if merchant is None:
        raise ValidationError({"merchant_code": _("No merchant has this code.")})
    wallet = Account.objects.filter(kind=Account.Kind.WALLET, person=person).first()
    if wallet is None or wallet.balance < amount:
        raise ValidationError({"amount": _("Not enough points.")})
    return _pending(wallet=wallet, merchant=merchant, amount=amount, note=(note or "").strip()[:120],
                    asked_by=Redemption.Side.PERSON, asked_by_person=person)


@transaction.atomic
def redemption_answer(*, redemption: Redemption, by, accept: bool = True) -> Redemption:
    """The other side confirms (the points move) or declines. Answering twice does nothing twice."""
    redemption = Redemption.objects.select_for_update().select_related("wallet", "merchant").get(pk=redemption.pk)
    require(by, "points.answer_redemption", redemption, _("Only the other side of this redemption can answer it."))
    wanted = Redemption.Status.CONFIRMED if accept else Redemption.Status.DECLINED
    if redemption.status == wanted:
        return redemption
    if redemption.status != Redemption.Status.PENDING:
        raise ValidationError(_("This redemption was already answered."))
    if accept and redemption.created_at + REDEMPTION_TTL < timezone.now():
        raise ValidationError(_("This request is too old: ask again."))
    if accept:
        redemption.transaction = redeem(wallet=redemption.wallet, merchant=redemption.merchant,
                                        amount=redemption.amount, key=f"redemption:{redemption.pk}", by=by,
                                        reason=redemption.note)
    redemption.status, redemption.answered_at, redemption.answered_by = wanted, timezone.now(), by
    redemption.save(update_fields=["status", "transaction", "answered_at", "answered_by"])
    return redemption


# Expire -----------------------------------------------------------------------------------------------------

@transaction.atomic
def _expire_wallet(wallet_id: int, now) -> int:
    wallet, drain = Account.objects.get(pk=wallet_id), sink()
    locked = _lock(wallet, drain)
    wallet, drain = locked[wallet.pk], locked[drain.pk]
    count = 0
    for lot in Lot.objects.filter(wallet=wallet, remaining__gt=0, expires_at__lte=now).order_by("earned_at", "id"):
        # One transaction per lot and round: a sweep run twice finds the key and does nothing again.
        tx, new = _claim(f"expire:{lot.pk}:{lot.expired}", Transaction.Kind.EXPIRE, issuer_id=lot.issuer_id,
                         reason="expiry")
        if not new:
            continue
        Draw.objects.create(transaction=tx, lot=lot, amount=lot.remaining)
        _post(tx, [(wallet, -lot.remaining), (drain, lot.remaining)])
        Lot.objects.filter(pk=lot.pk).update(expired=F("expired") + lot.remaining, remaining=0)
        action_record(actor=None, verb=verbs.POINTS_EXPIRED, target=_concerning(tx, wallet.person_id),
                      data={"amount": lot.remaining, "issuer": lot.issuer_id, "wallet": wallet.pk,
                            "earned_at": lot.earned_at.isoformat()})
        count += 1
    return count


def expire_due(now=None) -> int:
    """Expire every lot past its issuer's term, oldest first, one wallet per database transaction. Safe to run
    again or concurrently: each lot's expiry has its own key. Returns how many lots expired."""
    now = now or timezone.now()
    wallets = (Lot.objects.filter(remaining__gt=0, expires_at__lte=now)
               .values_list("wallet_id", flat=True).distinct().order_by("wallet_id"))
    return sum(_expire_wallet(wallet_id, now) for wallet_id in list(wallets))


# Reverse ----------------------------------------------------------------------------------------------------

@transaction.atomic
def reverse(*, transaction_: Transaction, by, reason: str) -> Transaction:
    """Undo a transaction with a new one of opposite postings (取消; staff only, with a reason). Nothing is
    edited or deleted. An earning is taken back only while all its points are unspent; a redemption's points
    return to the lots they came from; expired points come back with a fresh term."""
    require(by, "points.reverse", transaction_, _("Only staff can reverse a transaction."))
    reason = (reason or "").strip()[:200]
    if not reason:
        raise ValidationError({"reason": _("Say why this transaction is reversed.")})
    original = Transaction.objects.get(pk=transaction_.pk)
    if original.kind == Transaction.Kind.REVERSE:
        raise ValidationError(_("A reversal cannot be reversed; make a new transaction instead."))
    tx, new = _claim(f"reverse:{original.pk}", Transaction.Kind.REVERSE, reason=reason, by=by, reverses=original,
                     issuer=original.issuer)
    if not new:
        return tx
    postings = list(original.postings.select_related("account"))
    locked = _lock(*(posting.account for posting in postings))
    wallet_ids = [posting.account_id for posting in postings if posting.account.kind == Account.Kind.WALLET]
    if original.kind == Transaction.Kind.EARN:
        lot = Lot.objects.get(earned_by=original)
        if lot.remaining < lot.amount:
            raise ValidationError(_("Some of these points were already redeemed or expired: they cannot be taken "
                                    "back."))
        Draw.objects.create(transaction=tx, lot=lot, amount=lot.amount)
        Lot.objects.filter(pk=lot.pk).update(remaining=0)
    else:
        for draw in original.draws.select_related("lot", "lot__issuer"):
            changes = {"remaining": F("remaining") + draw.amount}
            if original.kind == Transaction.Kind.EXPIRE and draw.lot.issuer.expiry_months:
                changes["expires_at"] = add_months(tx.created_at, draw.lot.issuer.expiry_months)
            Lot.objects.filter(pk=draw.lot_id).update(**changes)
    try:
        _post(tx, [(locked[posting.account_id], -posting.amount) for posting in postings])
    except ValidationError:
        raise ValidationError(_("The points have moved on since: this transaction cannot be reversed.")) from None
    action_record(actor=by, verb=verbs.POINTS_REVERSED, target=_concerning(tx, _person_of(wallet_ids)),
                  data={"reverses": original.pk, "kind": original.kind, "reason": reason})
    return tx


def _person_of(wallet_ids):
    if not wallet_ids:
        return None
    return Account.objects.filter(pk=wallet_ids[0]).values_list("person_id", flat=True).first()
