"""Who may confirm and cancel pledges (funding/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.funding.models import Campaign, Pledge
from yukemuri.people.tests.factories import PersonFactory

GRID = grid({
    "funding.confirm_payment": PLATFORM,
    "funding.cancel_pledge": (*PLATFORM, "supporter"),
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_funding_permissions(perm, state, role, allowed, roles):
    supporter = PersonFactory()
    campaign = Campaign()
    obj = campaign if perm == "funding.confirm_payment" else Pledge(campaign=campaign, supporter=supporter)
    assert person_for(roles, role, supporter=supporter).has_perm(perm, obj) is allowed
