"""The space's calendar (RFC 5545): booked times as busy blocks (nobody named) and closures as all-day events."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from yukemuri.core.forms import one_line


def _host() -> str:
    return settings.YUKEMURI["SITE_URL"].split("://")[-1].split("/")[0].split(":")[0] or "yukemuri"


def space_calendar(space, bookings, closures, *, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//yukemuri//space//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(one_line(space.name)))
    cal.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    for booking in bookings:
        entry = VEvent()
        entry.add("uid", f"space-booking-{booking.pk}@{_host()}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", booking.starts_at)  # UTC: valid without a VTIMEZONE block
        entry.add("dtend", booking.ends_at)
        entry.add("summary", one_line(f"{booking.facility.name} — {_('booked')}"))
        entry["location"] = vText(one_line(f"{space.name} {booking.facility.name}"))
        entry.add("transp", "OPAQUE")
        entry.add("url", base_url.rstrip("/") + booking.facility.get_absolute_url())
        cal.add_component(entry)
    for closure in closures:
        entry = VEvent()
        entry.add("uid", f"space-closure-{closure.pk}@{_host()}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", closure.starts_on)
        entry.add("dtend", closure.ends_on + timedelta(days=1))  # DATE end is exclusive
        entry.add("summary", one_line(f"{space.name} — {_('closed')}: {closure.note or closure.get_reason_display()}"))
        cal.add_component(entry)
    return cal.to_ical()
