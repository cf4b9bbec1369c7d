"""Who sees everyone's actions (actions/rules.py): role → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import grid, person_for


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({
    "actions.view_all": ("moderator", "administrator", "staff"),
}))
def test_actions_permissions(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm) is allowed
