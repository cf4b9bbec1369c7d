"""The events app's part of "download your data": my registrations and tickets."""

from .models import Registration


def registrations(person) -> list[dict]:
    return [{"event": r.event_id, "title": r.event.title, "starts_at": r.event.starts_at, "status": r.status,
             "ticket": r.code, "registered_at": r.created_at, "checked_in_at": r.checked_in_at,
             "cancelled_at": r.cancelled_at}
            for r in Registration.objects.filter(person=person).select_related("event").order_by("created_at", "id")]
