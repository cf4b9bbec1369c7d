"""始動人 — what a person did for the region, for their public profile when they choose to show it: ideas
posted, events attended grouped by kind (help given is attendance at events of kind `help`), and points earned.

It reads ideas, events and points through their selectors, so it lives in the site layer above them.
"""

from yukemuri.events.selectors import attendance_of
from yukemuri.ideas.selectors import public_ideas_by
from yukemuri.points.selectors import earned_total

HELP_KIND = "help"  # the kind of event a help request's slots are (the help app adds it)
RECENT = 5
MOST_EVENTS = 500  # a person attends far fewer; the bound keeps one profile from reading a whole table


def contributions_of(person) -> dict:
    """Counts and the latest items (a handful of queries, whatever the person did)."""
    ideas = public_ideas_by(person)
    attended = list(attendance_of(person).distinct().order_by("-starts_at", "-id")[:MOST_EVENTS])
    by_kind: dict = {}
    for event in attended:
        entry = by_kind.setdefault(event.kind.slug, {"kind": event.kind, "count": 0})
        entry["count"] += 1
    return {
        "idea_count": ideas.count(),
        "recent_ideas": list(ideas[:RECENT]),
        "event_count": len(attended),
        "events_by_kind": sorted(by_kind.values(), key=lambda entry: (-entry["count"], entry["kind"].sort_order)),
        "help_count": by_kind.get(HELP_KIND, {}).get("count", 0),
        "recent_events": attended[:RECENT],
        "points": earned_total(person),
    }
