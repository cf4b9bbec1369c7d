import pytest

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.ties import services

TSUMAGOI, KIRYU = "104256", "102032"


@pytest.fixture
def tsumagoi(gunma):
    return Municipality.objects.get(code=TSUMAGOI)


@pytest.fixture
def kiryu(gunma):
    return Municipality.objects.get(code=KIRYU)


def _staff_of(municipality, *, verified=True):
    org = Organisation.objects.create(name=f"{municipality.name}役場", kind=Organisation.Kind.MUNICIPALITY,
                                      municipality=municipality, verified=verified)
    person = PersonFactory(display_name=f"{municipality.name}の職員")
    Membership.objects.create(organisation=org, person=person)
    return person


@pytest.fixture
def village_staff(tsumagoi):
    """A member of 嬬恋村's verified municipality organisation."""
    return _staff_of(tsumagoi)


@pytest.fixture
def staff_of():
    return _staff_of


@pytest.fixture
def tie_of(tsumagoi):
    def make(person, municipality=None, kinds=("fan",), **kwargs):
        return services.tie_create(person=person, municipality=municipality or tsumagoi, kinds=list(kinds), **kwargs)
    return make
