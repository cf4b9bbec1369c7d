"""Services of a space's memberships: join a plan, name members, change plan or cancel at month end, the desk's
check-in and check-out, and closing visits left open (docs/decisions/0030-space-fees-and-invoices.md)."""

import calendar
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record
from yukemuri.core.codes import normalise_code
from yukemuri.core.permissions import require
from yukemuri.organisations.services import is_member

from . import selectors
from .models import MemberCard, Membership, MembershipPlan, NamedMember, Visit


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _today() -> date:
    return timezone.localdate()


def _card(space, person) -> MemberCard:
    card, _created = MemberCard.objects.get_or_create(space=space, person=person)
    return card


def _overlapping(person, space, starts_on: date, exclude=None):
    covering = Membership.objects.filter(plan__space=space).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if exclude is not None:
        covering = covering.exclude(pk=exclude.pk)
    return covering.filter(Q(person=person) | Q(named__person=person)).exists()


@transaction.atomic
def join(*, by, plan: MembershipPlan, starts_on: date | None = None, organisation=None,
         billing_name: str = "", person=None) -> Membership:
    """Sign up for a plan (利用登録). One membership at a time per person and space; a corporate plan is taken for
    an organisation the person belongs to. The operator may sign up someone else (`person`)."""
    holder = person or by
    if holder != by:
        require(by, "membership.manage_members", plan.space,
                _("Only the space's operator can sign up someone else."))
    else:
        require(by, "membership.join", message=_("Log in to become a member."))
    if not plan.active:
        raise ValidationError({"plan": _("This plan is not open for sign-up.")})
    starts_on = starts_on or _today()
    if starts_on < _today() and holder == by:
        raise ValidationError({"starts_on": _("A membership cannot start in the past.")})
    if plan.corporate:
        if organisation is None:
            raise ValidationError({"organisation": _("A corporate plan is taken for an organisation.")})
        if not is_member(person=holder, organisation=organisation):
            raise ValidationError({"organisation": _("Only members of the organisation can sign it up.")})
    else:
        organisation = None
    if _overlapping(holder, plan.space, starts_on):
        raise ValidationError(_("You already have a membership of this space for that time. Change its plan "
                                "instead."))
    membership = Membership.objects.create(plan=plan, person=holder, organisation=organisation,
                                           billing_name=billing_name.strip(), starts_on=starts_on)
    NamedMember.objects.create(membership=membership, person=holder)
    _card(plan.space, holder)
    record(actor=by, verb=verbs.MEMBERSHIP_JOINED, target=membership,
           data={"plan": plan.code, "person": holder.pk, "starts_on": starts_on.isoformat()})
    return membership


@transaction.atomic
def named_member_add(*, by, membership: Membership, person) -> NamedMember:
    """A corporate membership covers up to its plan's number of named members (the holder counts)."""
    require(by, "membership.change_membership", membership, _("Only the holder or the operator can name members."))
    membership = Membership.objects.select_for_update().select_related("plan__space").get(pk=membership.pk)
    if not membership.plan.corporate:
        raise ValidationError(_("Only a corporate membership has named members."))
    if membership.named.count() >= membership.plan.named_members:
        raise ValidationError(_("This plan covers at most %(count)d people.") % {"count": membership.plan.named_members})
    if membership.named.filter(person=person).exists():
        raise ValidationError(_("This person is already named."))
    starts = max(membership.starts_on, _today())
    if _overlapping(person, membership.plan.space, starts, exclude=membership):
        raise ValidationError(_("This person already has a membership of this space."))
    named = NamedMember.objects.create(membership=membership, person=person)
    _card(membership.plan.space, person)
    record(actor=by, verb=verbs.MEMBERSHIP_CHANGED, target=membership, data={"named": {"old": None, "new": person.pk}})
    return named


