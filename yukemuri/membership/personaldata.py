"""The membership app's part of "download your data": my memberships of spaces, my visits at their desks, my invoices."""

from .models import Invoice, Visit
from .selectors import memberships_of


def space_memberships(person) -> list[dict]:
    return [{"space": m.plan.space.name, "plan": m.plan.name, "starts_on": m.starts_on, "ends_on": m.ends_on,
             "organisation": m.organisation.name if m.organisation_id else None} for m in memberships_of(person)]


def space_visits(person) -> list[dict]:
    visits = Visit.objects.filter(person=person).select_related("space").order_by("checked_in_at")
    return [{"space": v.space.name, "checked_in_at": v.checked_in_at, "checked_out_at": v.checked_out_at,
             "closed_at_closing_time": v.closed_by_rule} for v in visits]


def space_invoices(person) -> list[dict]:
    invoices = Invoice.objects.filter(membership__person=person).order_by("month", "sequence")
    return [{"number": i.number, "month": i.month, "issued_on": i.issued_on, "recipient": i.recipient,
             "total": i.total, "tax": i.tax} for i in invoices]
