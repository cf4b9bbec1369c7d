"""The help app's part of "download your data": the help slots I signed up for (お手伝い)."""

from .models import HelpSlot


def help_signups(person) -> list[dict]:
    slots = (HelpSlot.objects.filter(event__registrations__person=person).select_related("request", "event")
             .distinct().order_by("event__starts_at", "id"))
    return [{"request": s.request_id, "title": s.request.title, "slot_starts_at": s.event.starts_at} for s in slots]
