from datetime import time

import pytest

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Closure, Facility, Space, WeeklyHours


def make_space(prefecture, *, name="NETSUGEN", slug="netsugen", operator=None):
    space = Space.objects.create(name=name, slug=slug, prefecture=prefecture, operator=operator,
                                 address="群馬県前橋市大手町1-1-1", address_extra="群馬県庁 31・32階")
    for day in range(5):
        WeeklyHours.objects.create(space=space, day=day, opens=time(10), closes=time(21))
    for day in (5, 6, WeeklyHours.Day.HOLIDAY):
        WeeklyHours.objects.create(space=space, day=day, opens=time(10), closes=time(18))
    Closure.objects.create(space=space, starts_on="2026-12-29", ends_on="2027-01-03",
                           reason=Closure.Reason.YEAR_END)
    return space


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


def frozen(iso: str):
    """Django's clock stopped at `iso` (aware ISO 8601): timezone.now and everything built on it."""
    from datetime import datetime
    from unittest import mock

    moment = datetime.fromisoformat(iso)
    return mock.patch("django.utils.timezone.now", new=lambda: moment)
