"""Points (幸福ポイント — contribution points): a double-entry ledger that never loses or invents a point.

Every movement is one Transaction of Postings whose amounts sum to zero. Issuers hand points out (their
balance goes below zero by what they issued), people hold them in wallets, merchants take them for goods or
experiences, and expired points go to the expiry sink. Whole points only (integers). Balances are cached on
the account and changed only by services.py, inside the transaction that writes the postings, with the
accounts locked in id order. See docs/decisions/0014-points.md.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Letters and digits nobody confuses when reading them out at a counter (as funding's references).
CODE_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
CODE_LENGTH = 8


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class Account(models.Model):
    """ポイント口座 — an account of the ledger: an issuer, a person's wallet, a merchant, or the expiry sink."""

    class Kind(models.TextChoices):
        ISSUER = "issuer", _("Issuer")
        WALLET = "wallet", _("Wallet")
        MERCHANT = "merchant", _("Merchant")
        SINK = "sink", _("Expired points")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="point_accounts")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="point_accounts")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="point_accounts")
    # The short code a wallet or merchant shows as text and QR for the other side of a redemption.
    code = models.CharField(_("code"), max_length=16, unique=True, default=new_code)
    balance = models.BigIntegerField(_("balance"), default=0)
    # An issuer's policy: its points expire this many months after they were earned (None: never).
    expiry_months = models.PositiveSmallIntegerField(_("points expire after (months)"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("point account")
        verbose_name_plural = _("point accounts")
        constraints = [
            # No wallet below zero, whatever the code above does (merchants and the sink only ever receive).
            models.CheckConstraint(condition=Q(balance__gte=0) | Q(kind="issuer"), name="points_only_issuers_owe"),
            models.UniqueConstraint(fields=["person"], condition=Q(kind="wallet"), name="points_one_wallet"),
            models.UniqueConstraint(fields=["kind", "organisation"], condition=Q(organisation__isnull=False),
                                    name="points_one_per_organisation"),
            models.UniqueConstraint(fields=["municipality"], condition=Q(kind="issuer", organisation__isnull=True),
                                    name="points_one_municipal_issuer"),
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="sink"), name="points_one_sink"),
            models.CheckConstraint(
                condition=(Q(kind="wallet", person__isnull=False) | ~Q(kind="wallet") & Q(person__isnull=True)),
                name="points_wallets_have_a_person"),
        ]

    def __str__(self):
        if self.name:
            return self.name
        if self.kind == self.Kind.WALLET:
            return f"{self.get_kind_display()} #{self.person_id}"
        return self.get_kind_display()


class Transaction(models.Model):
    """取引 — one movement of points; its postings sum to zero. Never edited or deleted: a mistake is undone by a
    reversing transaction."""

    class Kind(models.TextChoices):
        EARN = "earn", _("Earned")
        REDEEM = "redeem", _("Redeemed")
        EXPIRE = "expire", _("Expired")
        REVERSE = "reverse", _("Reversed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The same request twice (a double click, a retried task, a repeated attendance check) carries the same key
    # and finds this transaction instead of making a second one.
    key = models.CharField(max_length=200, unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # The issuer whose points these are (earned, expired; for reports by issuer); None for a redemption, whose
    # points may come from several issuers (Draw records which).
    issuer = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="reversed_by")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("point transaction")
        verbose_name_plural = _("point transactions")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class Posting(models.Model):
    """仕訳 — one line of a transaction: an amount (whole points, + in, − out) on one account."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount = models.BigIntegerField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "transaction"], name="points_posting_account")]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="points_posting_not_zero")]

    def __str__(self):
        return f"{self.account_id}: {self.amount:+d}"


class Lot(models.Model):
    """The points of one earning in one wallet, kept to spend and expire them oldest first (FIFO)."""

    wallet = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lots")
    issuer = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    earned_by = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="lots")
    amount = models.BigIntegerField()
    remaining = models.BigIntegerField()
    expired = models.BigIntegerField(default=0)  # how much of it has expired so far
    earned_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["earned_at", "id"]
        indexes = [models.Index(fields=["wallet", "remaining"], name="points_lot_wallet"),
                   models.Index(fields=["expires_at"], condition=Q(remaining__gt=0), name="points_lot_due")]
        constraints = [models.CheckConstraint(condition=Q(remaining__gte=0) & Q(remaining__lte=models.F("amount")),
                                              name="points_lot_within")]

    def __str__(self):
        return f"{self.remaining}/{self.amount} @ {self.wallet_id}"


class Draw(models.Model):
    """How much a redemption (or a reversal of an earning) took from each lot, to put it back if reversed and to
    tell each issuer how many of its points were redeemed."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="draws")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="draws")
    amount = models.BigIntegerField()

    def __str__(self):
        return f"{self.transaction_id} ← {self.lot_id}: {self.amount}"


class Redemption(models.Model):
    """ポイント利用 — a redemption waiting for its other side: one side asks (the merchant, for a person's code,
    or the person, at a merchant's code), the other confirms; only the confirmation moves points."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    class Side(models.TextChoices):
        MERCHANT = "merchant", _("the merchant")
        PERSON = "person", _("the person")

    wallet = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="redemptions")
    merchant = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="redemptions_taken")
    amount = models.BigIntegerField(_("points"))
    note = models.CharField(_("for what"), max_length=120, blank=True)
    asked_by = models.CharField(max_length=10, choices=Side.choices)
    asked_by_person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                        related_name="+")
    code = models.CharField(max_length=16, unique=True, default=new_code)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="redemption")
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="points_redemption_positive")]

    def __str__(self):
        return f"{self.code} {self.amount}"
