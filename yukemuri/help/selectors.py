"""Reads of help requests for the list, the detail and the hosts' pages, and for other apps (ties)."""

from datetime import datetime, time

from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.events.forms import TOKYO
from yukemuri.events.models import Event

from .models import HelpRequest, HelpSlot


def _slots():
    return HelpSlot.objects.select_related("event", "event__municipality").order_by("event__starts_at", "id")


def _upcoming_slot(now):
    return HelpSlot.objects.filter(request=OuterRef("pk"), event__ends_at__gte=now,
                                   event__status=Event.Status.SCHEDULED)


def public_requests(now=None):
    """Published requests with a slot still to come, disaster support first, then the soonest slot first."""
    now = now or timezone.now()
    return (HelpRequest.objects.filter(status=HelpRequest.Status.PUBLISHED)
            .filter(Exists(_upcoming_slot(now)))
            .annotate(next_start=Min("slots__event__starts_at", filter=Q(slots__event__ends_at__gte=now)))
            .select_related("host", "municipality", "municipality__area")
            .prefetch_related("skills", Prefetch("slots", queryset=_slots().filter(event__ends_at__gte=now)))
            .order_by("-disaster", "next_start", "id"))


def open_requests(municipality=None, limit=None):
    """Published, not closed requests with upcoming slots (for a municipality's ties page, and anyone else)."""
    queryset = public_requests()
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset[:limit] if limit else queryset


def filter_requests(queryset, data: dict):
    """Apply the list's cleaned filters (HelpFilterForm)."""
    if data.get("municipality"):
        queryset = queryset.filter(municipality=data["municipality"])
    elif data.get("area"):
        queryset = queryset.filter(municipality__area=data["area"])
    if data.get("kind"):
        queryset = queryset.filter(kind=data["kind"])
    if data.get("skill"):
        queryset = queryset.filter(skills__name__iexact=data["skill"])
    if data.get("online") == "yes":
        queryset = queryset.filter(online=True)
    elif data.get("online") == "no":
        queryset = queryset.filter(online=False)
    slots = HelpSlot.objects.filter(request=OuterRef("pk"))
    if data.get("date_from"):
        slots = slots.filter(event__ends_at__gte=datetime.combine(data["date_from"], time.min, TOKYO))
    if data.get("date_to"):
        slots = slots.filter(event__starts_at__lte=datetime.combine(data["date_to"], time.max, TOKYO))
    if data.get("date_from") or data.get("date_to"):
        queryset = queryset.filter(Exists(slots))
    return queryset


def request_detail(pk: int):
    return (HelpRequest.objects.select_related("host", "municipality", "created_by").prefetch_related(
        "skills", Prefetch("slots", queryset=_slots())).filter(pk=pk).first())


def shown_requests_for_ids(ids):
    """The requests with these ids that anyone may read (not drafts): for the communities that link them."""
    return HelpRequest.objects.exclude(status=HelpRequest.Status.DRAFT).filter(pk__in=ids).select_related("municipality")


def requests_managed_by(person):
    """The requests a person hosts (drafts included), newest first."""
    if not person.is_authenticated:
        return HelpRequest.objects.none()
    return (HelpRequest.objects.filter(Q(host__memberships__person=person) | Q(host__isnull=True, created_by=person))
            .distinct().select_related("municipality").order_by("-created_at", "-id"))


def slot_of(request, slot_pk):
    return _slots().filter(request=request, pk=slot_pk).first()


def origin_of(event) -> dict | None:
    """The request an event is a slot of, for the event page's link back (events.selectors.origin_of)."""
    slot = HelpSlot.objects.select_related("request").filter(event=event).first()
    if slot is None:
        return None
    return {"title": slot.request.title, "url": reverse("help_detail", args=[slot.request_id]),
            "label": _("A time slot of the help request")}


def slot_for_event(event_id):
    return HelpSlot.objects.select_related("request", "request__host", "request__municipality").filter(
        event_id=event_id).first()


def slot_for_opening(opening_id):
    if not opening_id:
        return None
    return HelpSlot.objects.select_related("event", "request").filter(opening_id=opening_id).first()


def helpers_attended() -> list:
    """Everyone with an account checked in at a help slot (the sweep that gives points a receiver missed)."""
    from django.contrib.auth import get_user_model

    from yukemuri.events.selectors import checked_in

    attended = checked_in(events=HelpSlot.objects.values("event_id"))
    return list(get_user_model().objects.filter(pk__in=attended.values("person_id")))


def nearby_people(help_request):
    """Who hears of a newly published request "near me" (0023): the people who opted in to such notices and either
    live in its municipality (their profile says so) or signed up for a help request there before; never the
    person who posted it. A profile's skills alone tell no one: the hosts find skilled people through the
    suggestions (matching.py), and the person is asked there."""
    from yukemuri.events.selectors import signed_up
    from yukemuri.notifications.choices import opted_in
    from yukemuri.notifications.models import NoticeKind
    from yukemuri.people.models import User

    helped_here = signed_up(events=HelpSlot.objects.filter(request__municipality_id=help_request.municipality_id)
                            .exclude(request=help_request).values("event_id"))
    return (User.objects.filter(is_active=True, pk__in=opted_in(NoticeKind.HELP_NEARBY))
            .filter(Q(home_municipality_id=help_request.municipality_id) | Q(pk__in=helped_here))
            .exclude(pk=help_request.created_by_id or 0).order_by("pk"))


def request_visible_to(pk: int, viewer):
    """The request if `viewer` may read it (a draft is its hosts' and staff's alone), else None."""
    found = request_detail(pk)
    return found if found is not None and viewer.has_perm("help.view", found) else None
