"""Who may do what with points (django-rules; docs/decisions/0011-permissions.md)."""

import rules

from yukemuri.organisations.models import Membership
from yukemuri.people.rules import is_administrator, is_municipal_staff, is_signed_in

is_points_staff = is_municipal_staff | is_administrator


def _member(user, organisation_id, *, admin: bool = False) -> bool:
    if organisation_id is None or not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(person=user, organisation_id=organisation_id)
    if admin:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    return memberships.exists()


@rules.predicate
def runs_issuer(user, account) -> bool:
    """An administrator of the organisation that issues these points."""
    return bool(account is not None and account.kind == "issuer"
                and _member(user, account.organisation_id, admin=True))


@rules.predicate
def works_at_merchant(user, account) -> bool:
    return bool(account is not None and account.kind == "merchant" and _member(user, account.organisation_id))


@rules.predicate
def is_other_side(user, redemption) -> bool:
    """The side that did not ask: the person when the merchant asked, the merchant's members when the person did."""
    if redemption is None or not user.is_authenticated:
        return False
    if redemption.asked_by == "merchant":
        return redemption.wallet.person_id == user.pk
    return _member(user, redemption.merchant.organisation_id) and redemption.wallet.person_id != user.pk


rules.add_perm("points.open_accounts", is_signed_in & is_administrator)
rules.add_perm("points.issue", is_signed_in & (is_points_staff | runs_issuer))
rules.add_perm("points.view_issuer", is_signed_in & (is_points_staff | runs_issuer))
rules.add_perm("points.operate_merchant", is_signed_in & (works_at_merchant | is_administrator))
rules.add_perm("points.answer_redemption", is_signed_in & is_other_side)
rules.add_perm("points.reverse", is_signed_in & is_points_staff)
