from datetime import timedelta

import pytest
from django.utils import timezone

from yukemuri.consultations import services
from yukemuri.consultations.models import Field, Qualification
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Facility
from yukemuri.space.tests.factories import make_space


@pytest.fixture(autouse=True)
def _reference_data(db):
    """The qualifications and fields migration 0002 adds, again after a transactional test's flush."""
    from yukemuri.consultations.models import Field, Qualification
    from yukemuri.consultations.reference import ensure

    ensure(Qualification, Field)


@pytest.fixture
def contractor(gunma):
    return Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY, verified=True)


@pytest.fixture
def space(gunma, contractor):
    return make_space(gunma, operator=contractor)


@pytest.fixture
def room(space):
    return Facility.objects.create(space=space, name="相談室", kind=Facility.Kind.ROOM, capacity=4, bookable=True)


@pytest.fixture
def operator(contractor):
    person = PersonFactory(display_name="運営スタッフ")
    role_assign(person=person, role=Role.OPERATOR)
    Membership.objects.create(organisation=contractor, person=person)
    return person


def make_coordinator(space, operator, *, qualifications=("cpa",), fields=("funding",), name="佐々木"):
    person = PersonFactory(display_name=name)
    role_assign(person=person, role=Role.COORDINATOR)
    services.profile_save(by=operator, person=person, space=space,
                          qualifications=list(Qualification.objects.filter(code__in=qualifications)),
                          fields=list(Field.objects.filter(code__in=fields)))
    return type(person).objects.get(pk=person.pk)


@pytest.fixture
def coordinator(space, operator):
    return make_coordinator(space, operator)


@pytest.fixture
def member():
    return PersonFactory(display_name="会員")


def soon(days=2, hour=14):
    return (timezone.localtime() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def slot(coordinator, room):
    return services.slot_publish(by=coordinator, starts_at=soon(), minutes=60, facility=room)


def intake(**kwargs):
    return {"topic": "開業資金", "stage": "preparing", "needs": "融資の相談", **kwargs}
