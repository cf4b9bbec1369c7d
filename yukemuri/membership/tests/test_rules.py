"""Who may do what with a space's memberships, desk and invoices (membership/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import SIGNED_IN, grid, person_for
from yukemuri.membership.models import Invoice, Membership, MembershipPlan
from yukemuri.people.tests.factories import PersonFactory

DESK = ("administrator", "operator")
GRID = grid({
    "membership.join": (*SIGNED_IN, "holder", "operator"),
    "membership.change_membership": (*DESK, "holder"),
    "membership.manage_members": DESK,
    "membership.run_desk": DESK,
    "membership.issue_invoices": DESK,
    "membership.view_members": (*DESK, "municipal_staff"),
    "membership.view_invoice": (*DESK, "municipal_staff", "holder"),
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_membership_permissions(perm, state, role, allowed, roles, operator, space):
    holder = PersonFactory()
    plan = MembershipPlan(pk=1, space=space, code="hourly", name="h", kind="hourly", hourly_price=250)
    membership = Membership(pk=1, plan=plan, person=holder, starts_on="2026-12-01")
    obj = {"membership.change_membership": membership,
           "membership.view_invoice": Invoice(pk=1, membership=membership, space=space)}.get(perm, space)
    person = person_for(roles, role, holder=holder, operator=operator)
    assert person.has_perm(perm, obj) is allowed


def test_a_named_member_cannot_change_the_organisations_membership(roles, space):
    holder, colleague = PersonFactory(), PersonFactory()
    plan = MembershipPlan(pk=1, space=space, code="corporate", name="c", kind="monthly", corporate=True)
    membership = Membership(pk=1, plan=plan, person=holder, starts_on="2026-12-01")
    assert holder.has_perm("membership.change_membership", membership)
    assert not colleague.has_perm("membership.change_membership", membership)


def test_only_the_operating_companys_operators_run_a_space_that_names_it(roles, space):
    """When the space names its operator (運営受託者), another contractor's operators neither run its desk nor
    read its members' invoices; the named company's operators do."""
    from yukemuri.organisations.models import Membership as OrganisationMembership
    from yukemuri.organisations.models import Organisation
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign

    company = Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY, verified=True)
    space.operator = company
    space.save(update_fields=["operator"])
    ours, theirs = PersonFactory(), PersonFactory()
    for person in (ours, theirs):
        role_assign(person=person, role=Role.OPERATOR)
    OrganisationMembership.objects.create(organisation=company, person=ours)
    plan = MembershipPlan(pk=1, space=space, code="hourly", name="h", kind="hourly", hourly_price=250)
    membership = Membership(pk=1, plan=plan, person=PersonFactory(), starts_on="2026-12-01")
    invoice = Invoice(pk=1, membership=membership, space=space)
    checks = [("membership.run_desk", space), ("membership.manage_members", space),
              ("membership.issue_invoices", space), ("membership.view_members", space),
              ("membership.change_membership", membership), ("membership.view_invoice", invoice)]
    assert [ours.has_perm(perm, obj) for perm, obj in checks] == [True] * len(checks)
    assert [theirs.has_perm(perm, obj) for perm, obj in checks] == [False] * len(checks)
