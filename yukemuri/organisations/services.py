"""Services for organisations: creation, membership and staff verification."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require

from .models import Membership, Organisation


@transaction.atomic
def organisation_create(*, name: str, kind: str, creator=None, municipality=None, description: str = "",
                        website: str = "", is_demo: bool = False) -> Organisation:
    """Create an organisation; its creator becomes its first administrator. Unverified until staff check it."""
    organisation = Organisation.objects.create(
        name=name, kind=kind, municipality=municipality, description=description,
        website=website, is_demo=is_demo,
    )
    if creator is not None:
        Membership.objects.create(organisation=organisation, person=creator, role=Membership.Role.ADMIN)
    return organisation


def membership_add(*, organisation: Organisation, person, role: str = Membership.Role.MEMBER) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation, person=person, defaults={"role": role}
    )
    return membership


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by) -> Organisation:
    """Mark an organisation as verified; only staff may (organisations.verify_organisation)."""
    require(by, "organisations.verify_organisation", organisation, _("Only staff verify organisations."))
    action_record(actor=by, verb=verbs.ORGANISATION_VERIFIED, target=organisation,
                  data={"old": organisation.verified, "new": True})
    organisation.verified = True
    organisation.verified_by = by
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["verified", "verified_by", "verified_at"])
    return organisation


def organisations_of(person):
    """The organisations a person may post on behalf of."""
    if person is None or not person.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__person=person).order_by("name")


def is_member(*, person, organisation) -> bool:
    return Membership.objects.filter(person=person, organisation=organisation).exists()
