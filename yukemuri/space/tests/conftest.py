import pytest

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Facility

from .factories import make_members, make_space


@pytest.fixture
def contractor(gunma):
    return Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY, verified=True)


@pytest.fixture
def space(gunma, contractor):
    return make_space(gunma, operator=contractor)


@pytest.fixture
def room(space):
    return Facility.objects.create(space=space, name="会議室A", kind=Facility.Kind.ROOM, capacity=8, bookable=True,
                                   free_cancellation_hours=24)


@pytest.fixture
def operator(contractor):
    person = PersonFactory(display_name="運営スタッフ")
    role_assign(person=person, role=Role.OPERATOR)
    Membership.objects.create(organisation=contractor, person=person)
    return person


@pytest.fixture
def members(space, person, other_person):
    """`person` and `other_person` are members of the space: they may book its rooms."""
    return make_members(space, person, other_person)


def frozen(iso: str):
    """Django's clock stopped at `iso` (aware ISO 8601): timezone.now and everything built on it."""
    from datetime import datetime
    from unittest import mock

    moment = datetime.fromisoformat(iso)
    return mock.patch("django.utils.timezone.now", new=lambda: moment)
