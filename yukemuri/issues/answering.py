"""Who answers an issue officially (公式回答の担当): the organisations a person answers for on an issue."""

from django.db.models import Q

from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import organisations_of


def answering_organisations(person, issue) -> list:
    """The organisations `person` may answer `issue` for: the verified organisation of kind municipality of the
    issue's municipality (a municipality's staff, as ties finds them), and the organisation the issue names."""
    if person is None or not person.is_authenticated or issue is None:
        return []
    concerned = Q(pk=issue.organisation_id) if issue.organisation_id else Q(pk__in=[])
    if issue.municipality_id:
        concerned |= Q(kind=Organisation.Kind.MUNICIPALITY, verified=True, municipality_id=issue.municipality_id)
    # The municipality's own organisation first: an answer is signed by it when the person belongs to both.
    found = list(organisations_of(person).filter(concerned))
    return sorted(found, key=lambda o: o.kind != Organisation.Kind.MUNICIPALITY)
