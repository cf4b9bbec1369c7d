"""Who may do what in a co-creation space (django-rules; docs/decisions/0029-co-creation-space.md).

The operator (運営スタッフ, Role.OPERATOR: staff of the company that runs the space under contract) manages
facilities, hours, closures and books for others. When a space names its operating organisation, only operators
who are members of it manage that space. Prefectural and municipal staff see what the operator sees, and change
nothing: the operator's work is theirs. Who may book is `space.book_facility`, in one place.
"""

from datetime import timedelta

import rules
from django.utils import timezone

from yukemuri.organisations.models import Membership
from yukemuri.people.rules import is_administrator, is_municipal_staff, is_operator, is_signed_in


def _space_of(obj):
    """The space of a space, a facility or a booking (None for no object)."""
    if obj is None:
        return None
    if hasattr(obj, "facility"):
        obj = obj.facility
    return getattr(obj, "space", obj)


@rules.predicate
def operates(user, obj=None) -> bool:
    """An operator, of this space's operating organisation when the space names one."""
    if not is_operator(user):
        return False
    space = _space_of(obj)
    if space is None or space.operator_id is None or user.is_superuser:
        return True
    return Membership.objects.filter(person=user, organisation_id=space.operator_id).exists()


@rules.predicate
def is_bookable(user, facility) -> bool:
    return facility is not None and facility.bookable


@rules.predicate
def is_own_booking(user, booking) -> bool:
    return booking is not None and user.is_authenticated and booking.person_id == user.pk


@rules.predicate
def before_free_cancellation_ends(user, booking) -> bool:
    """キャンセル規定: a person cancels their own booking until the facility's hours before the start."""
    if booking is None:
        return False
    return timezone.now() <= booking.starts_at - timedelta(hours=booking.facility.free_cancellation_hours)


manages_space = is_signed_in & (operates | is_administrator)
sees_space_admin = manages_space | (is_signed_in & is_municipal_staff)

rules.add_perm("space.manage_space", manages_space)  # facilities, hours, closures (obj: a space or facility)
rules.add_perm("space.view_space_admin", sees_space_admin)  # every booking with who booked it
# Members book: for now anyone signed in may book a bookable facility; the membership helper narrows it here.
rules.add_perm("space.book_facility", is_signed_in & is_bookable)
rules.add_perm("space.book_for_others", manages_space & is_bookable)
rules.add_perm("space.view_booking", is_own_booking | sees_space_admin)
rules.add_perm("space.cancel_booking", (is_own_booking & before_free_cancellation_ends) | manages_space)
