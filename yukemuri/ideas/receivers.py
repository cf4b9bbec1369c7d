"""Ideas listen to the action stream: receivers run only after the action's transaction committed, so a
rolled-back change tells no one (docs/decisions/0009-action-stream.md)."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import translation

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from .models import Idea, Stage, StageChange
from .selectors import followers
from .stages import MESSAGES


@receiver(action_committed, dispatch_uid="ideas-tell-followers")
def tell_followers(sender, action, verb, **kwargs):
    """The idea's followers (except whoever moved it) hear that it moved, paused, closed or resumed."""
    if verb.name not in (verbs.IDEA_STAGE_CHANGED, verbs.IDEA_STATUS_CHANGED):
        return
    idea = Idea.objects.filter(pk=action.target_id).first()
    kind = action.data.get("kind")
    if idea is None or kind not in StageChange.Kind.values:
        return
    if verb.name == verbs.IDEA_STAGE_CHANGED:
        from_stage, to_stage = action.data["old"], action.data["new"]
    else:  # a status change leaves the stage where it was
        from_stage = to_stage = action.data.get("stage", idea.stage)
    with translation.override(None):  # keep the labels' msgids: each reader gets them in their language
        labels = {"from_label": str(Stage(from_stage).label), "to_label": str(Stage(to_stage).label)}
    with transaction.atomic():
        notify([p for p in followers(idea) if p.pk != action.actor_id], kind=NoticeKind.FOLLOWING, message=MESSAGES[kind],
               url=idea.get_absolute_url(), params={"title": idea.title, **labels})
