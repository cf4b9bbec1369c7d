"""iCalendar (RFC 5545) for one event, a series or an area, built with the `icalendar` library."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from yukemuri.core.forms import one_line


def _uid(event) -> str:
    host = settings.YUKEMURI["SITE_URL"].split("://")[-1].split("/")[0].split(":")[0] or "yukemuri"
    return f"event-{event.pk}@{host}"


def calendar_for(events, *, name: str, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//yukemuri//events//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # One-line values stay on one line: a title with a line break (typed before forms removed them, or
    # imported) would otherwise make an invalid content line, and the whole calendar fail.
    cal.add("x-wr-calname", vText(one_line(name)))
    cal.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    for event in events:
        entry = VEvent()
        entry.add("uid", _uid(event))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_at)  # UTC: valid without a VTIMEZONE block
        entry.add("dtend", event.ends_at)
        entry.add("summary", one_line(event.title))
        url = base_url.rstrip("/") + event.get_absolute_url()
        entry.add("url", url)
        text = event.description.strip()
        if event.online_url:
            text = f"{text}\n\nOnline: {event.online_url}".strip()
        entry.add("description", f"{text}\n\n{url}".strip())
        where = one_line(", ".join(part for part in (event.venue_name, event.address) if part) or event.online_url)
        if where:
            entry["location"] = vText(where)
        if event.latitude is not None and event.longitude is not None:
            entry.add("geo", (event.latitude, event.longitude))
        entry.add("status", "CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED")
        entry.add("last-modified", event.updated_at)
        cal.add_component(entry)
    return cal.to_ical()
