"""Reads of consultations: open slots by field and qualification, a person's consultations, a coordinator's."""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from .models import Consultation, CoordinatorProfile, Field, Qualification, Slot


def fields():
    return Field.objects.all()


def qualifications():
    return Qualification.objects.all()


def _booked():
    return Consultation.objects.filter(slot=OuterRef("pk"), status=Consultation.Status.BOOKED)


def open_slots(*, field=None, qualification=None, space=None):
    """Slots still to come, not withdrawn, not booked, of active coordinators — filtered by their fields and
    qualifications."""
    slots = (Slot.objects.select_related("coordinator", "coordinator__coordinator_profile", "facility", "space")
             .prefetch_related("coordinator__coordinator_profile__qualifications",
                               "coordinator__coordinator_profile__fields")
             .filter(withdrawn_at__isnull=True, starts_at__gt=timezone.now(),
                     coordinator__coordinator_profile__active=True)
             .exclude(Exists(_booked())).order_by("starts_at", "pk"))
    if field is not None:
        slots = slots.filter(coordinator__coordinator_profile__fields=field)
    if qualification is not None:
        slots = slots.filter(coordinator__coordinator_profile__qualifications=qualification)
    if space is not None:
        slots = slots.filter(space=space)
    return slots


def slot(pk: int) -> Slot | None:
    return (Slot.objects.select_related("coordinator__coordinator_profile", "facility", "space")
            .prefetch_related("coordinator__coordinator_profile__qualifications",
                              "coordinator__coordinator_profile__fields").filter(pk=pk).first())


def consultation(pk: int) -> Consultation | None:
    return (Consultation.objects.select_related("slot__coordinator", "slot__facility", "slot__space", "member",
                                                "field", "opening", "team_application__role__idea")
            .filter(pk=pk).first())


def consultations_of(person):
    """A member's consultations, coming first then past."""
    return (Consultation.objects.select_related("slot__coordinator", "slot__facility", "field")
            .filter(member=person).order_by("-slot__starts_at"))


def slots_of_coordinator(person, *, since=None):
    """A coordinator's slots from `since` (a day ago by default) with the live consultation of each, if any."""
    since = since or timezone.now() - timedelta(days=1)
    return (Slot.objects.select_related("facility").filter(coordinator=person, starts_at__gte=since)
            .prefetch_related("consultations__member", "consultations__field").order_by("starts_at"))


def caseload(space, *, since=None):
    """The space's consultations (coordinators and operator): live and past, follow-ups first."""
    rows = (Consultation.objects.select_related("slot__coordinator", "member", "field")
            .filter(slot__space=space).order_by("-slot__starts_at"))
    if since is not None:
        rows = rows.filter(slot__starts_at__gte=since)
    return rows


def profiles_of(space):
    return (CoordinatorProfile.objects.select_related("person").prefetch_related("qualifications", "fields")
            .filter(space=space, active=True).order_by("pk"))


def count_by_field(space, since: date, until: date) -> list[tuple[str, int]]:
    """Consultations held or booked (not cancelled) per field between two days (inclusive), every field listed."""
    counts = dict(Consultation.objects.filter(
        slot__space=space, status=Consultation.Status.BOOKED,
        slot__starts_at__date__gte=since, slot__starts_at__date__lte=until,
    ).values_list("field_id").annotate(n=Count("pk")).values_list("field_id", "n"))
    rows = [(f.name, counts.get(f.pk, 0)) for f in Field.objects.all()]
    if counts.get(None):
        rows.append((None, counts[None]))
    return rows




def all_profiles_of(space):
    """Every coordinator profile at the space, those not taking consultations too (the operator's page)."""
    return CoordinatorProfile.objects.select_related("person").filter(space=space).order_by("pk")


def profile_of(person_id: int, space):
    return CoordinatorProfile.objects.prefetch_related("qualifications", "fields").filter(
        person_id=person_id, space=space).first()


def coordinators_for(space):
    """People holding Role.COORDINATOR with no profile or one at this space: a profile elsewhere is another
    operator's to change, so this page never moves it."""
    from yukemuri.people.selectors import holding_role

    return holding_role("coordinator").exclude(
        pk__in=CoordinatorProfile.objects.exclude(space=space).values("person_id"))
