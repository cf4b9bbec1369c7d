"""Who may do what in a co-creation space (django-rules; docs/decisions/0029-co-creation-space.md).

The operator (運営スタッフ, Role.OPERATOR: staff of the company that runs the space under contract) manages
facilities, hours, closures and books for others. When a space names its operating organisation, only operators
who are members of it manage that space. Prefectural and municipal staff see what the operator sees, and change
nothing: the operator's work is theirs. Who may book is `space.book_facility`, in one place: the space's operator
and administrators, and whoever passes the booking gates that apps above register (`add_booking_gate`; the
membership app's: 会員 of the space on the booking's day). The space app does not know memberships (it sits below
them in the layers, docs/decisions/0010-layers.md), so it asks through the gates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

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


def _facility_and_day(obj) -> tuple:
    """(facility, day) of a facility (day None: no date asked yet) or of a booking about to be made (its local
    start date)."""
    if obj is None or not hasattr(obj, "facility"):
        return obj, None
    return obj.facility, timezone.localdate(obj.starts_at) if obj.starts_at else None


@dataclass(frozen=True)
class Refusal:
    """Why a person may not book, in words for them (`message`) and for the operator booking for them
    (`for_others`), with where to go about it (`link`, `link_text`: e.g. the plans to join)."""

    message: str
    for_others: str = ""
    link: str = ""
    link_text: str = ""


# gate(person, facility, day: date | None) -> Refusal | None. Day None is the facility page before a date is
# chosen: "could they book some day from today on". Filled by apps above space in their AppConfig.ready.
BookingGate = Callable[[object, object, date | None], Refusal | None]
_booking_gates: list[BookingGate] = []


def add_booking_gate(gate: BookingGate) -> None:
    """Let an app above space narrow who books (the membership app: members only). Registering twice is one."""
    if gate not in _booking_gates:
        _booking_gates.append(gate)


def booking_refusal(person, obj) -> Refusal | None:
    """The first gate's refusal of `person` booking `obj` (a facility, or an unsaved booking with its times)."""
    facility, day = _facility_and_day(obj)
    for gate in _booking_gates:
        refusal = gate(person, facility, day)
        if refusal is not None:
            return refusal
    return None


@rules.predicate
def passes_booking_gates(user, obj) -> bool:
    return booking_refusal(user, obj) is None


@rules.predicate
def is_bookable(user, obj) -> bool:
    facility, _day = _facility_and_day(obj)
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
# Who books a bookable facility (obj: the facility, or an unsaved Booking with its facility, person and times):
# whoever runs the space, and whoever the registered gates let through — members on the booking's day when the
# membership app is installed (docs/decisions/0029); anyone signed in when no app registers a gate.
rules.add_perm("space.book_facility", is_signed_in & is_bookable & (manages_space | passes_booking_gates))
rules.add_perm("space.book_for_others", manages_space & is_bookable)
rules.add_perm("space.view_booking", is_own_booking | sees_space_admin)
rules.add_perm("space.cancel_booking", (is_own_booking & before_free_cancellation_ends) | manages_space)
