"""Who runs the matching (matching/rules.py): role → allowed. Seeing a role's candidates also depends on
the idea's team: teams/tests/test_rules.py."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({
    "matching.run_matching": PLATFORM,
    "matching.see_candidates": PLATFORM,  # an opening without an idea (a volunteer day, a consultation)
}))
def test_matching_permissions(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm, None) is allowed
