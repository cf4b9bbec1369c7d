import pytest

from yukemuri.help.tests.conftest import farm, farmer, make_request  # noqa: F401  (a help request to sign up for)
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.support import services
from yukemuri.support.services import ConsentGiven

PAPER = ConsentGiven("paper", form_number="C-00012")
SPOKEN = ConsentGiven("spoken", note="Agreed in person at the library")


@pytest.fixture
def supporter(db):
    person = PersonFactory(display_name="デジタル推進委員の鈴木")
    role_assign(person=person, role=Role.SUPPORTER)
    return person


@pytest.fixture
def staff(db):
    person = PersonFactory(display_name="町の職員")
    role_assign(person=person, role=Role.MUNICIPAL_STAFF)
    return person


@pytest.fixture
def assisted(supporter, municipality):
    """An elderly resident without e-mail or a device, registered by the supporter."""
    person, _code = services.person_register(by=supporter, full_name="山田 ハル", name_kana="やまだ はる",
                                             municipality=municipality)
    return person
