"""Who may do what with help requests (docs/decisions/0011-permissions.md)."""

import rules

from yukemuri.organisations.models import Membership
from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

# Staff: they may post without an organisation and mark disaster support (災害支援).
is_help_staff = is_coordinator | is_municipal_staff | is_administrator
# Who manages any request: the same people who manage any event (events.manage_event), since its slots are events
# — municipal staff manage the requests they post, as hosts do theirs.
manages_every_request = is_coordinator | is_administrator


@rules.predicate
def is_verified_organisation_member(user) -> bool:
    return bool(user.is_authenticated and Membership.objects.filter(person=user, organisation__verified=True).exists())


@rules.predicate
def hosts_request(user, request) -> bool:
    """A member of the request's host organisation, or the staff member who posted it without one."""
    if request is None or not user.is_authenticated:
        return False
    if request.host_id is None:
        return request.created_by_id == user.pk
    return Membership.objects.filter(person=user, organisation_id=request.host_id).exists()


@rules.predicate
def is_public(user, request) -> bool:
    return request is not None and request.status != "draft"


can_manage = is_signed_in & (hosts_request | manages_every_request)
rules.add_perm("help.post", is_signed_in & (is_help_staff | is_verified_organisation_member))
rules.add_perm("help.manage", can_manage)
rules.add_perm("help.view", is_public | can_manage)  # drafts only for their hosts and staff
rules.add_perm("help.mark_disaster", is_signed_in & is_help_staff)
