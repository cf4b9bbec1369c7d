"""The permission grid of ties (docs/decisions/0011-permissions.md)."""

import pytest

from yukemuri.people.tests.factories import PersonFactory

EVERYONE = ["anonymous", "resident", "inactive", "staff", "municipal_staff", "coordinator", "moderator",
            "administrator"]


@pytest.mark.parametrize("name", EVERYONE)
def test_adding_a_tie_needs_an_active_account(roles, name):
    assert roles[name].has_perm("ties.add_tie") == (name not in ("anonymous", "inactive"))


@pytest.mark.parametrize("perm", ["ties.change_tie", "ties.delete_tie"])
def test_a_tie_is_its_persons_alone(roles, tie_of, perm):
    owner = PersonFactory()
    tie = tie_of(owner)
    assert owner.has_perm(perm, tie)
    assert not any(roles[name].has_perm(perm, tie) for name in EVERYONE)
    owner.is_active = False
    assert not owner.has_perm(perm, tie)


@pytest.mark.parametrize("perm", ["ties.manage_ties", "ties.export_members"])
def test_a_municipalitys_ties_are_for_its_staff_and_site_staff(roles, tsumagoi, kiryu, staff_of, perm):
    allowed = {"staff", "administrator"}
    for name in EVERYONE:
        assert roles[name].has_perm(perm, tsumagoi) == (name in allowed), name
    village = staff_of(tsumagoi)
    assert village.has_perm(perm, tsumagoi) and not village.has_perm(perm, kiryu)
    unverified = staff_of(kiryu, verified=False)  # an organisation nobody checked is nobody's staff
    assert not unverified.has_perm(perm, kiryu)
