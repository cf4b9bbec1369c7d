"""Reads of a space's memberships, visits and invoices, joined for the pages that show them."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from yukemuri.space.selectors import schedule_of

from .models import Invoice, MemberCard, Membership, MembershipPlan, Visit


def plans_of(space, *, active_only=True):
    plans = MembershipPlan.objects.filter(space=space)
    return plans.filter(active=True) if active_only else plans


def plan_by_code(code: str, space=None) -> list[MembershipPlan]:
    """The plans with this code (one per space; the command asks for the space when several spaces share it)."""
    plans = MembershipPlan.objects.select_related("space").filter(code=code)
    return list(plans.filter(space=space) if space is not None else plans)


def hours_on(space, day: date) -> tuple[time, time] | None:
    """The space's opening and closing time on `day`, or None when closed (the space app's rule: weekly rows,
    public holidays, closures)."""
    return schedule_of(space.pk).hours(day)


def memberships_covering(space, person, day: date):
    return (Membership.objects.select_related("plan", "organisation", "person")
            .filter(plan__space=space, starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
            .filter(Q(person=person) | Q(named__person=person)).distinct())


def is_member_on(space, person, day: date) -> bool:
    """A membership of the space (held, or named in a corporate one) covers `day`."""
    return memberships_covering(space, person, day).exists()


def is_member_from(space, person, day: date) -> bool:
    """A membership of the space (held or named in) covers `day` or some day after it (one starting later
    counts: its holder may book from its first day)."""
    return (Membership.objects.filter(plan__space=space).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
            .filter(Q(person=person) | Q(named__person=person)).exists())


def membership_on(space, person, day: date) -> Membership | None:
    return memberships_covering(space, person, day).first()


def memberships_of(person):
    """A person's memberships (held or named in), newest first."""
    return (Membership.objects.select_related("plan__space", "organisation")
            .filter(Q(person=person) | Q(named__person=person)).distinct().order_by("-starts_on", "-pk"))


def cards_of(space, person_ids):
    return MemberCard.objects.filter(space=space, person_id__in=person_ids)


def card_of(space, person) -> MemberCard | None:
    return MemberCard.objects.filter(space=space, person=person).first()


def members_of(space, day: date | None = None):
    """The memberships of a space covering `day` (all, when None), for the operator's list."""
    members = (Membership.objects.select_related("plan", "person", "organisation")
               .filter(plan__space=space).order_by("plan__sort_order", "starts_on", "pk"))
    if day is not None:
        members = members.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
    return members


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time(0)))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0)))


def visits_on(space, day: date):
    start, end = local_day_bounds(day)
    return (Visit.objects.select_related("person", "membership__plan").filter(space=space)
            .filter(checked_in_at__lt=end).filter(Q(checked_out_at__isnull=True) | Q(checked_out_at__gte=start))
            .order_by("checked_in_at"))


def visits_in_month(membership: Membership, month: date):
    start, _ = local_day_bounds(month)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    end, _ = local_day_bounds(following)
    return (Visit.objects.filter(membership=membership, checked_in_at__lt=end)
            .filter(Q(checked_out_at__isnull=True) | Q(checked_out_at__gte=start)).order_by("checked_in_at"))


def visits_of(person, space=None):
    visits = Visit.objects.select_related("space", "membership__plan").filter(person=person)
    return visits.filter(space=space) if space is not None else visits


def invoices_of_month(space, month: date):
    return (Invoice.objects.select_related("membership__plan", "membership__person")
            .filter(space=space, month=month).order_by("sequence"))


def invoices_of(person):
    return (Invoice.objects.select_related("membership__plan", "space")
            .filter(membership__person=person).order_by("-month", "-sequence"))


def invoice_detail(pk: int) -> Invoice | None:
    return (Invoice.objects.select_related("membership__plan", "membership__person", "space")
            .prefetch_related("lines").filter(pk=pk).first())


def visits_between(space, start: datetime, end: datetime):
    """Visits overlapping [start, end) — the operator's dashboard counts who was in at each hour."""
    return (Visit.objects.filter(space=space, checked_in_at__lt=end)
            .filter(Q(checked_out_at__isnull=True) | Q(checked_out_at__gte=start)).order_by("checked_in_at"))


def revenue_by_month(space, first: date, last: date) -> dict[date, int]:
    """Invoiced yen (tax included) per invoiced month, between two month starts (inclusive)."""
    from django.db.models import Sum

    rows = (Invoice.objects.filter(space=space, month__gte=first, month__lte=last)
            .values("month").annotate(total=Sum("total")).values_list("month", "total"))
    return {month: total or 0 for month, total in rows}
