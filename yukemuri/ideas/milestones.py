"""Milestones on an idea's way, and its progress in percent."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.core.permissions import require

from .models import Milestone


def milestone_add(*, idea, by, title: str, due_on) -> Milestone:
    require(by, "ideas.move_idea", idea, _("Only the idea's team leads, coordinators and staff can plan milestones."))
    if not title.strip():
        raise ValidationError({"title": _("Name the milestone.")})
    return Milestone.objects.create(idea=idea, title=title.strip(), due_on=due_on)


def milestone_done(*, milestone, by, done: bool = True) -> Milestone:
    require(by, "ideas.move_idea", milestone.idea,
            _("Only the idea's team leads, coordinators and staff can update milestones."))
    milestone.done_on = timezone.localdate() if done else None
    milestone.save(update_fields=["done_on"])
    return milestone


def progress(milestones) -> int | None:
    """Percent of milestones done, or None when there are none."""
    milestones = list(milestones)
    if not milestones:
        return None
    return round(100 * sum(m.is_done for m in milestones) / len(milestones))


def next_milestone(milestones):
    return next((m for m in sorted(milestones, key=lambda m: (m.due_on, m.pk)) if not m.is_done), None)
