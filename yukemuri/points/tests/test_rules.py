"""Who may do what with points (points/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import grid, person_for
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points.models import Account, Redemption

STAFF = ("municipal_staff", "administrator")
GRID = grid({
    "points.open_accounts": ("administrator",),
    "points.issue": (*STAFF, "organisation_admin"),
    "points.view_issuer": (*STAFF, "organisation_admin"),
    "points.operate_merchant": ("administrator", "organisation_admin", "organisation_member"),
    "points.reverse": STAFF,
    "points.answer_redemption": {"asked_by_merchant": ("holder",),
                                 "asked_by_person": ("organisation_admin", "organisation_member")},
}, states=("asked_by_merchant",))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_points_permissions(perm, state, role, allowed, roles):
    organisation = Organisation.objects.create(name="店", kind=Organisation.Kind.COMPANY)
    admin, member, holder = PersonFactory(), PersonFactory(), PersonFactory()
    Membership.objects.create(organisation=organisation, person=admin, role=Membership.Role.ADMIN)
    Membership.objects.create(organisation=organisation, person=member)
    account = Account(pk=1, kind=Account.Kind.MERCHANT, organisation=organisation)
    obj = None if perm == "points.open_accounts" else account
    if perm in ("points.issue", "points.view_issuer"):
        obj = Account(pk=2, kind=Account.Kind.ISSUER, organisation=organisation)
    if perm == "points.answer_redemption":
        obj = Redemption(wallet=Account(kind=Account.Kind.WALLET, person=holder), merchant=account,
                         asked_by="merchant" if state == "asked_by_merchant" else "person")
    person = person_for(roles, role, organisation_admin=admin, organisation_member=member, holder=holder)
    assert person.has_perm(perm, obj) is allowed


def test_an_organisations_admin_does_not_issue_through_its_merchant(db):
    organisation = Organisation.objects.create(name="店", kind=Organisation.Kind.COMPANY)
    admin = PersonFactory()
    Membership.objects.create(organisation=organisation, person=admin, role=Membership.Role.ADMIN)
    assert not admin.has_perm("points.issue", Account(kind=Account.Kind.MERCHANT, organisation=organisation))
    assert not admin.has_perm("points.operate_merchant", Account(kind=Account.Kind.ISSUER, organisation=organisation))
