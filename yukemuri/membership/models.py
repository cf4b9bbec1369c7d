"""会員・利用・請求 — the plans of a co-creation space, its members, their visits at the desk, and monthly invoices."""


from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fees import FeeRule


class MembershipPlan(models.Model):
    """利用プラン — a plan as data: 月額法人会員, 月額個人会員, 個人会員（月額会員以外） in NETSUGEN's demo."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        HOURLY = "hourly", _("Hourly")

    space = models.ForeignKey("space.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="plans")
    code = models.SlugField(_("code"), max_length=30, help_text=_("Short key, e.g. hourly."))
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    monthly_price = models.PositiveIntegerField(_("monthly price (yen)"), default=0)
    hourly_price = models.PositiveIntegerField(_("price per started hour (yen)"), default=0)
    daily_cap = models.PositiveIntegerField(_("cap per day (yen)"), null=True, blank=True,
                                            help_text=_("Leave empty for no cap."))
    corporate = models.BooleanField(_("corporate"), default=False,
                                    help_text=_("Taken by an organisation for named members."))
    named_members = models.PositiveSmallIntegerField(_("named members"), default=0,
                                                     help_text=_("How many people a corporate membership covers."))
    description = models.CharField(_("description"), max_length=400, blank=True)
    active = models.BooleanField(_("open for sign-up"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["space_id", "sort_order", "id"]
        verbose_name = _("membership plan")
        verbose_name_plural = _("membership plans")
        constraints = [
            models.UniqueConstraint(fields=["space", "code"], name="membership_plan_code_unique_in_space"),
            # A monthly plan charges nothing per visit; an hourly plan no monthly fee (fees.py).
            models.CheckConstraint(condition=Q(kind="monthly", hourly_price=0) | Q(kind="hourly", monthly_price=0),
                                   name="membership_plan_prices_fit_kind"),
        ]

    def __str__(self):
        return self.name

    @property
    def fee_rule(self) -> FeeRule:
        return FeeRule(hourly_price=self.hourly_price, daily_cap=self.daily_cap)


class Membership(models.Model):
    """会員 — a person's (or, for a corporate plan, an organisation's) membership of a plan from a date.

    Changes of plan and cancellations take effect at the end of a month: `ends_on` is then that month's last day."""

    plan = models.ForeignKey(MembershipPlan, verbose_name=_("plan"), on_delete=models.PROTECT,
                             related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.CASCADE,
                               related_name="space_memberships")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    billing_name = models.CharField(_("name on invoices"), max_length=120, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (inclusive)"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("space membership")
        verbose_name_plural = _("space memberships")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(starts_on__lte=F("ends_on")),
                                   name="membership_dates_in_order"),
        ]

    def __str__(self):
        return f"{self.plan} — {self.recipient}"

    @property
    def recipient(self) -> str:
        """Who the invoice is addressed to (請求先)."""
        if self.billing_name:
            return self.billing_name
        return self.organisation.name if self.organisation_id else self.person.display_name

    def covers(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class NamedMember(models.Model):
    """登録利用者 — a person a corporate membership covers (the holder is one of them)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="named")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("named member")
        verbose_name_plural = _("named members")
        constraints = [models.UniqueConstraint(fields=["membership", "person"], name="named_member_once")]

    def __str__(self):
        return f"{self.membership_id}: {self.person_id}"


def new_desk_code() -> str:
    from yukemuri.core.codes import new_code

    return new_code()


class MemberCard(models.Model):
    """会員証 — a person's code at a space's desk (typed, or read from its QR), the same whatever plan they hold."""

    space = models.ForeignKey("space.Space", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("member code"), max_length=8, unique=True, default=new_desk_code)

    class Meta:
        verbose_name = _("member card")
        verbose_name_plural = _("member cards")
        constraints = [models.UniqueConstraint(fields=["space", "person"], name="member_card_one_per_space")]

    def __str__(self):
        return self.code


class Visit(models.Model):
    """利用記録 — one stay at the space between check-in and check-out at the desk.

    A visit left open is closed by the rule of docs/decisions/0030 (at the space's closing time of its day)."""

    space = models.ForeignKey("space.Space", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_visits")
    # A visit goes with its membership (an account deleted); what it cost stays on the invoices, frozen.
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="visits")
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    closed_by_rule = models.BooleanField(_("closed at closing time"), default=False)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+")
    checked_out_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+")

    class Meta:
        ordering = ["-checked_in_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.UniqueConstraint(fields=["space", "person"], condition=Q(checked_out_at__isnull=True),
                                    name="visit_one_open_per_person"),
            models.CheckConstraint(condition=Q(checked_out_at__isnull=True) | Q(checked_in_at__lte=F("checked_out_at")),
                                   name="visit_times_in_order"),
        ]

    def __str__(self):
        return f"{self.person_id} {self.checked_in_at:%Y-%m-%d %H:%M}"


class InvoiceSequence(models.Model):
    """The last invoice number an issuer (a space's operator) gave: numbers are never reused, even for a void one."""

    space = models.OneToOneField("space.Space", on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.space_id}: {self.last}"


class Invoice(models.Model):
    """請求書 (適格請求書 when the issuer is registered) — a member's month, its figures frozen when issued."""

    space = models.ForeignKey("space.Space", on_delete=models.PROTECT, related_name="+")
    # Invoices are kept (帳簿の保存) when the member's account goes: their figures and recipient are frozen here.
    membership = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, related_name="invoices")
    month = models.DateField(_("month"), help_text=_("The first day of the month invoiced."))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("invoice number"), max_length=40)
    issued_on = models.DateField(_("issued on"))
    issuer_name = models.CharField(_("issuer"), max_length=200)
    registration_number = models.CharField(_("registration number"), max_length=14, blank=True)
    recipient = models.CharField(_("recipient"), max_length=200)
    plan_name = models.CharField(_("plan"), max_length=120, blank=True)
    tax_mode = models.CharField(_("consumption tax"), max_length=12)
    per_rate = models.JSONField(_("totals per tax rate"), default=list)
    tax = models.PositiveIntegerField(_("consumption tax (yen)"), default=0)
    total = models.PositiveIntegerField(_("total (yen)"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["membership", "month"], name="invoice_one_per_membership_month"),
            models.UniqueConstraint(fields=["space", "sequence"], name="invoice_sequence_unique_per_issuer"),
            models.UniqueConstraint(fields=["space", "number"], name="invoice_number_unique_per_issuer"),
        ]

    def __str__(self):
        return self.number

    @property
    def qualified(self) -> bool:
        """適格請求書: the issuer is registered and the fees are taxable."""
        return bool(self.registration_number) and self.tax_mode != "not_taxable"


class InvoiceLine(models.Model):
    """請求明細 — one item of an invoice: a month's fee or a day's hourly use."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    day = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.PositiveIntegerField()
    rate = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering = ["invoice_id", "position"]

    def __str__(self):
        return self.description

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


class Issuer(models.Model):
    """請求書の発行者 — who invoices a space's members: the operator (運営受託者) or the prefecture, and its
    適格請求書発行事業者登録番号 (T + 13 digits) when registered; without one, invoices are plain 請求書."""

    space = models.OneToOneField("space.Space", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("issuer's name"), max_length=200)
    registration_number = models.CharField(
        _("registration number"), max_length=14, blank=True,
        validators=[RegexValidator(r"^T\d{13}$", _("T followed by 13 digits."))],
        help_text=_("適格請求書発行事業者登録番号, e.g. T1234567890123; empty if not registered."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    payment_note = models.CharField(_("how to pay"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("invoice issuer")
        verbose_name_plural = _("invoice issuers")

    def __str__(self):
        return self.name
