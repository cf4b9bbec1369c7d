"""Who may do what in a co-creation space (space/rules.py): role × perm → allowed.

`operator` works for the space's operating company; `other_operator` holds the role but works for another company
(a space they do not run); `owner` is the person a booking is for, a member of the space (only members and who
runs the space book: the membership app's booking gate, docs/decisions/0029)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yukemuri.core.tests.permission_grid import grid, person_for
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Booking, Facility, Space

from .factories import make_members

MANAGERS = ("operator", "administrator")
GRID = grid({
    "space.manage_space": MANAGERS,
    # Prefectural and municipal staff see everything the operator sees and change nothing.
    "space.view_space_admin": (*MANAGERS, "municipal_staff"),
    # Members (the owner) and who runs the space; not every signed-in person, nor another company's operator.
    "space.book_facility": {"bookable": (*MANAGERS, "owner"), "not_bookable": ()},
    "space.book_for_others": {"bookable": MANAGERS, "not_bookable": ()},
    "space.view_booking": (*MANAGERS, "municipal_staff", "owner"),
    # Free until the facility's hours before the start; then only the operator (キャンセル規定).
    "space.cancel_booking": {"early": (*MANAGERS, "owner"), "late": MANAGERS},
}, states=("bookable",))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_space_permissions(perm, state, role, allowed, roles, gunma):
    company = Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY)
    elsewhere = Organisation.objects.create(name="別の会社", kind=Organisation.Kind.COMPANY)
    operator, other_operator, owner = PersonFactory(), PersonFactory(), PersonFactory()
    for person, org in ((operator, company), (other_operator, elsewhere)):
        role_assign(person=person, role=Role.OPERATOR)
        Membership.objects.create(organisation=org, person=person)
    space = Space.objects.create(name="NETSUGEN", slug="netsugen", prefecture=gunma, operator=company)
    facility = Facility.objects.create(space=space, name="会議室", bookable=state != "not_bookable",
                                       free_cancellation_hours=24)
    make_members(space, owner)
    starts = timezone.now() + timedelta(hours=48 if state != "late" else 2)
    booking = Booking.objects.create(facility=facility, person=owner, starts_at=starts,
                                     ends_at=starts + timedelta(hours=1))
    obj = {"space.manage_space": space, "space.view_space_admin": space}.get(perm, facility)
    if perm in ("space.view_booking", "space.cancel_booking"):
        obj = booking
    person = person_for(roles, role, operator=operator, other_operator=other_operator, owner=owner)
    assert person.has_perm(perm, obj) is allowed


def test_an_operator_runs_a_space_that_names_no_company(db, gunma):
    person = PersonFactory()
    role_assign(person=person, role=Role.OPERATOR)
    space = Space.objects.create(name="別の拠点", slug="other", prefecture=gunma)
    assert person.has_perm("space.manage_space", space)
    assert not PersonFactory().has_perm("space.manage_space", space)


def test_another_companys_operator_books_only_as_a_member(db, gunma):
    """The role alone does not book a space one does not run; a membership of it does (the booking gate)."""
    company = Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY)
    elsewhere = Organisation.objects.create(name="別の会社", kind=Organisation.Kind.COMPANY)
    other_operator = PersonFactory()
    role_assign(person=other_operator, role=Role.OPERATOR)
    Membership.objects.create(organisation=elsewhere, person=other_operator)
    space = Space.objects.create(name="NETSUGEN", slug="netsugen", prefecture=gunma, operator=company)
    facility = Facility.objects.create(space=space, name="会議室", bookable=True)
    assert not other_operator.has_perm("space.book_facility", facility)
    make_members(space, other_operator)
    assert other_operator.has_perm("space.book_facility", facility)