@transaction.atomic
def named_member_remove(*, by, membership: Membership, person) -> None:
    """Take a person off a corporate membership (the holder stays: cancel the membership instead). Their member
    card stays, as cards belong to a person at a space whatever plan they hold."""
    require(by, "membership.change_membership", membership, _("Only the holder or the operator can name members."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if person.pk == membership.person_id:
        raise ValidationError(_("The holder stays on the membership."))
    deleted, _rows = NamedMember.objects.filter(membership=membership, person=person).delete()
    if deleted:
        record(actor=by, verb=verbs.MEMBERSHIP_CHANGED, target=membership,
               data={"named": {"old": person.pk, "new": None}})


@transaction.atomic
def cancel(*, by, membership: Membership, today: date | None = None) -> Membership:
    """解約: effective at the end of the current month (or at the end of the month before it starts)."""
    require(by, "membership.change_membership", membership, _("Only the holder or the operator can cancel."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    today = today or _today()
    ends_on = max(month_end(today), month_end(membership.starts_on))
    if membership.ends_on is not None and membership.ends_on <= ends_on:
        raise ValidationError(_("This membership already ends on %(day)s.") % {"day": membership.ends_on})
    old = membership.ends_on
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on"])
    record(actor=by, verb=verbs.MEMBERSHIP_CHANGED, target=membership,
           data={"ends_on": {"old": old and old.isoformat(), "new": ends_on.isoformat()}})
    return membership


@transaction.atomic
def change_plan(*, by, membership: Membership, plan: MembershipPlan, today: date | None = None) -> Membership:
    """プラン変更: the current membership ends at the end of this month, the new plan starts on the 1st of the next
    (a membership that has not started yet just changes its plan). Returns the membership on the new plan."""
    require(by, "membership.change_membership", membership, _("Only the holder or the operator can change plans."))
    membership = Membership.objects.select_for_update().select_related("plan").get(pk=membership.pk)
    today = today or _today()
    if plan.space_id != membership.plan.space_id or plan.pk == membership.plan_id:
        raise ValidationError({"plan": _("Choose another plan of this space.")})
    if plan.corporate and membership.organisation_id is None:
        raise ValidationError({"plan": _("A corporate plan is taken for an organisation: sign it up anew.")})
    if membership.ends_on is not None and membership.ends_on < today:
        raise ValidationError(_("This membership has ended."))
    if membership.starts_on > today:
        old, membership.plan = membership.plan.code, plan
        membership.save(update_fields=["plan"])
        record(actor=by, verb=verbs.MEMBERSHIP_CHANGED, target=membership, data={"plan": {"old": old, "new": plan.code}})
        return membership
    next_start = month_end(today) + timedelta(days=1)
    later_end = membership.ends_on if membership.ends_on and membership.ends_on >= next_start else None
    membership.ends_on = month_end(today)
    membership.save(update_fields=["ends_on"])
    successor = Membership.objects.create(plan=plan, person=membership.person, organisation=membership.organisation,
                                          billing_name=membership.billing_name, starts_on=next_start, ends_on=later_end)
    people = [membership.person] + [n.person for n in membership.named.select_related("person")
                                    if n.person_id != membership.person_id]
    for person in people[: max(1, plan.named_members) if plan.corporate else 1]:
        NamedMember.objects.create(membership=successor, person=person)
    record(actor=by, verb=verbs.MEMBERSHIP_CHANGED, target=successor,
           data={"plan": {"old": membership.plan.code, "new": plan.code}, "from": next_start.isoformat()})
    return successor


@transaction.atomic
def plan_save(*, by, space, code: str, **values) -> MembershipPlan:
    """Create or change a plan of a space (the operator's; plans are data)."""
    require(by, "membership.manage_members", space, _("Only the space's operator manages its plans."))
    plan, created = MembershipPlan.objects.get_or_create(space=space, code=code, defaults=values)
    if not created:
        for name, value in values.items():
            setattr(plan, name, value)
        plan.full_clean()
        plan.save()
    record(actor=by, verb=verbs.MEMBERSHIP_CHANGED, target=plan, data={"plan": code, "created": created})
    return plan


# --- the desk -------------------------------------------------------------------------------------------------


def close_time(visit: Visit) -> datetime:
    """The rule for a visit nobody checked out: it ends at the space's closing time on the day it began, or at
    the check-in itself when it began after closing or on a closed day (so a forgotten check-out never costs
    more than the time the space was open)."""
    local = timezone.localtime(visit.checked_in_at)
    hours = selectors.hours_on(visit.space, local.date())
    if hours is None:
        return visit.checked_in_at
    closing = timezone.make_aware(datetime.combine(local.date(), hours[1]))
    return max(closing, visit.checked_in_at)


def _close_by_rule(visit: Visit) -> Visit:
    visit.checked_out_at, visit.closed_by_rule = close_time(visit), True
    visit.save(update_fields=["checked_out_at", "closed_by_rule"])
    return visit


@transaction.atomic
def close_open_visits(*, now: datetime | None = None) -> int:
    """Close every visit still open after its day's closing time (the nightly sweep; also done at a check-in)."""
    now = now or timezone.now()
    closed = 0
    for visit in Visit.objects.select_for_update().select_related("space").filter(checked_out_at__isnull=True):
        if close_time(visit) <= now:
            _close_by_rule(visit)
            closed += 1
    return closed


def _card_of(space, code: str) -> MemberCard:
    card = MemberCard.objects.select_related("person").filter(space=space, code=normalise_code(code)).first()
    if card is None:
        raise ValidationError({"code": _("No member of this space has that code.")})
    return card


@transaction.atomic
def desk_scan(*, by, space, code: str, at: datetime | None = None) -> tuple[Visit, str]:
    """The desk reads a member's code: check in when they are not in, check out when they are.
    Returns the visit and "in" or "out"."""
    require(by, "membership.run_desk", space, _("Only the space's operator runs the desk."))
    at = at or timezone.now()
    card = _card_of(space, code)
    open_visit = (Visit.objects.select_for_update().filter(space=space, person=card.person, checked_out_at__isnull=True)
                  .select_related("space").first())
    if open_visit is not None and close_time(open_visit) <= at and timezone.localdate(open_visit.checked_in_at) < \
            timezone.localdate(at):
        _close_by_rule(open_visit)  # yesterday's forgotten check-out: closed by the rule, then a new visit
        open_visit = None
    if open_visit is not None:
        open_visit.checked_out_at, open_visit.checked_out_by = max(at, open_visit.checked_in_at), by
        open_visit.save(update_fields=["checked_out_at", "checked_out_by"])
        record(actor=by, verb=verbs.SPACE_CHECKED_OUT, target=open_visit,
               data={"old": None, "new": open_visit.checked_out_at.isoformat()})
        return open_visit, "out"
    membership = selectors.membership_on(space, card.person, timezone.localdate(at))
    if membership is None:
        raise ValidationError({"code": _("%(name)s has no membership valid today.") % {"name": card.person.display_name}})
    try:
        with transaction.atomic():
            visit = Visit.objects.create(space=space, person=card.person, membership=membership, checked_in_at=at,
                                         checked_in_by=by)
    except IntegrityError:  # a second desk read the same card at the same moment
        raise ValidationError({"code": _("This member was just checked in.")}) from None
    record(actor=by, verb=verbs.SPACE_CHECKED_IN, target=visit, data={"old": None, "new": at.isoformat()})
    return visit, "in"


def ensure_card(*, by, space, person) -> MemberCard:
    """The member's own card (its code and QR on their page)."""
    if by != person:
        raise PermissionDenied(_("This is someone else's card."))
    return _card(space, person)
