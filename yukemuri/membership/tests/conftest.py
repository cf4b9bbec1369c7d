from datetime import date, datetime, time

import pytest

from yukemuri.membership.fees import TOKYO
from yukemuri.membership.models import Issuer, MembershipPlan
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space.models import Space, WeeklyHours


def make_space(prefecture, *, name="NETSUGEN", slug="netsugen"):
    space = Space.objects.create(name=name, slug=slug, prefecture=prefecture)
    for day in range(5):
        WeeklyHours.objects.create(space=space, day=day, opens=time(10), closes=time(21))
    for day in (5, 6, WeeklyHours.Day.HOLIDAY):
        WeeklyHours.objects.create(space=space, day=day, opens=time(10), closes=time(18))
    return space


def make_plans(space):
    """The demo's three plans (seed 001)."""
    return {
        "corporate": MembershipPlan.objects.create(space=space, code="corporate", name="月額法人会員", kind="monthly",
                                                   monthly_price=25000, corporate=True, named_members=5, sort_order=1),
        "individual": MembershipPlan.objects.create(space=space, code="individual", name="月額個人会員",
                                                    kind="monthly", monthly_price=10000, sort_order=2),
        "hourly": MembershipPlan.objects.create(space=space, code="hourly", name="個人会員（月額会員以外）",
                                                kind="hourly", hourly_price=250, daily_cap=1000, sort_order=3),
    }


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TOKYO)


MONDAY = date(2026, 12, 7)


@pytest.fixture
def space(gunma):
    return make_space(gunma)


@pytest.fixture
def plans(space):
    return make_plans(space)


@pytest.fixture
def issuer(space):
    return Issuer.objects.create(space=space, name="株式会社ネツゲン運営", registration_number="T1234567890123")


@pytest.fixture
def operator(db):
    person = PersonFactory(display_name="運営スタッフ")
    role_assign(person=person, role=Role.OPERATOR)
    return person


@pytest.fixture
def member(db):
    return PersonFactory(display_name="湯煙 花子")
