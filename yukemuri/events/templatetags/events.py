from django import template
from django.utils import timezone

from yukemuri.events.models import Event
from yukemuri.events.selectors import listed_events

register = template.Library()


@register.inclusion_tag("events/_upcoming.html")
def upcoming_events(count: int = 3):
    """The next events, for pages of other apps (the home page)."""
    events = list(listed_events().filter(ends_at__gte=timezone.now()).exclude(status=Event.Status.CANCELLED)
                  .order_by("starts_at", "id")[:count])
    return {"events": events}
