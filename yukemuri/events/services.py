"""Services for events: create series and sessions, register (people and guests), cancel, check in.

Seats are handed out under a row lock on the event, so the capacity is never exceeded and the
waiting list keeps the order in which registrations arrived, however many come at once.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.codes import normalise_code
from yukemuri.core.permissions import require
from yukemuri.core.services import place_from
from yukemuri.organisations.services import is_member
from yukemuri.people.signals import person_leaving
from yukemuri.privacy.models import AccessKind
from yukemuri.privacy.services import access_record
from yukemuri.regions.selectors import default_prefecture

from . import tasks
from .models import Event, EventKind, Registration, Series

Status = Registration.Status
ACTIVE = (Status.UNCONFIRMED, Status.CONFIRMED, Status.WAITLISTED)
EVENT_FIELDS = (
    "title", "title_kana", "title_en", "description", "venue_name", "address", "latitude", "longitude", "access",
    "parking", "online_url", "starts_at", "ends_at", "time_note", "capacity", "registration_opens_at",
    "registration_closes_at", "registration_note", "fee", "fee_detail", "facilitators", "organiser_name",
    "contact_name", "contact_phone", "contact_extension", "url", "notes", "step_free", "childcare",
    "easy_japanese", "interpretation", "accessibility_note",
)


def _check_organisations(by, organisations):
    """Only organisations one belongs to can be named as organisers (their members then run the event)."""
    for organisation in organisations:
        if not is_member(person=by, organisation=organisation):
            raise PermissionDenied(_("You can only name organisations you belong to as organisers."))


def _place(obj, place):
    prefecture, area, municipality = place_from(place, default_prefecture())
    if prefecture is None:
        raise ValidationError({"place": _("Choose where it takes place.")})
    obj.prefecture, obj.area, obj.municipality = prefecture, area, municipality


@transaction.atomic
def series_create(*, by, title: str, description: str = "", place=None, organisations=()) -> Series:
    """Start a series (e.g. 未来共創ワークショップ 2023 高崎安中); its sessions are added as events."""
    require(by, "events.organise", message=_("Only coordinators, municipal staff and verified organisations "
                                              "can organise events."))
    _check_organisations(by, organisations)
    series = Series(title=title.strip(), description=description.strip(), created_by=by)
    _place(series, place)
    series.save()
    series.organisers.set(organisations)
    return series


def _check_times(fields):
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends < starts:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    opens, closes = fields.get("registration_opens_at"), fields.get("registration_closes_at")
    if opens and closes and closes < opens:
        raise ValidationError({"registration_closes_at": _("Registration must close after it opens.")})
    if not (fields.get("venue_name") or fields.get("address") or fields.get("online_url")):
        raise ValidationError({"venue_name": _("Give a venue, an online link, or both.")})


@transaction.atomic
def event_create(*, by, kind: EventKind, place=None, series: Series | None = None, session_number=None,
                 organisations=(), **fields) -> Event:
    """Schedule an event, alone or as a session of a series the person runs."""
    if series is not None:
        require(by, "events.manage_series", series, _("You cannot organise this."))
        if session_number and series.sessions.filter(session_number=session_number).exists():
            raise ValidationError({"session_number": _("This series already has a session with that number.")})
    else:
        require(by, "events.organise", message=_("Only coordinators, municipal staff and verified organisations "
                                                  "can organise events."))
    _check_organisations(by, organisations)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    _check_times(fields)
    event = Event(kind=kind, series=series, session_number=session_number, created_by=by, **fields)
    if place is None and series is not None:
        event.prefecture, event.area, event.municipality = series.prefecture, series.area, series.municipality
    else:
        _place(event, place)
    event.save()
    event.organisers.set(organisations or (series.organisers.all() if series else ()))
    return event


@transaction.atomic
def event_update(*, event: Event, by, kind: EventKind | None = None, place=None, **fields) -> Event:
    """Change an event. Raising the capacity gives the new seats to the waiting list, in order."""
    require(by, "events.manage_event", event, _("You cannot organise this."))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    current = {name: getattr(locked, name) for name in EVENT_FIELDS}
    _check_times(current | fields)
    new_capacity = fields.get("capacity", locked.capacity)
    if new_capacity is not None and new_capacity < locked.confirmed_count:
        raise ValidationError({"capacity": _("%(count)s people are already confirmed; the capacity cannot be lower.")
                               % {"count": locked.confirmed_count}})
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise TypeError(f"unknown event field: {name}")
        setattr(locked, name, value)
    if kind is not None:
        locked.kind = kind
    if place is not None:
        _place(locked, place)
    locked.save()
    action_record(actor=by, verb=verbs.EVENT_UPDATED, target=locked,
                  data=diff(current, {name: getattr(locked, name) for name in EVENT_FIELDS}))
    _promote_waitlisted(locked)
    return locked


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str) -> Event:
    """Call the event off; everyone with a seat or a waiting place is told why, by e-mail."""
    require(by, "events.manage_event", event, _("You cannot organise this."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is cancelled: the people coming will read it.")})
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == Event.Status.CANCELLED:
        return locked
    old = locked.status
    locked.status, locked.notes = Event.Status.CANCELLED, reason.strip()
    locked.save(update_fields=["status", "notes", "updated_at"])
    action_record(actor=by, verb=verbs.EVENT_CANCELLED, target=locked,
                  data={"old": old, "new": locked.status, "reason": locked.notes})
    transaction.on_commit(lambda: tasks.notify_cancelled.enqueue(locked.pk))
    return locked


def registration_window_error(event: Event, now=None) -> str | None:
    """Why nobody can register now, or None when registration is open."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This event is cancelled.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration has not opened yet.")
    if now >= (event.registration_closes_at or event.starts_at):
        return _("Registration is closed.")
    return None


