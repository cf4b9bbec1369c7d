"""Who may do what with visions, for each standing role and for a named steward."""

import pytest

from yukemuri.visions import services

GRID = {  # perm: roles that hold it on a vision (besides the named steward)
    "visions.add_vision": {"municipal_staff", "administrator"},
    "visions.name_steward": {"municipal_staff", "administrator"},
    "visions.steward": {"municipal_staff", "administrator", "coordinator"},
}


@pytest.mark.parametrize("perm", sorted(GRID))
def test_grid(perm, roles, vision):
    for name, person in roles.items():
        assert person.has_perm(perm, vision) == (name in GRID[perm]), (perm, name)


def test_a_named_steward_stewards_that_vision_only(vision, make_vision, person, staff, gunma):
    from yukemuri.regions.models import Area

    other = make_vision(area=Area.objects.get(name="吾妻"))
    services.steward_name(vision=vision, by=staff, person=person)
    assert person.has_perm("visions.steward", vision)
    assert not person.has_perm("visions.steward", other)
    assert not person.has_perm("visions.name_steward", vision)
    person.is_active = False
    assert not person.has_perm("visions.steward", vision)
