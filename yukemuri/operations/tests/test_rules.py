"""Who sees a space's dashboard (operations/rules.py): its operator, administrators, prefectural staff, site staff."""

import pytest

from yukemuri.core.tests.permission_grid import grid, person_for

GRID = grid({"operations.view_dashboard": ("administrator", "operator", "municipal_staff", "staff")})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_dashboard_permission(perm, state, role, allowed, roles, space, operator):
    assert person_for(roles, role, operator=operator).has_perm(perm, space) is allowed
