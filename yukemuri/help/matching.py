"""Suggested helpers for a help slot, through the matching engine: each slot has a volunteer Opening (made with
the slot, kept in step with its times, helpers and skills); the host sees the best people with reasons and
invites or declines them. An invited person answers in their suggestions (/me/suggestions/); a yes signs them
up for the slot (receivers.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core.permissions import require
from yukemuri.events.forms import TOKYO
from yukemuri.matching import services as matching
from yukemuri.matching.models import Suggestion
from yukemuri.matching.selectors import candidate_pool, ranked_people

PARTS = ((12, "am"), (17, "pm"), (24, "eve"))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def slot_times(event) -> list[str]:
    """The matching availability slot ("sat-am") the time slot starts in."""
    start = timezone.localtime(event.starts_at, TOKYO)
    part = next(name for hour, name in PARTS if start.hour < hour)
    return [f"{WEEKDAYS[start.weekday()]}-{part}"]


def mirror(slot) -> None:
    """Create or bring up to date the slot's opening (called by the slot services, in their transaction)."""
    help_request, event = slot.request, slot.event
    left = 0 if help_request.status == "closed" else (event.seats_left if event.capacity else 1)
    opening = matching.opening_mirror(
        title=f"{help_request.title} — {timezone.localtime(event.starts_at, TOKYO):%Y-%m-%d %H:%M}",
        url=help_request.get_absolute_url(), municipality=help_request.municipality, online=help_request.online,
        count=left, slots=slot_times(event), skills=list(help_request.skills.all()),
        created_by=help_request.created_by, opening=slot.opening)
    if slot.opening_id != opening.pk:
        slot.opening = opening
        slot.save(update_fields=["opening"])


def suggested_for(slot, limit: int = 10) -> list[dict]:
    """The best people for the slot with reasons, and what happened to each suggestion made so far. Reads only."""
    if slot.opening_id is None:
        return []
    made = {s.person_id: s for s in Suggestion.objects.filter(opening_id=slot.opening_id)}
    rows = [{"person": person, "score": score, "reasons": reasons, "suggestion": made.get(person.pk)}
            for person, score, reasons in ranked_people(slot.opening, limit=limit, pool=candidate_pool())]
    return rows


@transaction.atomic
def host_answer(*, slot, by, person_id, answer: str):
    """The host invites a suggested person (they are told and answer) or declines them (never suggested again)."""
    require(by, "help.manage", slot.request, _("Only the request's hosts can do this."))
    try:
        person_id = int(person_id)
    except (TypeError, ValueError):
        raise ValidationError(_("This person is not among the suggested people.")) from None
    if slot.opening_id is None:
        raise ValidationError(_("This time slot takes no suggestions."))
    if answer == "invite":
        return matching.offer(opening=slot.opening, person_id=person_id)
    if answer == "decline":
        return matching.pass_over(opening=slot.opening, person_id=person_id)
    raise ValidationError(_("Choose invite or decline."))
