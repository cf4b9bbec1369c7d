"""Who may do what with consultations (consultations/rules.py): role × perm → allowed.

Object roles: `its_coordinator` published the slot, `colleague` is another coordinator with a profile at the same
space, `member` booked the consultation, `operator` runs the space (its operating company's operator)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yukemuri.consultations.models import Consultation, Slot
from yukemuri.core.tests.permission_grid import SIGNED_IN, grid, person_for

from .conftest import make_coordinator

RUNS = ("administrator", "operator")
GRID = grid({
    "consultations.publish_slot": ("its_coordinator", "colleague"),
    "consultations.change_slot": (*RUNS, "its_coordinator"),
    "consultations.book_slot": {
        "open": (*SIGNED_IN, "colleague", "member", "operator"),
        "past": (),
    },
    "consultations.view_consultation": (*RUNS, "its_coordinator", "colleague", "member"),
    "consultations.cancel_consultation": {
        "open": (*RUNS, "its_coordinator", "member"),
        "past": (*RUNS, "its_coordinator"),
    },
    "consultations.read_notes": (*RUNS, "its_coordinator", "colleague"),
    "consultations.write_notes": (*RUNS, "its_coordinator"),
    "consultations.hand_off": ("its_coordinator",),
    "consultations.manage_coordinators": RUNS,
}, states=("open",))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_consultation_permissions(perm, state, role, allowed, roles, space, operator, member):
    coordinator = make_coordinator(space, operator)
    colleague = make_coordinator(space, operator, name="同僚")
    starts = timezone.now() + (timedelta(days=1) if state == "open" else -timedelta(hours=1))
    slot = Slot(pk=1, coordinator=coordinator, space=space, starts_at=starts, minutes=60, online=True)
    consultation = Consultation(pk=1, slot=slot, member=member, topic="t", stage="idea", needs="n")
    obj = {"consultations.publish_slot": space, "consultations.change_slot": slot, "consultations.book_slot": slot,
           "consultations.manage_coordinators": space}.get(perm, consultation)
    person = person_for(roles, role, its_coordinator=coordinator, colleague=colleague, member=member,
                        operator=operator)
    assert person.has_perm(perm, obj) is allowed


def test_a_coordinator_of_another_space_neither_publishes_here_nor_reads_the_notes(roles, space, operator, member,
                                                                                   gunma):
    from yukemuri.space.tests.factories import make_space

    elsewhere = make_space(gunma, name="別のスペース", slug="other")
    here = make_coordinator(space, operator)
    there = make_coordinator(elsewhere, roles["administrator"], name="よそ")
    slot = Slot(pk=1, coordinator=here, space=space, starts_at=timezone.now() + timedelta(days=1), online=True)
    consultation = Consultation(pk=1, slot=slot, member=member)
    assert not there.has_perm("consultations.publish_slot", space)
    assert not there.has_perm("consultations.read_notes", consultation)
