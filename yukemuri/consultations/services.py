"""Writes of consultations (相談業務): profiles, slots, bookings with their intake, cancelling, the coordinator's
notes and hand-offs. Each runs in one transaction and is recorded in the action stream."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import allowed, require
from yukemuri.matching.services import consultation_open
from yukemuri.teams.services import invite

from .models import Consultation, CoordinatorProfile, Slot

TAKEN = _("Someone has booked this consultation already.")


class SlotTaken(ValidationError):
    """Somebody else booked the slot first."""


@transaction.atomic
def profile_save(*, by, person, space, qualifications=(), fields=(), introduction: str = "",
                 active: bool = True) -> CoordinatorProfile:
    """The operator (or an administrator) sets a coordinator's profile; the person must hold Role.COORDINATOR."""
    require(by, "consultations.manage_coordinators", space, _("Only the space's operator manages coordinators."))
    if not person.has_role("coordinator"):
        raise ValidationError({"person": _("This person is not a coordinator.")})
    profile, created = CoordinatorProfile.objects.select_for_update().get_or_create(person=person,
                                                                                  defaults={"space": space})
    # A coordinator of another space moves only with the say of that space's operator too (or an administrator):
    # one operator must not take over, or rewrite, another space's coordinator.
    if not created and profile.space_id != space.pk and not allowed(
            by, "consultations.manage_coordinators", profile.space):
        raise ValidationError({"person": _("This coordinator works at another space: its operator manages them.")})
    before = {"space": profile.space_id, "active": profile.active,
              "qualifications": sorted(q.code for q in profile.qualifications.all()),
              "fields": sorted(f.code for f in profile.fields.all())}
    profile.space, profile.introduction, profile.active = space, introduction.strip(), active
    profile.save()
    profile.qualifications.set(qualifications)
    profile.fields.set(fields)
    after = {"space": space.pk, "active": active, "qualifications": sorted(q.code for q in qualifications),
             "fields": sorted(f.code for f in fields)}
    action_record(actor=by, verb=verbs.CONSULTATION_PROFILE_CHANGED, target=profile,
                  data={"created": created, **diff(before, after)})
    return profile


@transaction.atomic
def slot_publish(*, by, starts_at: datetime, minutes: int, facility=None, online: bool = False) -> Slot:
    """A slot of the coordinator's own, at a facility of their space or online, in the future."""
    profile = getattr(by, "coordinator_profile", None)
    space = profile.space if profile is not None else None
    require(by, "consultations.publish_slot", space, _("Only coordinators with a profile at a space publish slots."))
    if timezone.is_naive(starts_at):
        raise ValueError("slot times must be aware")
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("That time has already begun.")})
    if not 15 <= minutes <= 240:
        raise ValidationError({"minutes": _("A consultation lasts 15 to 240 minutes.")})
    if online == (facility is not None):
        raise ValidationError({"facility": _("Choose a room of the space, or online.")})
    if facility is not None and facility.space_id != space.pk:
        raise ValidationError({"facility": _("Choose a room of your own space.")})
    ends_at = starts_at + timedelta(minutes=minutes)
    overlapping = Slot.objects.filter(coordinator=by, withdrawn_at__isnull=True, starts_at__lt=ends_at,
                                      starts_at__gt=starts_at - timedelta(minutes=240))
    if any(other.ends_at > starts_at for other in overlapping):
        raise ValidationError({"starts_at": _("You already have a slot at that time.")})
    slot = Slot.objects.create(coordinator=by, space=space, starts_at=starts_at, minutes=minutes,
                               facility=facility, online=online)
    action_record(actor=by, verb=verbs.CONSULTATION_SLOT_PUBLISHED, target=slot,
                  data={"starts_at": starts_at.isoformat(), "minutes": minutes,
                        "facility": facility.pk if facility else None, "online": online})
    return slot


@transaction.atomic
def slot_withdraw(*, by, slot: Slot) -> Slot:
    """Withdraw a slot; a consultation booked on it is cancelled with it (the member sees it cancelled)."""
    require(by, "consultations.change_slot", slot, _("Only the slot's coordinator or the operator withdraws it."))
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.withdrawn_at is not None:
        return slot
    slot.withdrawn_at = timezone.now()
    slot.save(update_fields=["withdrawn_at"])
    for consultation in slot.consultations.filter(status=Consultation.Status.BOOKED):
        _cancel(consultation, by)
    action_record(actor=by, verb=verbs.CONSULTATION_SLOT_WITHDRAWN, target=slot)
    return slot


