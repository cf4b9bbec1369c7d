"""Who sees the coordinator's page (kpi/rules.py): role → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({"kpi.coordinate": PLATFORM}))
def test_kpi_permissions(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm) is allowed


@pytest.mark.parametrize(("perm", "state", "role", "allowed"),
                         grid({"kpi.enter": ("municipal_staff", "administrator")}))
def test_who_enters_indicator_values(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm) is allowed
