from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from yukemuri.core.api import PageMeta, filtered, page_of

from .forms import EventFilterForm
from .selectors import event_list

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    series_id: int | None
    session_number: int | None
    prefecture: str
    area_id: int | None
    municipality: str | None
    venue_name: str
    address: str
    latitude: float | None
    longitude: float | None
    online: bool
    capacity: int | None
    seats_left: int | None
    waitlist_count: int
    fee: str
    step_free: bool
    childcare: bool
    easy_japanese: bool
    interpretation: list[str]
    accessibility_note: str
    url: str
    ics: str

    @staticmethod
    def resolve_kind(obj):
        return obj.kind.slug

    @staticmethod
    def resolve_prefecture(obj):
        return obj.prefecture.code

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_online(obj):
        return obj.is_online

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(obj.get_absolute_url())

    @staticmethod
    def resolve_ics(obj, context):
        from django.urls import reverse

        return context["request"].build_absolute_uri(reverse("event_ics", args=[obj.pk]))


class EventPage(PageMeta):
    results: list[EventOut]


@router.get("/events", response=EventPage, summary="Events (イベント)")
def list_events(request, when: str = "upcoming", area: int | None = None, municipality: str = "", kind: str = "",
                date_from: str = "", date_to: str = "", page: int = 1, page_size: int = 20):
    """Events, filtered like /events/: when (upcoming, past, all), area (id), municipality (6-digit code),
    kind (workshop, seminar, pitch, meetup, talk, other), date_from / date_to (YYYY-MM-DD, Japan time)."""
    _form, queryset = filtered(request, EventFilterForm, event_list())
    page_obj, meta = page_of(request, queryset, page, page_size)
    return {**meta, "results": list(page_obj.object_list)}


@router.get("/events/{int:event_id}", response=EventOut, summary="One event")
def get_event(request, event_id: int):
    event = event_list().filter(pk=event_id).first()
    if event is None:
        raise Http404(_("No event has the id %(id)s.") % {"id": event_id})
    return event
