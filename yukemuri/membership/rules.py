"""Who may do what with a space's memberships, visits and invoices (django-rules).

運営: the operator runs the desk, the members and the invoices — of the spaces it runs. When a space names its
operating organisation (the company holding 「運営業務を受託」), only operators who are members of it do (as
`space.rules.operates` decides for facilities and bookings): another contractor's staff do not run this desk nor
read these invoices.
"""

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.people.rules import is_administrator, is_municipal_staff, is_signed_in
from yukemuri.space.rules import Refusal, operates

from . import selectors


def _space_of(obj):
    """The space of a space, a plan, a membership (its plan's) or an invoice; None for no object."""
    if obj is None:
        return None
    if hasattr(obj, "plan"):  # a membership
        return obj.plan.space
    return getattr(obj, "space", obj)  # a plan or an invoice has one; a space is itself


@rules.predicate
def operates_its_space(person, obj=None) -> bool:
    return operates(person, _space_of(obj))


runs_desk = operates_its_space | is_administrator


@rules.predicate
def holds_membership(person, membership) -> bool:
    return membership is not None and person.is_authenticated and membership.person_id == person.pk


@rules.predicate
def invoice_is_theirs(person, invoice) -> bool:
    return (invoice is not None and person.is_authenticated and invoice.membership_id is not None
            and invoice.membership.person_id == person.pk)


rules.add_perm("membership.join", is_signed_in)
rules.add_perm("membership.change_membership", is_signed_in & holds_membership | runs_desk)
rules.add_perm("membership.manage_members", runs_desk)  # obj: the space (or a membership of it)
rules.add_perm("membership.run_desk", runs_desk)
rules.add_perm("membership.issue_invoices", runs_desk)
# Prefectural staff see the members and invoices (they answer for the space) but change nothing.
rules.add_perm("membership.view_members", runs_desk | is_municipal_staff)
rules.add_perm("membership.view_invoice", is_signed_in & invoice_is_theirs | runs_desk | is_municipal_staff)


def members_book(person, facility, day) -> Refusal | None:
    """The booking gate of `space.book_facility` (registered in apps.py; docs/decisions/0029): 会員 book the rooms
    and the studio — a membership of the facility's space on the booking's day, any plan, held or named in a
    corporate one. Day None (the facility page, no date chosen yet): a membership on some day from today on.
    Whoever runs the space passes before any gate is asked."""
    space = facility.space
    if person.is_authenticated:
        if day is None and selectors.is_member_from(space, person, timezone.localdate()):
            return None
        if day is not None and selectors.is_member_on(space, person, day):
            return None
    values = {"space": space.name, "day": day.isoformat() if day else "",
              "name": str(person)}
    if day is None:
        message = _("Booking is for members of %(space)s. Join with any plan to book.")
    else:
        message = _("Booking is for members of %(space)s, and you have no membership of it on %(day)s. Join with "
                    "any plan to book.")
    return Refusal(
        message=message % values,
        for_others=_("%(name)s has no membership of %(space)s on %(day)s: sign them up to a plan first, then "
                     "book for them.") % values,
        link=reverse("membership_home"), link_text=_("See the plans and join"))
