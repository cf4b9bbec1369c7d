"""Who may enter for others (support/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

GRID = grid({
    "support.enter_on_behalf": (*PLATFORM, "supporter"),
    "support.take_calls": PLATFORM,
    "support.enter_paper_forms": PLATFORM,
    "support.see_log": PLATFORM,
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_support_permissions(perm, state, role, allowed, roles):
    supporter = PersonFactory()
    role_assign(person=supporter, role=Role.SUPPORTER)
    assert person_for(roles, role, supporter=supporter).has_perm(perm) is allowed


def test_an_inactive_supporter_enters_nothing(db):
    supporter = PersonFactory(is_active=False)
    role_assign(person=supporter, role=Role.SUPPORTER)
    assert not supporter.has_perm("support.enter_on_behalf")
