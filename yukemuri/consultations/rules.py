"""Who may do what with consultations (django-rules; docs/decisions/0029-co-creation-space.md, "Consultations").

Coordinators with a profile at a space publish slots there; anyone signed in books an open slot (not their own);
the member and the coordinator cancel; the private notes are read by the space's coordinators (they share the
caseload), its operator and administrators — never by the member or prefectural staff — and written by the
consultation's own coordinator or the operator. Hand-offs to matching and teams are the coordinator's.
"""

import rules
from django.utils import timezone

from yukemuri.people.rules import is_administrator, is_coordinator, is_signed_in


def _space_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "slot"):
        obj = obj.slot
    return getattr(obj, "space", obj)


@rules.predicate
def operates_its_space(user, obj=None) -> bool:
    """The space's operator, as space.rules decides (its operating organisation's operators)."""
    space = _space_of(obj)
    return space is not None and user.has_perm("space.manage_space", space)


@rules.predicate
def consults_there(user, obj=None) -> bool:
    """A coordinator with an active profile at this space (any space when no object)."""
    profile = getattr(user, "coordinator_profile", None) if user.is_authenticated else None
    if profile is None or not profile.active:
        return False
    space = _space_of(obj)
    return space is None or profile.space_id == space.pk


@rules.predicate
def its_coordinator(user, obj) -> bool:
    slot = getattr(obj, "slot", obj)
    return slot is not None and user.is_authenticated and slot.coordinator_id == user.pk


@rules.predicate
def is_its_member(user, consultation) -> bool:
    return consultation is not None and user.is_authenticated and consultation.member_id == user.pk


@rules.predicate
def slot_is_open(user, slot) -> bool:
    return slot is not None and slot.withdrawn_at is None and slot.starts_at > timezone.now()


@rules.predicate
def not_begun(user, consultation) -> bool:
    return consultation is not None and consultation.slot.starts_at > timezone.now()


coordinates_there = is_signed_in & is_coordinator & consults_there
runs_it = is_signed_in & (operates_its_space | is_administrator)

rules.add_perm("consultations.publish_slot", coordinates_there)  # obj: a space, or None
rules.add_perm("consultations.change_slot", is_signed_in & its_coordinator | runs_it)
rules.add_perm("consultations.book_slot", is_signed_in & slot_is_open & ~its_coordinator)
rules.add_perm("consultations.view_consultation", is_signed_in & (is_its_member | its_coordinator)
               | coordinates_there | runs_it)
rules.add_perm("consultations.cancel_consultation", is_signed_in & is_its_member & not_begun
               | is_signed_in & its_coordinator | runs_it)
rules.add_perm("consultations.read_notes", coordinates_there | runs_it)
rules.add_perm("consultations.write_notes", is_signed_in & its_coordinator | runs_it)
rules.add_perm("consultations.hand_off", is_signed_in & is_coordinator & its_coordinator)
rules.add_perm("consultations.manage_coordinators", runs_it)  # obj: a space
