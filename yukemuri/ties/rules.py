"""Who may do what with ties (django-rules; docs/decisions/0011-permissions.md).

A person's ties are theirs alone. A municipality's survey, its 関係案内人 and the list of people who agreed to
be contacted are for the staff of that municipality — members of its verified organisation of kind
municipality — and for site staff; the municipal staff role alone is not enough, since it is not tied to
one municipality.
"""

import rules

from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.rules import is_administrator, is_signed_in

is_site_staff = rules.is_staff | is_administrator


@rules.predicate
def owns_tie(user, tie) -> bool:
    return bool(tie is not None and user.is_authenticated and tie.person_id == user.pk)


@rules.predicate
def works_for_municipality(user, municipality) -> bool:
    if municipality is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        person=user, organisation__kind=Organisation.Kind.MUNICIPALITY, organisation__verified=True,
        organisation__municipality=municipality,
    ).exists()


rules.add_perm("ties.add_tie", is_signed_in)
rules.add_perm("ties.change_tie", is_signed_in & owns_tie)
rules.add_perm("ties.delete_tie", is_signed_in & owns_tie)
rules.add_perm("ties.manage_ties", is_signed_in & (is_site_staff | works_for_municipality))
rules.add_perm("ties.export_members", is_signed_in & (is_site_staff | works_for_municipality))
