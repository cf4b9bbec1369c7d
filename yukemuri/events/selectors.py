"""Reads of events for pages, feeds and the API."""

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch

from .forms import TOKYO
from .models import Event, Registration


def event_list():
    return Event.objects.select_related("kind", "municipality", "area", "prefecture", "series")


def listed_events(kind: str = ""):
    """The events of the events list, month view, calendars and the home page: without the kinds another page
    lists (a help request's slots are on /help/), unless `kind` asks for one of them."""
    from .kinds import UNLISTED

    if kind in UNLISTED:
        return event_list()
    return event_list().exclude(kind__slug__in=UNLISTED)


def event_detail(pk: int):
    return (event_list().prefetch_related("organisers", Prefetch("series__sessions", queryset=event_list()))
            .filter(pk=pk).first())


def events_in_month(year: int, month: int, queryset=None):
    first = date(year, month, 1)
    after = (first + timedelta(days=32)).replace(day=1)
    return (queryset if queryset is not None else event_list()).filter(
        starts_at__lt=datetime.combine(after, time.min, TOKYO),
        ends_at__gte=datetime.combine(first, time.min, TOKYO),
    ).order_by("starts_at", "id")


def registration_of(event, person):
    if not person.is_authenticated:
        return None
    return (Registration.objects.filter(event=event, person=person)
            .exclude(status=Registration.Status.CANCELLED).first())


def tickets_of(person):
    return (Registration.objects.filter(person=person).select_related("event", "event__kind", "event__municipality")
            .order_by("-event__starts_at"))


def registrations_for(event):
    """Everyone on an event's list, in arrival order (for its organisers)."""
    return (Registration.objects.filter(event=event).select_related("person")
            .exclude(status=Registration.Status.CANCELLED).order_by("sequence", "id"))


def registration_by_id(pk):
    """One registration with its person (None when there is none): for apps acting on a recorded check-in."""
    return Registration.objects.select_related("person").filter(pk=pk).first()


def registrations_by_ids(ids):
    return Registration.objects.filter(pk__in=ids).select_related("person")


def checked_in(*, events, person=None):
    """Registrations checked in at these events (a queryset or list of event ids), of people with an account, or
    of one person: how apps built on events (help slots) find attendance without reading events' tables."""
    found = Registration.objects.filter(event__in=events, checked_in_at__isnull=False, person__isnull=False)
    return found.filter(person=person) if person is not None else found


def signed_up(*, events):
    """The ids of the people with an account holding a confirmed place at these events (a queryset or list of
    event ids; a subquery): who helped or will help at a help request's slots, for apps built on events."""
    return (Registration.objects.filter(event__in=events, person__isnull=False, status=Registration.Status.CONFIRMED)
            .values("person_id"))


def attendance_of(person):
    """Events a person attended (checked in), for contribution points and KPIs."""
    return event_list().filter(registrations__person=person, registrations__checked_in_at__isnull=False)


def takes_part(event, person) -> bool:
    """Registered (confirmed) for this event or another session of its series."""
    if not person.is_authenticated:
        return False
    sessions = Event.objects.filter(series=event.series_id) if event.series_id else Event.objects.filter(pk=event.pk)
    return Registration.objects.filter(event__in=sessions, person=person, status=Registration.Status.CONFIRMED).exists()


def series_detail(pk: int):
    from .models import Series

    return (Series.objects.select_related("prefecture", "area", "municipality").prefetch_related("organisers")
            .filter(pk=pk).first())


def sessions_of(series):
    return event_list().filter(series=series).order_by("session_number", "starts_at")


def series_list():
    from .models import Series

    return Series.objects.select_related("area", "municipality", "prefecture").order_by("-created_at", "-id")


def attendee_ids(person_ids) -> set[int]:
    """Which of these people were checked in at any event (for 'new to co-creation')."""
    from .models import Registration

    return set(Registration.objects.filter(person_id__in=person_ids, checked_in_at__isnull=False)
               .values_list("person_id", flat=True))


# Where an event comes from when a higher app made it (a help request's slot): the help app hands over its
# origin_of in HelpConfig.ready, so the event page links back without events importing help.
ORIGINS = {}


def provide_origin(origin_of) -> None:
    ORIGINS["of"] = origin_of


def origin_of(event) -> dict | None:
    """{"title", "url", "label"} of what the event belongs to, or None."""
    if "of" in ORIGINS:
        return ORIGINS["of"](event)
    return None


# What a session produced (its diagrams, and the issues and ideas born there) is known to the workshops app, which
# is built on events: it hands its produced_by over in WorkshopsConfig.ready, so events imports no workshops
# (docs/decisions/0010-layers.md).
PRODUCED = {}


def provide_produced_by(produced_by) -> None:
    PRODUCED["by"] = produced_by


def produced_by(events) -> dict:
    """Per event id: its diagrams, and the published issues and ideas born there (nothing without workshops)."""
    if "by" in PRODUCED:
        return PRODUCED["by"](events)
    return {event.pk: {"diagrams": [], "issues": [], "ideas": []} for event in events}


def check_ins_by_kind(kind_slug: str) -> list:
    """(check-in time, area name) of every check-in at an event of this kind (for the indicators of kpi)."""
    rows = Registration.objects.filter(checked_in_at__isnull=False, event__kind__slug=kind_slug).values_list(
        "checked_in_at", "event__area__name").order_by("checked_in_at")
    return [(at, area or "") for at, area in rows]


def events_held_by_kind(kind_slug: str, now=None) -> list:
    """(start, area name) of every event of this kind that was held: not cancelled and already over (実施回数,
    for the indicators of kpi)."""
    from django.utils import timezone

    rows = Event.objects.filter(kind__slug=kind_slug, ends_at__lte=now or timezone.now()).exclude(
        status=Event.Status.CANCELLED).values_list("starts_at", "area__name").order_by("starts_at")
    return [(at, area or "") for at, area in rows]


def participant_ids(start, end) -> set[int]:
    """People with an account who registered for an event (a help request's slot included: that is answering
    help) or were checked in at one in [start, end); cancelled registrations count when made in the period
    (signing up is taking part). For the participation rate of kpi."""
    from django.db.models import Q

    return set(Registration.objects.filter(person__isnull=False).filter(
        Q(created_at__gte=start, created_at__lt=end) | Q(checked_in_at__gte=start, checked_in_at__lt=end))
        .values_list("person_id", flat=True).distinct())
