"""Who may organise and run events (events/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.events import services
from yukemuri.events.models import Registration
from yukemuri.events.tests.factories import make_event
from yukemuri.organisations.services import membership_add
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.tests.factories import PersonFactory

RUNS = ("creator", "organiser_member", "coordinator", "administrator")
GRID = grid({
    # Members of a verified organisation organise; of an unverified one, not.
    "events.organise": (*PLATFORM, "creator", "organiser_member"),
    "events.manage_event": RUNS,
    "events.manage_series": RUNS,
    "events.cancel_registration": (*RUNS, "registered"),
    # The diagrams of a workshop session: the people at the table, its organisers, coordinators.
    "workshops.edit_diagram": (*RUNS, "registered"),
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_event_permissions(perm, state, role, allowed, roles, gunma):
    verified = OrganisationFactory(verified=True)
    creator, organiser_member, registered, unverified_member = (PersonFactory() for _ in range(4))
    for member in (creator, organiser_member):
        membership_add(organisation=verified, person=member)
    membership_add(organisation=OrganisationFactory(verified=False), person=unverified_member)
    series = services.series_create(by=creator, title="未来共創ワークショップ", organisations=[verified])
    event = make_event(creator, series=series, session_number=1)
    registration = services.register(event=event, person=registered)
    assert registration.status == Registration.Status.CONFIRMED
    obj = {"events.organise": None, "events.manage_series": series,
           "events.cancel_registration": registration}.get(perm, event)
    person = person_for(roles, role, creator=creator, organiser_member=organiser_member, registered=registered)
    assert person.has_perm(perm, obj) is allowed
    assert not unverified_member.has_perm("events.organise")
