"""Who is never counted by the rate limits (core/rules.py): role → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({"core.skip_rate_limits": (*PLATFORM, "staff")}))
def test_core_permissions(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm) is allowed
