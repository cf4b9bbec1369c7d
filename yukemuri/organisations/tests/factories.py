import factory
from factory.django import DjangoModelFactory

from yukemuri.organisations.models import Organisation


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"団体{n}")
    kind = Organisation.Kind.NPO
