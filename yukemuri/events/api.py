from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from yukemuri.core.api import (
    PageMeta,
    choice_query,
    id_path,
    id_query,
    listed,
    municipality_query,
    one_or_404,
    page_query,
    page_size_query,
    responses,
    text_query,
)

from .forms import EventFilterForm
from .selectors import event_list, listed_events

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


@router.get("/events", response=responses(EventPage), summary="Events (イベント)")
def list_events(request, when: str = choice_query(EventFilterForm.base_fields["when"], default="upcoming", max_length=10),
                area: int | None = id_query(), municipality: str = municipality_query(),
                kind: str = text_query(20, "The kind's slug.", example="workshop"),
                date_from: str = text_query(10, "YYYY-MM-DD", example="2026-06-03"),
                date_to: str = text_query(10, "YYYY-MM-DD", example="2026-06-30"),
                page: int = page_query(), page_size: int = page_size_query()):
    """Events, filtered like /events/: when (upcoming, past, all), area (id), municipality (6-digit code),
    kind (workshop, seminar, pitch, meetup, talk, other, help), date_from / date_to (YYYY-MM-DD, Japan time). As on
    /events/, a help request's time slots (kind help) are listed only when that kind is asked for."""
    return listed(request, EventFilterForm, listed_events(kind), page, page_size)


@router.get("/events/{int:event_id}", response=responses(EventOut, with_404=True), summary="One event")
def get_event(request, event_id: int = id_path()):
    return one_or_404(event_list(), event_id, _("No event has the id %(id)s."))