def _allocate(event: Event, registration: Registration) -> None:
    """Give a confirmed seat or a place on the waiting list; `event` is locked by the caller."""
    event.registration_sequence += 1
    registration.sequence = event.registration_sequence
    full = event.capacity is not None and (event.confirmed_count >= event.capacity or event.waitlist_count > 0)
    registration.status = Status.WAITLISTED if full else Status.CONFIRMED
    if full:
        event.waitlist_count += 1
    else:
        event.confirmed_count += 1
        registration.confirmed_at = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        registration_sequence=event.registration_sequence,
        confirmed_count=event.confirmed_count, waitlist_count=event.waitlist_count,
    )


@transaction.atomic
def register(*, event: Event, person=None, guest_name: str = "", guest_email: str = "", language: str = "ja",
             consent: bool = True) -> Registration:
    """Register a person (confirmed or waitlisted at once) or a guest (who first confirms by e-mail)."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    problem = registration_window_error(locked)
    if problem:
        raise ValidationError(problem)
    if person is not None:
        if Registration.objects.filter(event=locked, person=person, status__in=ACTIVE).exists():
            raise ValidationError(_("You are already registered for this event."))
        registration = Registration(event=locked, person=person, language=language)
        _allocate(locked, registration)
        registration.save()
        return registration
    guest_name, guest_email = guest_name.strip(), guest_email.strip().lower()
    if not guest_name or not guest_email:
        raise ValidationError(_("Give your name and e-mail address."))
    if not consent:
        raise ValidationError({"consent": _("We can only register you if you agree to this use of your data.")})
    existing = Registration.objects.filter(event=locked, guest_email=guest_email, status__in=ACTIVE).first()
    if existing is not None:
        # Same address again: send its link again rather than saying who registered.
        transaction.on_commit(lambda: tasks.send_guest_link.enqueue(existing.pk, secrets.token_hex(8)))
        return existing
    registration = Registration.objects.create(
        event=locked, guest_name=guest_name, guest_email=guest_email, language=language, status=Status.UNCONFIRMED,
        consented_at=timezone.now(),
    )
    transaction.on_commit(lambda: tasks.send_guest_link.enqueue(registration.pk, secrets.token_hex(8)))
    return registration


@transaction.atomic
def guest_confirm(*, registration: Registration) -> Registration:
    """A guest followed the link in the e-mail: now they take a seat or a place in the queue."""
    locked = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.UNCONFIRMED:
        return registration
    problem = registration_window_error(locked)
    if problem:
        raise ValidationError(problem)
    _allocate(locked, registration)
    registration.save(update_fields=["status", "sequence", "confirmed_at"])
    return registration


def _promote_waitlisted(event: Event) -> list[Registration]:
    """Fill free seats from the head of the waiting list; `event` is locked by the caller."""
    promoted = []
    while event.capacity is None or event.confirmed_count < event.capacity:
        head = (Registration.objects.select_for_update().filter(event=event, status=Status.WAITLISTED)
                .order_by("sequence").first())
        if head is None:
            break
        head.status, head.confirmed_at = Status.CONFIRMED, timezone.now()
        head.save(update_fields=["status", "confirmed_at"])
        event.confirmed_count += 1
        event.waitlist_count -= 1
        promoted.append(head)
    if promoted:
        Event.objects.filter(pk=event.pk).update(confirmed_count=event.confirmed_count,
                                                 waitlist_count=event.waitlist_count)
        for registration in promoted:
            transaction.on_commit(lambda pk=registration.pk: tasks.notify_promoted.enqueue(pk))
    return promoted


@transaction.atomic
def cancel(*, registration: Registration, by=None) -> Registration:
    """Give a place back. A freed seat goes to the first person waiting, who is told by e-mail."""
    if by is not None:  # None: the site itself (a leaving person's places go back)
        require(by, "events.cancel_registration", registration, _("You cannot cancel this registration."))
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    was = registration.status
    registration.status, registration.cancelled_at = Status.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was == Status.CONFIRMED:
        event.confirmed_count -= 1
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") - 1)
        _promote_waitlisted(event)
    elif was == Status.WAITLISTED:
        event.waitlist_count -= 1
        Event.objects.filter(pk=event.pk).update(waitlist_count=F("waitlist_count") - 1)
    return registration


@receiver(person_leaving)
def _cancel_registrations_of_leaving_person(sender, person, **kwargs):
    # The registrations would vanish with the account (cascade) and leave their seats counted as taken,
    # with nobody promoted from the waiting list: give each place back first, as a cancellation does.
    for registration in Registration.objects.filter(person=person, status__in=ACTIVE):
        cancel(registration=registration)


@transaction.atomic
def check_in(*, event: Event, code: str, by) -> tuple[Registration, bool]:
    """Mark a ticket as attended. Returns the registration and whether this call checked it in."""
    require(by, "events.manage_event", event, _("Only the event's organisers can check people in."))
    registration = (Registration.objects.select_for_update(of=("self",)).select_related("person")
                    .filter(event=event, code=normalise_code(code)).first())
    if registration is None:
        raise ValidationError({"code": _("No ticket of this event has that code.")})
    if registration.status != Status.CONFIRMED:
        raise ValidationError({"code": _("This ticket is not confirmed (%(status)s).")
                               % {"status": registration.get_status_display()}})
    if registration.checked_in_at:
        return registration, False
    registration.checked_in_at, registration.checked_in_by = timezone.now(), by
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    action_record(actor=by, verb=verbs.EVENT_CHECKED_IN, target=registration,
                  data={"event": event.pk, "old": None, "new": registration.checked_in_at.isoformat()})
    return registration, True


@transaction.atomic
def guest_registrations_claim(*, person) -> list[Registration]:
    """A person who proved an e-mail address takes over what they did as a guest under it: their guest
    registrations (tickets, waiting places, attendance, cancellations) become theirs, so the history stays
    one history. A guest place for an event the person already holds a place for stays a guest's (two active
    places of one person would break the one-place rule); the guest's name and address go, the account has them."""
    email = (person.email or "").strip().lower()
    if not (email and person.email_verified):
        return []
    held = set(Registration.objects.filter(person=person, status__in=ACTIVE).values_list("event_id", flat=True))
    claimed = []
    for registration in (Registration.objects.select_for_update().filter(person__isnull=True, guest_email=email)
                         .order_by("pk")):
        if registration.status in ACTIVE and registration.event_id in held:
            continue
        registration.person, registration.guest_name, registration.guest_email = person, "", ""
        registration.save(update_fields=["person", "guest_name", "guest_email"])
        if registration.status in ACTIVE:
            held.add(registration.event_id)
        claimed.append(registration)
    if claimed:
        action_record(actor=person, verb=verbs.EVENT_GUEST_CLAIMED, target=person,
                      data={"registrations": [registration.pk for registration in claimed],
                            "attended": [registration.pk for registration in claimed if registration.checked_in_at]})
    return claimed


def attendance_export(*, event, by) -> list:
    """The event's registrations for its organisers' attendance list; every registered person with an account
    gets a row in their access log (privacy: who exported my data, when)."""
    require(by, "events.manage_event", event, _("Only the event's organisers can check people in."))
    from .selectors import registrations_for

    registrations = list(registrations_for(event))
    access_record(viewer=by, people=[r.person_id for r in registrations if r.person_id],
                  kind=AccessKind.EVENT_ATTENDANCE, about=event.title)
    return registrations


def kind_ensure(*, slug: str, name: str, name_en: str) -> EventKind:
    """An event kind that a plan's indicators count (クリエイターラボラトリー …): made once, never renamed, so
    what operators changed in the admin stays."""
    from django.db.models import Max

    kind = EventKind.objects.filter(slug=slug).first()
    if kind is None:
        order = (EventKind.objects.aggregate(last=Max("sort_order"))["last"] or 0) + 1
        kind = EventKind.objects.create(slug=slug, name=name, name_en=name_en, sort_order=order)
    return kind
