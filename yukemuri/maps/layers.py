"""What each layer of the map shows, read through the apps' own selectors: one row per thing, with its place.

A thing with a point (latitude and longitude) is a marker; one without is counted in the municipality (or
municipalities, 広域) it concerns. Each layer reads at most LIMIT rows, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.utils import timezone

from yukemuri.core.selectors import concerning
from yukemuri.events.models import Event
from yukemuri.events.selectors import listed_events
from yukemuri.facilities.selectors import facility_list
from yukemuri.help.selectors import public_requests
from yukemuri.ideas.selectors import idea_cards
from yukemuri.issues.selectors import issue_cards

LIMIT = 500


@dataclass
class Item:
    key: str  # "issues-12": the anchor of its row in the list
    title: str
    url: str
    municipality: object | None  # regions.Municipality
    place_label: str  # for things with no municipality: the area or prefecture
    state: str = ""  # a CSS hook per state (e.g. an issue's status)
    answer: str = ""  # 公式回答: an issue's latest official answer state ("" when none)
    answer_label: str = ""  # …and its name in the reader's language
    shared: list = field(default_factory=list)  # 広域: other municipalities it concerns
    latitude: float | None = None
    longitude: float | None = None
    anchored: bool = False  # set by the list: its first row carries the anchor

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def municipalities(self) -> list:
        return ([self.municipality] if self.municipality else []) + self.shared


def _places(queryset, data):
    if data.get("municipality"):
        return queryset.filter(municipality=data["municipality"])
    if data.get("area"):
        return queryset.filter(municipality__area=data["area"])
    return queryset


def _posts(queryset, data, status_field):
    if data.get("municipality"):
        queryset = concerning(queryset, municipality=data["municipality"])
    elif data.get("area"):
        queryset = concerning(queryset, area=data["area"])
    if data.get("sdg"):
        queryset = queryset.filter(sdgs__number=data["sdg"])
    if data.get("theme"):
        queryset = queryset.filter(themes__name__iexact=data["theme"])
    if data.get(status_field):
        queryset = queryset.filter(**{status_field: data[status_field]})
    return queryset.prefetch_related("municipalities").order_by("-created_at", "-id")[:LIMIT]


def _post_items(layer, posts, state_field):
    return [Item(key=f"{layer}-{post.pk}", title=post.title, url=post.get_absolute_url(),
                 municipality=post.municipality, place_label=str(post.place), state=getattr(post, state_field),
                 shared=[m for m in post.municipalities.all() if m.pk != post.municipality_id],
                 latitude=post.latitude, longitude=post.longitude,
                 answer=getattr(post, "answer_state", ""),
                 answer_label=post.get_answer_state_display() if getattr(post, "answer_state", "") else "")
            for post in posts]


def issues(data):
    return _post_items("issues", _posts(issue_cards(), data, "status"), "status")


def ideas(data):
    return _post_items("ideas", _posts(idea_cards(), data, "stage"), "stage")


def events(data):
    upcoming = listed_events().filter(status=Event.Status.SCHEDULED, ends_at__gte=timezone.now())
    return [Item(key=f"events-{event.pk}", title=event.title, url=event.get_absolute_url(),
                 municipality=event.municipality, place_label=str(event.place), state=event.status,
                 latitude=event.latitude, longitude=event.longitude)
            for event in _places(upcoming, data).order_by("starts_at", "id")[:LIMIT]]


def help_requests(data):
    return [Item(key=f"help-{request.pk}", title=request.title, url=request.get_absolute_url(),
                 municipality=request.municipality, place_label=str(request.municipality),
                 state="disaster" if request.disaster else request.kind,
                 latitude=request.latitude, longitude=request.longitude)
            for request in _places(public_requests(), data)[:LIMIT]]


def facilities(data):
    return [Item(key=f"facilities-{facility.pk}", title=facility.name, url=facility.get_absolute_url(),
                 municipality=facility.municipality, place_label=str(facility.municipality or facility.prefecture),
                 state="facility", latitude=facility.latitude, longitude=facility.longitude)
            for facility in _places(facility_list(), data)[:LIMIT]]


READERS = {"issues": issues, "ideas": ideas, "events": events, "help": help_requests, "facilities": facilities}


def items_of(layer: str, data: dict) -> list[Item]:
    return READERS[layer](data)
