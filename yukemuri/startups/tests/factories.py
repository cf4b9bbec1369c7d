import factory
from factory.django import DjangoModelFactory

from yukemuri.organisations.models import Organisation
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.startups.models import Programme, Startup


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"アクセラレータープログラム{n}")
    kind = Programme.Kind.ACCELERATOR
    fiscal_year = 2024


class StartupFactory(DjangoModelFactory):
    class Meta:
        model = Startup

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.STARTUP,
                                      name=factory.Sequence(lambda n: f"株式会社スタートアップ{n}"))
    sector = Startup.Sector.SOFTWARE
    stage = Startup.Stage.SEED


def coordinator():
    person = PersonFactory(display_name="コーディネーター")
    role_assign(person=person, role=Role.COORDINATOR)
    return person