def book(*, by, slot: Slot, topic: str, stage: str, needs: str, field=None) -> Consultation:
    """Book a slot with the intake (topic, stage of the business, what is needed). One live booking per slot,
    ever: the slot's row is locked first (SQLite's BEGIN IMMEDIATE serialises writers anyway) and the partial
    unique index consultation_one_per_slot refuses a second booking that got past the check."""
    require(by, "consultations.book_slot", slot, _("This slot cannot be booked."))
    if not topic.strip() or not needs.strip():
        raise ValidationError({"topic": _("Say what you would like to talk about.")})
    try:
        with transaction.atomic():
            Slot.objects.select_for_update().filter(pk=slot.pk).exists()
            if Consultation.objects.filter(slot=slot, status=Consultation.Status.BOOKED).exists():
                raise SlotTaken(TAKEN, code="taken")
            consultation = Consultation.objects.create(slot=slot, member=by, field=field, topic=topic.strip()[:200],
                                                       stage=stage, needs=needs.strip())
            action_record(actor=by, verb=verbs.CONSULTATION_BOOKED, target=consultation,
                          data={"slot": slot.pk, "field": field.code if field else None})
    except IntegrityError as exc:
        raise SlotTaken(TAKEN, code="taken") from exc
    return consultation


def _cancel(consultation: Consultation, by) -> Consultation:
    old = consultation.status
    consultation.status, consultation.cancelled_at, consultation.cancelled_by = (
        Consultation.Status.CANCELLED, timezone.now(), by)
    consultation.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    action_record(actor=by, verb=verbs.CONSULTATION_CANCELLED, target=consultation,
                  data={"old": old, "new": consultation.status})
    return consultation


@transaction.atomic
def cancel(*, by, consultation: Consultation) -> Consultation:
    """The member cancels until the start; the coordinator and the operator at any time. The slot opens again."""
    require(by, "consultations.cancel_consultation", consultation,
            _("Only the member before the start, the coordinator or the operator cancels."))
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.status == Consultation.Status.CANCELLED:
        return locked
    return _cancel(locked, by)


@transaction.atomic
def notes_save(*, by, consultation: Consultation, private_note: str = "", follow_up: str = "",
               follow_up_on=None) -> Consultation:
    """The coordinator's private note and follow-up (next step and its date): old and new values are recorded,
    the note's text is not (it stays private; the action stream shows only that it changed)."""
    require(by, "consultations.write_notes", consultation, _("Only the coordinator writes the notes."))
    before = {"note_length": len(consultation.private_note), "follow_up": consultation.follow_up,
              "follow_up_on": consultation.follow_up_on}
    consultation.private_note, consultation.follow_up = private_note.strip(), follow_up.strip()[:300]
    consultation.follow_up_on = follow_up_on
    consultation.save(update_fields=["private_note", "follow_up", "follow_up_on"])
    after = {"note_length": len(consultation.private_note), "follow_up": consultation.follow_up,
             "follow_up_on": follow_up_on}
    action_record(actor=by, verb=verbs.CONSULTATION_NOTED, target=consultation, data=diff(before, after))
    return consultation


@transaction.atomic
def hand_to_matching(*, by, consultation: Consultation, seeking: str, description: str = "", skills=(),
                     creator_kinds=()) -> Consultation:
    """Ask matching for a partner company, a creator or an expert: an opening of kind consultation, made by
    matching's own service (its permission matching.run_matching is asked there too)."""
    require(by, "consultations.hand_off", consultation, _("Only the consultation's coordinator hands it on."))
    if seeking not in Consultation.Seeking.values:
        raise ValidationError({"seeking": _("Choose what to look for.")})
    if consultation.opening_id is not None:
        raise ValidationError({"seeking": _("This consultation has been handed to matching already.")})
    label = Consultation.Seeking(seeking).label
    opening = consultation_open(
        by=by, title=f"{label}: {consultation.topic}"[:200], description=description or consultation.needs[:2000],
        skills_preferred=list(skills), online=consultation.slot.online,
        municipality=consultation.slot.space.municipality,
        creator_kinds=list(creator_kinds) if seeking == Consultation.Seeking.CREATOR else ())
    consultation.opening, consultation.seeking = opening, seeking
    consultation.save(update_fields=["opening", "seeking"])
    action_record(actor=by, verb=verbs.CONSULTATION_HANDED_OFF, target=consultation,
                  data={"to": "matching", "opening": opening.pk, "seeking": seeking})
    return consultation


@transaction.atomic
def hand_to_team(*, by, consultation: Consultation, role, message: str = "") -> Consultation:
    """Introduce the member to an idea's team: an invitation to one of its open roles, made by teams' own service
    (which asks teams.manage_team of the coordinator)."""
    require(by, "consultations.hand_off", consultation, _("Only the consultation's coordinator hands it on."))
    application = invite(role=role, person=consultation.member, by=by, message=message)
    consultation.team_application = application
    consultation.save(update_fields=["team_application"])
    action_record(actor=by, verb=verbs.CONSULTATION_HANDED_OFF, target=consultation,
                  data={"to": "team", "idea": role.idea_id, "role": role.kind, "application": application.pk})
    return consultation
