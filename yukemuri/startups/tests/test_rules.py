"""Who may keep the startup registry (startups/rules.py): role × organisation's kind → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import membership_add
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.startups.models import Startup

STEWARDS = (*PLATFORM, "staff")
GRID = grid({
    # Its members register an organisation only when it is of kind startup.
    "startups.register_startup": {"startup": (*STEWARDS, "member"), "npo": STEWARDS},
    "startups.change_startup": {"startup": (*STEWARDS, "member"), "npo": (*STEWARDS, "member")},
    "startups.manage_programmes": {"startup": STEWARDS, "npo": STEWARDS},
}, states=("startup", "npo"))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_startup_permissions(perm, state, role, allowed, roles):
    kind = Organisation.Kind.STARTUP if state == "startup" else Organisation.Kind.NPO
    organisation, member = OrganisationFactory(kind=kind), PersonFactory()
    membership_add(organisation=organisation, person=member)
    obj = {"startups.register_startup": organisation, "startups.change_startup": Startup(organisation=organisation),
           "startups.manage_programmes": None}[perm]
    assert person_for(roles, role, member=member).has_perm(perm, obj) is allowed
