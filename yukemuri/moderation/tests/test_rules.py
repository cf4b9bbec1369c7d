"""Who moderates, reports and publishes at once (moderation/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, SIGNED_IN, grid, person_for

MODERATORS = ("moderator", "administrator", "staff")
GRID = grid({
    "moderation.moderate": MODERATORS,
    "moderation.report": SIGNED_IN,
    "moderation.publish_without_review": (*MODERATORS, *PLATFORM),
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_moderation_permissions(perm, state, role, allowed, roles):
    assert person_for(roles, role).has_perm(perm) is allowed
