"""Monthly invoices (月次請求): each member's month as lines, issued once with a number of its issuer's sequence.

Issuing is idempotent: a month's invoice of a membership exists at most once (a unique constraint), so running the
month's task twice, or two workers at once, adds nothing. Numbers come from the issuer's counter row, taken under a
row lock, and are never given twice, whatever happens to an invoice later.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record

from . import fees, invoicing, selectors, services
from .models import Invoice, InvoiceLine, InvoiceSequence, Issuer, Membership


def first_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def tax_mode() -> invoicing.TaxMode:
    return invoicing.TaxMode(settings.YUKEMURI.get("SPACE_FEES_TAX_MODE", "inclusive"))


def tax_rate() -> int:
    return int(settings.YUKEMURI.get("SPACE_FEES_TAX_RATE", 10))


def issuer_of(space) -> tuple[str, str]:
    """The issuer's name and registration number (empty when not registered)."""
    issuer = Issuer.objects.filter(space=space).first()
    if issuer is not None:
        return issuer.name, issuer.registration_number
    operator = getattr(space, "operator", None)
    return (operator.name if operator is not None else space.name), ""


def day_visits(membership: Membership, month: date) -> dict[date, int]:
    """The month's charge per day of an hourly membership (days the membership covers only)."""
    following = next_month(month)
    pairs = [(visit.checked_in_at, visit.checked_out_at or services.close_time(visit))
             for visit in selectors.visits_in_month(membership, month).select_related("space")]
    charges = fees.day_charges(membership.plan.fee_rule, pairs)
    return {day: yen for day, yen in charges.items() if month <= day < following and membership.covers(day)}


def lines_of(membership: Membership, month: date) -> list[invoicing.Line]:
    """明細: the monthly fee for a month the membership covers (no 日割り), or one line per day of hourly use."""
    rate = tax_rate()
    plan, lines = membership.plan, []
    following = next_month(month)
    covers_month = membership.starts_on < following and (membership.ends_on is None or membership.ends_on >= month)
    if plan.monthly_price and covers_month:
        lines.append(invoicing.Line(_("%(plan)s, %(month)s") % {"plan": plan.name, "month": month.strftime("%Y-%m")},
                                    1, plan.monthly_price, rate))
    if plan.hourly_price:
        minutes = fees.minutes_per_day([(v.checked_in_at, v.checked_out_at or services.close_time(v))
                                        for v in selectors.visits_in_month(membership, month).select_related("space")])
        for day, yen in sorted(day_visits(membership, month).items()):
            if yen:
                hours = fees.charged_hours(minutes.get(day, 0))
                capped = yen < hours * plan.hourly_price
                text = (_("Use on %(day)s: %(hours)d h (capped for the day)") if capped
                        else _("Use on %(day)s: %(hours)d h")) % {"day": day.isoformat(), "hours": hours}
                lines.append(invoicing.Line(text, 1, yen, rate, day=day))
    return lines


def _next_number(space) -> int:
    InvoiceSequence.objects.get_or_create(space=space)
    counter = InvoiceSequence.objects.select_for_update().get(space=space)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def issue_one(*, membership: Membership, month: date, issued_on: date | None = None) -> Invoice | None:
    """The month's invoice of one membership: the one already issued, a new one, or None when nothing is due."""
    existing = Invoice.objects.filter(membership=membership, month=month).first()
    if existing is not None:
        return existing
    lines = lines_of(membership, month)
    totals = invoicing.compute(lines, tax_mode())
    if not lines or totals.total == 0:
        return None
    space = membership.plan.space
    name, registration = issuer_of(space)
    try:
        with transaction.atomic():
            sequence = _next_number(space)
            invoice = Invoice.objects.create(
                space=space, membership=membership, month=month, sequence=sequence,
                number=f"{space.slug.upper()}-{month:%Y%m}-{sequence:06d}", issued_on=issued_on or timezone.localdate(),
                issuer_name=name, registration_number=registration, recipient=membership.recipient,
                plan_name=membership.plan.name,
                tax_mode=totals.mode.value, tax=totals.tax, total=totals.total,
                per_rate=[{"rate": r.rate, "stated": r.stated, "net": r.net, "tax": r.tax, "gross": r.gross}
                          for r in totals.per_rate])
            InvoiceLine.objects.bulk_create([
                InvoiceLine(invoice=invoice, position=i, day=line.day, description=line.description,
                            quantity=line.quantity, unit_price=line.unit_price, rate=line.rate)
                for i, line in enumerate(lines)])
    except IntegrityError:  # another run issued it meanwhile: this one rolls back, counter included
        return Invoice.objects.filter(membership=membership, month=month).first()
    return invoice


def issue_month(*, space, month: date, by=None, issued_on: date | None = None) -> list[Invoice]:
    """Issue every due invoice of a space for a month (idempotent). Visits left open are closed by the rule first."""
    month = first_of(month)
    following = next_month(month)
    services.close_open_visits()
    memberships = (Membership.objects.select_related("plan__space", "person", "organisation")
                   .filter(plan__space=space, starts_on__lt=following)
                   .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=month)).order_by("pk"))
    issued = []
    for membership in memberships:
        invoice = issue_one(membership=membership, month=month, issued_on=issued_on)
        if invoice is not None:
            issued.append(invoice)
    with transaction.atomic():
        record(actor=by, verb=verbs.INVOICES_ISSUED, target=space,
               data={"month": month.isoformat(), "invoices": [invoice.pk for invoice in issued]})
    return issued
