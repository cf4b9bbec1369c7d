"""Reads of assisted people and of what was entered for them (the supporters' pages, the log, /me/, reports)."""

from django.db.models import Count
from django.utils import timezone

from yukemuri.core.models import Channel
from yukemuri.events.selectors import listed_events
from yukemuri.help.selectors import public_requests
from yukemuri.ideas.selectors import channel_counts as idea_channel_counts
from yukemuri.issues.selectors import channel_counts as issue_channel_counts

from .models import AssistedEntry, AssistedPerson

FIND_LIMIT = 30


def assisted_people():
    return AssistedPerson.objects.select_related("person", "municipality", "registered_by")


def by_reference(reference: str):
    return assisted_people().filter(reference=reference.strip().upper()).first()


def find(*, reference: str = "", name: str = "", municipality=None) -> list:
    """By reference number, or by part of the name within one municipality: never a list of everyone."""
    if reference:
        found = by_reference(reference)
        return [found] if found else []
    if not name or municipality is None:
        return []
    queryset = assisted_people().filter(municipality=municipality)
    for word in name.split():
        queryset = queryset.filter(full_name__icontains=word) | queryset.filter(name_kana__icontains=word)
    return list(queryset.distinct()[:FIND_LIMIT])


def entries():
    return AssistedEntry.objects.select_related("person__assisted", "entered_by")


def entries_for(person):
    """What supporters and staff entered for this person (their /me/ page)."""
    return entries().filter(person=person)


def entries_by(person):
    return entries().filter(entered_by=person)


def filter_entries(queryset, data: dict):
    if data.get("channel"):
        queryset = queryset.filter(channel=data["channel"])
    if data.get("kind"):
        queryset = queryset.filter(kind=data["kind"])
    if data.get("reference"):
        queryset = queryset.filter(person__assisted__reference=data["reference"].strip().upper())
    if data.get("entered_by"):
        queryset = queryset.filter(entered_by__email__iexact=data["entered_by"].strip())
    if data.get("date_from"):
        queryset = queryset.filter(created_at__date__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(created_at__date__lte=data["date_to"])
    return queryset


def entry_counts() -> dict:
    """{(channel, kind): count} of everything entered for others."""
    return {(row["channel"], row["kind"]): row["n"]
            for row in AssistedEntry.objects.values("channel", "kind").annotate(n=Count("id"))}


def channel_table(start=None, end=None) -> list[dict]:
    """Issues and ideas per channel (web, supporter, paper, phone), in [start, end) when given."""
    issues, ideas = issue_channel_counts(start, end), idea_channel_counts(start, end)
    return [{"channel": value, "label": label, "issues": issues.get(value, 0), "ideas": ideas.get(value, 0)}
            for value, label in Channel.choices]


def upcoming_events():
    """Events a person can be registered for (not the help requests' slots: those are signed up for below)."""
    return listed_events().filter(starts_at__gte=timezone.now(), status="scheduled").order_by("starts_at", "id")


def help_slots() -> list[tuple]:
    """(request, slot) for every upcoming slot of a published request."""
    return [(request, slot) for request in public_requests() for slot in request.slots.all()]
