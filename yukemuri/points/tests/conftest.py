import pytest

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import services


@pytest.fixture
def staff(db):
    person = PersonFactory(display_name="村の職員")
    role_assign(person=person, role=Role.MUNICIPAL_STAFF)
    return person


@pytest.fixture
def issuer(municipality):
    return services.issuer_open(by=None, name="渋川市 幸福ポイント", municipality=municipality, expiry_months=12)


@pytest.fixture
def shop(municipality):
    return Organisation.objects.create(name="伊香保の土産物店", kind=Organisation.Kind.COMPANY, municipality=municipality)


@pytest.fixture
def clerk(shop):
    person = PersonFactory(display_name="店員")
    Membership.objects.create(organisation=shop, person=person)
    return person


@pytest.fixture
def merchant(shop):
    return services.merchant_open(by=None, organisation=shop)


@pytest.fixture
def give(issuer, staff):
    counter = iter(range(1, 10**6))

    def give(person, amount, **kwargs):
        return services.earn(issuer=kwargs.pop("issuer", issuer), person=person, amount=amount,
                             reason=kwargs.pop("reason", "雪かきのお手伝い"), key=kwargs.pop("key", f"t:{next(counter)}"),
                             by=kwargs.pop("by", staff), **kwargs)

    return give
