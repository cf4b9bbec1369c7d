import rules

from yukemuri.organisations.models import Membership
from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in


@rules.predicate
def is_verified_organisation_member(user) -> bool:
    return bool(user.is_authenticated and Membership.objects.filter(person=user, organisation__verified=True).exists())


@rules.predicate
def runs_event(user, event) -> bool:
    """Its creator, or a member of an organisation that organises it (or its series)."""
    if event is None or not user.is_authenticated:
        return False
    if event.created_by_id == user.pk:
        return True
    organisers = set(event.organisers.values_list("pk", flat=True))
    if getattr(event, "series_id", None):
        organisers |= set(event.series.organisers.values_list("pk", flat=True))
        if event.series.created_by_id == user.pk:
            return True
    return Membership.objects.filter(person=user, organisation__in=organisers).exists()


@rules.predicate
def runs_series(user, series) -> bool:
    if series is None or not user.is_authenticated:
        return False
    return series.created_by_id == user.pk or Membership.objects.filter(
        person=user, organisation__in=series.organisers.all()).exists()


can_organise = is_signed_in & (is_coordinator | is_municipal_staff | is_administrator | is_verified_organisation_member)
rules.add_perm("events.organise", can_organise)
rules.add_perm("events.manage_event", is_signed_in & (runs_event | is_coordinator | is_administrator))
rules.add_perm("events.manage_series", is_signed_in & (runs_series | is_coordinator | is_administrator))


@rules.predicate
def holds_registration(user, registration) -> bool:
    return bool(registration is not None and user.is_authenticated and registration.person_id == user.pk)


@rules.predicate
def runs_registration_event(user, registration) -> bool:
    return bool(registration is not None and user.has_perm("events.manage_event", registration.event))


# A place is given back by the person who holds it, or by those who run the event.
rules.add_perm("events.cancel_registration", is_signed_in & (holds_registration | runs_registration_event))
