"""Who may do what in the startup registry.

Stewards (those who run the programmes: coordinators, municipal staff, administrators and site
staff) may change any entry and record who joined a programme; members of a startup's own
organisation may keep its profile, rounds and updates current.
"""

import rules

from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import is_member
from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

is_steward = is_coordinator | is_municipal_staff | is_administrator | rules.is_staff


@rules.predicate
def belongs_to_startup(user, startup) -> bool:
    return bool(startup is not None and user.is_authenticated
                and is_member(person=user, organisation=startup.organisation))


@rules.predicate
def belongs_to_startup_organisation(user, organisation) -> bool:
    """A member of an organisation of kind startup (it may then register it in the registry)."""
    return bool(organisation is not None and user.is_authenticated and organisation.kind == Organisation.Kind.STARTUP
                and is_member(person=user, organisation=organisation))


rules.add_perm("startups.register_startup", is_signed_in & (belongs_to_startup_organisation | is_steward))
rules.add_perm("startups.change_startup", is_signed_in & (belongs_to_startup | is_steward))
rules.add_perm("startups.manage_programmes", is_signed_in & is_steward)
