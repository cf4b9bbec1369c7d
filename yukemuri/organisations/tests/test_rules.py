"""Who verifies organisations (organisations/rules.py): role → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import grid, person_for
from yukemuri.organisations.tests.factories import OrganisationFactory


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({
    "organisations.verify_organisation": ("staff",),
}))
def test_organisation_permissions(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm, OrganisationFactory()) is allowed
