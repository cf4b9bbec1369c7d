"""Moderation listens to the action stream: receivers run after the action's transaction committed."""

from django.dispatch import receiver

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed


@receiver(action_committed, dispatch_uid="moderation-tell-author")
def tell_author(sender, action, verb, **kwargs):
    """A hidden post's author learns why by e-mail (the task checks they may be e-mailed)."""
    if verb.name == verbs.POST_HIDDEN and action.concerns_id:
        from .tasks import notify_author_of_action

        notify_author_of_action.enqueue(action.pk)
