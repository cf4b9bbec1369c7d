"""Funding (資金): campaigns for an idea or its pilot, and the pledges people and organisations make.

Money is in whole yen (integers) everywhere. Totals are kept on the campaign and changed only with
F() updates inside the transaction that changes a pledge, so they stay exact under concurrency.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Campaign(models.Model):
    """クラウドファンディング — a campaign with a goal in yen and a deadline."""

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        KEEP = "keep", _("Keep what you raise")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("campaign", "Open")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Did not reach its goal")
        ENDED = "ended", _("Ended")  # keep-what-you-raise below its goal: the money is still used
        CANCELLED = "cancelled", pgettext_lazy("campaign", "Cancelled")

    class AccountType(models.TextChoices):
        ORDINARY = "ordinary", pgettext_lazy("bank account", "Ordinary (普通)")
        CURRENT = "current", pgettext_lazy("bank account", "Current (当座)")

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(_("title"), max_length=120)
    purpose = models.TextField(_("what the money does"), max_length=5000)
    goal_yen = models.PositiveBigIntegerField(_("goal (yen)"))
    deadline = models.DateTimeField(_("deadline"))
    mode = models.CharField(_("kind"), max_length=20, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    for_pilot = models.BooleanField(_("for the pilot"), default=False)
    provider = models.CharField(_("payment"), max_length=30, default="offline")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    pledged_yen = models.PositiveBigIntegerField(default=0)  # pledged + confirmed + collected
    confirmed_yen = models.PositiveBigIntegerField(default=0)  # confirmed + collected
    pledge_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    settled_at = models.DateTimeField(null=True, blank=True)
    # Where supporters send the money: a bank account (振込先), or another provider's instructions.
    # Checked by payment.clean_payment; a campaign never opens without one or the other.
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_branch = models.CharField(_("branch"), max_length=60, blank=True)
    account_type = models.CharField(_("account type"), max_length=10, choices=AccountType.choices, blank=True)
    account_number = models.CharField(_("account number"), max_length=7, blank=True)
    account_holder = models.CharField(_("account holder (katakana)"), max_length=100, blank=True)
    payment_instructions = models.TextField(_("other ways to pay"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="campaign_due")]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.deadline > timezone.now()

    @property
    def awaiting_settlement(self) -> bool:
        """Past its deadline but not settled yet: the background task (or `settle_campaigns`) will. Pages
        show it as closed without settling it themselves, since a GET never writes."""
        return self.status == self.Status.OPEN and self.deadline <= timezone.now()

    @property
    def has_bank_account(self) -> bool:
        return bool(self.bank_name and self.account_number)

    @property
    def has_payment_details(self) -> bool:
        """Whether supporters can be told where to send money; without it the campaign takes no pledges."""
        return self.has_bank_account or bool(self.payment_instructions)

    def clean(self):
        # The admin's form too: the same rules as the campaign form (funding/payment.py).
        from .payment import FIELDS, clean_payment

        for field, value in clean_payment(**{field: getattr(self, field) for field in FIELDS}).items():
            setattr(self, field, value)

    @property
    def percent(self) -> int:
        return min(100, self.confirmed_yen * 100 // self.goal_yen) if self.goal_yen else 0


# Letters and digits nobody confuses when copying them into a bank's sender field (no 0/O, 1/I/L, 2/Z,
# 5/S, 8/B, U/V): upper case only, since transfer names are upper-case katakana and Latin letters.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
REFERENCE_LENGTH = 6  # 23**6 ≈ 148 million codes; a collision is retried (services.pledge_create)


def _reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Pledge(models.Model):
    """支援の申込 — pledged → confirmed (money received) → collected, or refunded; cancelled before confirmation."""

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        CONFIRMED = "confirmed", pgettext_lazy("pledge", "Confirmed")
        COLLECTED = "collected", _("Collected")
        REFUNDED = "refunded", _("Refunded")
        CANCELLED = "cancelled", pgettext_lazy("pledge", "Cancelled")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pledges")
    amount_yen = models.PositiveBigIntegerField(_("amount (yen)"))
    supporter = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="pledges")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("on behalf of"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="pledges",
    )
    anonymous = models.BooleanField(_("do not show my name"), default=False)
    corporate = models.BooleanField(
        _("corporate sponsorship"), default=False,
        help_text=_("A company's sponsorship in the style of 企業版ふるさと納税."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLEDGED)
    reference = models.CharField(max_length=16, default=_reference, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_yen__gt=0), name="pledge_positive")]

    def __str__(self):
        return f"{self.reference} ¥{self.amount_yen:,}"

    @property
    def counts(self) -> bool:
        """Whether it is part of the pledged total."""
        return self.status in (self.Status.PLEDGED, self.Status.CONFIRMED, self.Status.COLLECTED)
